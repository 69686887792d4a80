// Data dir resolution: flag, then RSNN_STUDIO_DATA, then the OS app-data folder.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { defaultDataDir, resolveDataDir, storePaths } from '../../../src/main/paths';
describe('paths', () => {
    it('prefers the flag, then the env, then the OS folder', () => {
        expect(resolveDataDir('rel/dir', { RSNN_STUDIO_DATA: '/env' })).toBe(resolve('rel/dir'));
        expect(resolveDataDir(undefined, { RSNN_STUDIO_DATA: '/env' })).toBe('/env');
        expect(defaultDataDir('linux', {}, '/home/u')).toBe('/home/u/.config/rsnn-studio');
        expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/u')).toBe('/x/rsnn-studio');
        expect(defaultDataDir('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/rsnn-studio');
        expect(storePaths('/d')).toEqual({ dataDir: '/d', db: '/d/studio.db', datasetsDir: '/d/datasets' });
    });
});

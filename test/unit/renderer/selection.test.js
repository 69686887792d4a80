// Which run/dataset a view shows, and distinct labels for runs that share a name.
import { describe, expect, it } from 'vitest';
import { pickRun, runLabels } from '../../../src/renderer/src/lib/selection';
describe('pickRun', () => {
    const runs = [{ id: 'a' }, { id: 'b' }];
    it('keeps the URL choice when it exists, else the first', () => {
        expect(pickRun(runs, 'b')?.id).toBe('b');
        expect(pickRun(runs, 'gone')?.id).toBe('a');
        expect(pickRun(runs, undefined)?.id).toBe('a');
        expect(pickRun([], 'a')).toBeNull();
    });
});
describe('runLabels', () => {
    it('adds an id suffix only where names collide', () => {
        expect(runLabels([
            { runId: 'run-1-abcdef', name: 'seed 0' },
            { runId: 'run-2-123456', name: 'seed 0' },
            { runId: 'run-3-zzzzzz', name: 'other' }
        ])).toEqual(['seed 0 (abcdef)', 'seed 0 (123456)', 'other']);
    });
});

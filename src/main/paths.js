// Where the store lives: --store/--data-dir flag, else RSNN_STUDIO_DATA, else the OS app-data folder.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
export const APP_FOLDER = 'rsnn-studio';
/** The OS's per-user app-data folder for RSNN Studio (Linux: $XDG_CONFIG_HOME or ~/.config/rsnn-studio). */
export function defaultDataDir(platform = process.platform, env = process.env, home = homedir()) {
    if (platform === 'win32')
        return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
    if (platform === 'darwin')
        return join(home, 'Library', 'Application Support', APP_FOLDER);
    return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_FOLDER);
}
/**
 * The data dir for this process. `flag` is the value of --store/--data-dir when given.
 * Relative paths resolve against the current directory.
 */
export function resolveDataDir(flag, env = process.env) {
    if (flag)
        return resolve(flag);
    const fromEnv = env['RSNN_STUDIO_DATA'];
    if (fromEnv)
        return resolve(fromEnv);
    return defaultDataDir(process.platform, env);
}
export function storePaths(dataDir) {
    return { dataDir, db: join(dataDir, 'studio.db'), datasetsDir: join(dataDir, 'datasets') };
}

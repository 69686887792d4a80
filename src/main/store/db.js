// Opens the app's SQLite database: WAL, busy_timeout, foreign keys, migrations. One connection per process.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '@shared/contract/errors';
import { migrate } from './migrations';
/** How long a writer waits for another process's lock before failing, ms (CLI runs may overlap the app). */
export const BUSY_TIMEOUT_MS = 10_000;
/**
 * Opens (creating if needed) the database at `file`, or in memory for ':memory:', and brings its schema up to
 * date. Several processes may open the same file: WAL lets readers run beside one writer, and busy_timeout
 * makes a second writer wait instead of failing.
 */
export function openDb(file) {
    if (file !== ':memory:')
        mkdirSync(dirname(file), { recursive: true });
    let db;
    try {
        db = new Database(file);
    }
    catch (err) {
        throw new AppError('IO_ERROR', `cannot open the database: ${err.message}`, { file });
    }
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
}

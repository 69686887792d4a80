// Opens the app's SQLite database: WAL, busy_timeout, foreign keys, migrations. One connection per process.
import Database from 'better-sqlite3'
import { mkdirSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import { AppError } from '@shared/contract/errors'
import { migrate } from './migrations'

export type Db = Database.Database

/** How long a writer waits for another process's lock before failing, ms (CLI runs may overlap the app). */
export const BUSY_TIMEOUT_MS = 10_000

/**
 * Opens (creating if needed) the database at `file`, or in memory for ':memory:', and brings its schema up to
 * date. Several processes may open the same file: WAL lets readers run beside one writer, and busy_timeout
 * makes a second writer wait instead of failing.
 */
export function openDb(file: string): Db {
  if (file !== ':memory:') ensureStoreFolder(dirname(file))
  let db: Db
  try {
    db = new Database(file)
  } catch (err) {
    throw new AppError('IO_ERROR', `cannot open the database: ${(err as Error).message}`, { file })
  }
  try {
    // busy_timeout first: switching to WAL itself needs a lock another process may hold.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    migrate(db)
  } catch (err) {
    db.close()
    // SQLite's own message ("file is not a database") does not say which file.
    const code = (err as { code?: unknown }).code
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError('IO_ERROR', `not a readable RSNN Studio database (${(err as Error).message})`, { file })
    }
    throw err
  }
  return db
}

/** Creates the store folder; a file where the folder should be gets one clear line, not a raw EEXIST. */
function ensureStoreFolder(dir: string): void {
  try {
    const kind = statSync(dir, { throwIfNoEntry: false })
    if (kind && !kind.isDirectory()) {
      throw new AppError('INVALID_INPUT', 'is a file, but the store must be a folder (the one that holds studio.db)', {
        file: dir
      })
    }
    mkdirSync(dir, { recursive: true })
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError(
      'IO_ERROR',
      `cannot create the store folder (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { file: dir }
    )
  }
}

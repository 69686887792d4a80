// Ordered schema migrations keyed by PRAGMA user_version. Append only; never edit a released entry.
// Other domains append theirs here (runs, metrics, checkpoints): the version is the array position + 1.
import type Database from 'better-sqlite3'
import { bestTTrialMigration } from './best-t-trial-schema'
import { ceilingsMigration } from './ceilings-schema'
import { runsMigration } from './runs-schema'
import { perturbationsMigration } from './perturbations-schema'
import { sweepsMigration } from './sweeps-schema'
import type { Migration } from './migration'

export type { Migration }

export const migrations: Migration[] = [
  {
    name: 'datasets, files, sessions, units, trials',
    up: (db) =>
      db.exec(`
        CREATE TABLE datasets (
          id            TEXT PRIMARY KEY,
          name          TEXT NOT NULL,
          content_hash  TEXT NOT NULL UNIQUE,  -- sha256 of the source files' hashes + the mapping
          mapping_json  TEXT NOT NULL,
          h5_file       TEXT NOT NULL,         -- bulk arrays, relative to the data dir
          areas_json    TEXT NOT NULL,
          n_units       INTEGER NOT NULL,
          n_trials      INTEGER NOT NULL,
          has_behaviour INTEGER NOT NULL,
          created_at    TEXT NOT NULL
        );
        CREATE TABLE dataset_files (
          dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
          position   INTEGER NOT NULL,
          path       TEXT NOT NULL,
          sha256     TEXT NOT NULL,
          PRIMARY KEY (dataset_id, position)
        );
        CREATE TABLE sessions (
          dataset_id   TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
          idx          INTEGER NOT NULL,
          name         TEXT NOT NULL,
          source_file  TEXT NOT NULL,
          summary_json TEXT NOT NULL,          -- SessionSummary (units per area, trials per outcome, window)
          PRIMARY KEY (dataset_id, idx)
        );
        CREATE TABLE units (
          dataset_id  TEXT NOT NULL,
          session_idx INTEGER NOT NULL,
          idx         INTEGER NOT NULL,
          source_id   REAL NOT NULL,
          area        TEXT NOT NULL,
          type        TEXT NOT NULL CHECK (type IN ('E', 'I', 'unknown')),
          rate_hz     REAL NOT NULL,
          PRIMARY KEY (dataset_id, session_idx, idx),
          FOREIGN KEY (dataset_id, session_idx) REFERENCES sessions(dataset_id, idx) ON DELETE CASCADE
        );
        CREATE TABLE trials (
          dataset_id   TEXT NOT NULL,
          session_idx  INTEGER NOT NULL,
          idx          INTEGER NOT NULL,
          source_index INTEGER NOT NULL,
          outcome      TEXT NOT NULL CHECK (outcome IN ('Hit', 'Miss', 'CR', 'FA')),
          stimulus     REAL NOT NULL,
          align_time   REAL NOT NULL,
          PRIMARY KEY (dataset_id, session_idx, idx),
          FOREIGN KEY (dataset_id, session_idx) REFERENCES sessions(dataset_id, idx) ON DELETE CASCADE
        );
      `)
  },
  runsMigration,
  perturbationsMigration,
  ceilingsMigration,
  sweepsMigration,
  bestTTrialMigration
]

/**
 * Applies every migration above the database's user_version, each in its own IMMEDIATE transaction that
 * re-reads the version, so two processes opening a fresh store at once apply each migration exactly once.
 * Refuses a database written by a newer app version.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = migrations): void {
  const current = (): number => db.pragma('user_version', { simple: true }) as number
  if (current() > list.length) {
    throw new Error(`database schema v${current()} is newer than this app (v${list.length}); update RSNN Studio`)
  }
  for (let v = current(); v < list.length; v = current()) {
    db.transaction(() => {
      const at = current()
      if (at >= list.length) return
      const m = list[at]!
      try {
        m.up(db)
      } catch (err) {
        throw new Error(`migration ${at + 1} (${m.name}) failed: ${(err as Error).message}`, { cause: err })
      }
      db.pragma(`user_version = ${at + 1}`)
    }).immediate()
    if (current() === v) break // defensive: never loop without progress
  }
}

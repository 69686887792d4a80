// Copies one run (rows and checkpoint files) from another store into this one, atomically: the files go to a
// temporary folder, then one IMMEDIATE transaction inserts every row and renames the folder into place. A run
// already here is left as it is (copying twice adds nothing).
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { Db } from './db'

/** Tables of a run, with the columns copied (row ids are this store's own). */
const RUN_TABLES = ['runs', 'run_steps', 'run_evaluations', 'run_events', 'checkpoints'] as const

function columns(db: Db, schema: string, table: string): string[] {
  return (db.prepare(`PRAGMA ${schema}.table_info(${table})`).all() as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'id' || table === 'runs')
}

export interface CopyRunOptions {
  /** Store folder and database file of the source. */
  fromDir: string
  runId: string
  /** This store's folder. */
  dataDir: string
  /** The dataset the run should point to here (the source store imported its own copy). */
  dataset?: { id: string; name: string }
  /** A note recorded with the run once copied. */
  note?: string
}

/** @returns true when copied, false when the run was already in this store. */
export function copyRunFrom(db: Db, o: CopyRunOptions): boolean {
  const has = (): boolean => db.prepare('SELECT 1 FROM runs WHERE id = ?').get(o.runId) !== undefined
  if (has()) return false
  const srcFiles = join(o.fromDir, 'runs', o.runId)
  const target = join(o.dataDir, 'runs', o.runId)
  const tmp = join(o.dataDir, 'runs', `.copy-${o.runId}-${randomBytes(3).toString('hex')}`)
  if (existsSync(srcFiles)) cpSync(srcFiles, tmp, { recursive: true })
  db.prepare('ATTACH DATABASE ? AS src').run(join(o.fromDir, 'studio.db'))
  try {
    const version = (s: string): number =>
      (db.prepare(`PRAGMA ${s}.user_version`).get() as { user_version: number }).user_version
    if (version('src') !== version('main')) {
      throw new AppError(
        'CONFLICT',
        `the store was written by another app version (schema v${version('src')}, this store v${version('main')})`,
        { file: o.fromDir }
      )
    }
    const copied = db
      .transaction((): boolean => {
        if (has()) return false // another merge won the race
        for (const table of RUN_TABLES) {
          const cols = columns(db, 'main', table)
            .filter((c) => columns(db, 'src', table).includes(c))
            .join(', ')
          const key = table === 'runs' ? 'id' : 'run_id'
          db.prepare(`INSERT INTO main.${table} (${cols}) SELECT ${cols} FROM src.${table} WHERE ${key} = ?`).run(
            o.runId
          )
        }
        if (o.dataset)
          db.prepare('UPDATE runs SET dataset_id = ?, dataset_name = ? WHERE id = ?').run(
            o.dataset.id,
            o.dataset.name,
            o.runId
          )
        if (o.note) {
          db.prepare(
            "INSERT INTO run_events (run_id, step, kind, message, at) SELECT id, step, 'note', ?, ? FROM runs WHERE id = ?"
          ).run(o.note, new Date().toISOString(), o.runId)
        }
        // Inside the transaction: a failed rename rolls the rows back.
        if (existsSync(tmp)) {
          rmSync(target, { recursive: true, force: true }) // leftovers of a run deleted here earlier
          renameSync(tmp, target)
        }
        return true
      })
      .immediate()
    return copied
  } finally {
    db.prepare('DETACH DATABASE src').run()
    rmSync(tmp, { recursive: true, force: true })
  }
}

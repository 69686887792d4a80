// The sweep folders a store launched or merged from (the Library lists them with their status).
import type { Db } from './db'

export interface SweepRecord {
  id: string
  name: string
  dir: string
  mode: 'local' | 'slurm'
  createdAt: string
}

export class SweepsRepo {
  constructor(private readonly db: Db) {}

  /** Records a sweep; the same id again updates its folder (a moved folder merged from its new place). */
  record(s: SweepRecord): void {
    this.db
      .prepare(
        `INSERT INTO sweeps (id, name, dir, mode, created_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET dir = excluded.dir, name = excluded.name`
      )
      .run(s.id, s.name, s.dir, s.mode, s.createdAt)
  }

  list(): SweepRecord[] {
    return this.db
      .prepare('SELECT id, name, dir, mode, created_at AS createdAt FROM sweeps ORDER BY created_at DESC, id')
      .all() as SweepRecord[]
  }
}

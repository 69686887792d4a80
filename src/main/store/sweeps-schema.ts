// Schema of sweeps in the store: the sweep task a run came from (runs.sweep_json: index, parameters, host and
// Slurm ids) and the sweep folders this store launched or merged (for the Library).
import type { Migration } from './migration'

export const sweepsMigration: Migration = {
  name: 'runs.sweep_json, sweeps',
  up: (db) =>
    db.exec(`
      ALTER TABLE runs ADD COLUMN sweep_json TEXT;   -- RunSweep, null for a run outside any sweep
      CREATE TABLE sweeps (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        dir         TEXT NOT NULL,                     -- the sweep folder (absolute)
        mode        TEXT NOT NULL CHECK (mode IN ('local', 'slurm')),
        created_at  TEXT NOT NULL
      );
    `)
}

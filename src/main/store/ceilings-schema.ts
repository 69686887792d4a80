// Schema of the per-dataset cache of split-half ceilings by smoothing width (services/dataset-timescale.ts).
import type { Migration } from './migration'

export const ceilingsMigration: Migration = {
  name: 'dataset_ceilings',
  up: (db) =>
    db.exec(`
      CREATE TABLE dataset_ceilings (
        dataset_id   TEXT PRIMARY KEY REFERENCES datasets(id) ON DELETE CASCADE,
        method       TEXT NOT NULL,   -- what the values depend on (definition version, split, batch, filters)
        ladder_json  TEXT NOT NULL,   -- [{filter_ms, t_trial, psth_r}], null where undefined
        computed_at  TEXT NOT NULL
      );
    `)
}

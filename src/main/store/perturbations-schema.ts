// Schema of perturbation experiments in the store: one row per experiment on a run, its request and its result.
import type { Migration } from './migration'

export const perturbationsMigration: Migration = {
  name: 'perturbation_experiments',
  up: (db) =>
    db.exec(`
      CREATE TABLE perturbation_experiments (
        id              TEXT PRIMARY KEY,
        run_id          TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        checkpoint_step INTEGER,
        status          TEXT NOT NULL CHECK (status IN ('running','completed','cancelled','failed')),
        label           TEXT NOT NULL,
        n_conditions    INTEGER NOT NULL,
        request_json    TEXT NOT NULL,        -- ExperimentRequest (defaults resolved)
        result_json     TEXT,                 -- ExperimentResult once completed
        error_json      TEXT,
        seconds         REAL,
        created_at      TEXT NOT NULL,
        owner_pid       INTEGER               -- process running it (a row left 'running' by a dead one is failed)
      );
      CREATE INDEX perturbation_experiments_by_run ON perturbation_experiments(run_id, created_at);
    `)
}

// Schema of fits in the store: runs, per-step losses, held-out evaluations, run events and checkpoints.
import type { Migration } from './migration'

export const runsMigration: Migration = {
  name: 'runs, run_steps, run_evaluations, run_events, checkpoints',
  up: (db) =>
    db.exec(`
      CREATE TABLE runs (
        id               TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        dataset_id       TEXT NOT NULL,        -- no foreign key: a run's history outlives its dataset
        dataset_name     TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN
                           ('queued','running','paused','completed','cancelled','failed','interrupted')),
        config_json      TEXT NOT NULL,        -- the full resolved FitConfig
        split_json       TEXT NOT NULL,        -- SessionSplit[]: held-out and excluded trials per session
        app_version      TEXT NOT NULL,
        seed             INTEGER NOT NULL,
        target_steps     INTEGER NOT NULL,
        time_limit_s     REAL,
        backend          TEXT,
        threads          INTEGER,
        created_at       TEXT NOT NULL,
        started_at       TEXT,
        ended_at         TEXT,
        step             INTEGER NOT NULL DEFAULT 0,   -- latest step reported
        checkpoint_step  INTEGER NOT NULL DEFAULT 0,   -- step of the last registered checkpoint
        elapsed_s        REAL NOT NULL DEFAULT 0,
        stop_reason      TEXT,
        error_json       TEXT,
        best_step        INTEGER,
        best_eval_loss   REAL,
        metrics_json     TEXT,                 -- latest held-out metrics
        owner_pid        INTEGER,              -- process running it (to tell a live run from an interrupted one)
        heartbeat_at     INTEGER               -- ms since epoch of the owner's last write
      );
      CREATE INDEX runs_by_dataset ON runs(dataset_id);
      CREATE TABLE run_steps (
        run_id        TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step          INTEGER NOT NULL,
        total         REAL,
        psth          REAL,
        trial         REAL,
        reg           REAL,
        step_ms       REAL NOT NULL,
        spike_density REAL,
        mean_rate_hz  REAL,
        PRIMARY KEY (run_id, step)
      ) WITHOUT ROWID;
      CREATE TABLE run_evaluations (
        run_id       TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step         INTEGER NOT NULL,
        eval_loss    REAL,
        metrics_json TEXT NOT NULL,
        PRIMARY KEY (run_id, step)
      ) WITHOUT ROWID;
      CREATE TABLE run_events (
        id      INTEGER PRIMARY KEY,
        run_id  TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step    INTEGER NOT NULL,
        kind    TEXT NOT NULL,
        message TEXT NOT NULL,
        at      TEXT NOT NULL
      );
      CREATE INDEX run_events_by_run ON run_events(run_id, step);
      CREATE TABLE checkpoints (
        id               INTEGER PRIMARY KEY,
        run_id           TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step             INTEGER NOT NULL,
        file             TEXT NOT NULL,        -- relative to the data dir
        bytes            INTEGER NOT NULL,
        sha256           TEXT NOT NULL,        -- of the complete file: a changed or truncated file is detected
        eval_loss        REAL,
        is_best          INTEGER NOT NULL DEFAULT 0,
        best_eval_loss   REAL,                 -- early-stopping state at this step (resume continues it)
        evals_since_best INTEGER NOT NULL DEFAULT 0,
        elapsed_s        REAL NOT NULL DEFAULT 0,
        created_at       TEXT NOT NULL,
        UNIQUE (run_id, step)
      );
    `)
}

// A run's best checkpoint and its early stop follow the held-out T'trial (not the held-out loss, which bottoms out
// long before the T'trial stops rising). The columns this adds supersede runs.best_eval_loss and
// checkpoints.best_eval_loss / evals_since_best, which stay as rows before this migration wrote them.
import type { Migration } from './migration'

export const bestTTrialMigration: Migration = {
  name: 'runs.best_t_trial, checkpoints.t_trial, best_t_trial, evals_since_best_t_trial',
  up: (db) =>
    db.exec(`
      ALTER TABLE runs ADD COLUMN best_t_trial REAL;          -- held-out T'trial of best_step (supersedes best_eval_loss)
      ALTER TABLE checkpoints ADD COLUMN t_trial REAL;        -- held-out T'trial of the evaluation at this step, if any
      ALTER TABLE checkpoints ADD COLUMN best_t_trial REAL;   -- early-stop state at this step: the best T'trial so far
      -- and the evaluations since it; NULL on rows written before this migration: a resume from one of those
      -- restarts the early-stop bookkeeping (their counts were of the held-out loss)
      ALTER TABLE checkpoints ADD COLUMN evals_since_best_t_trial INTEGER;
    `)
}

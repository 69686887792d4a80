// Checkpoint rows: registered (with the run's checkpoint step and best model) in one transaction once the file
// is complete; retention of the last few plus the best; lookup for resume.
import type { CheckpointInfo } from '@shared/domain/fit'
import type { Db } from './db'

export interface CheckpointRecord {
  runId: string
  step: number
  /** Relative to the data dir. */
  file: string
  bytes: number
  sha256: string
  /** Held-out loss and T'trial of the evaluation at this step (null: none at this step, or none finite). */
  evalLoss: number | null
  tTrial: number | null
  /** The run's best held-out T'trial (a run stored before that rule: the lowest held-out loss it was flagged by). */
  isBest: boolean
  /** Early-stopping state at this step: the best held-out T'trial so far and the evaluations since it. */
  bestTTrial: number | null
  /** null on a checkpoint stored before the T'trial rule (best-t-trial-schema.ts): a resume restarts the early stop. */
  evalsSinceBest: number | null
  /** Training seconds of the run up to this step. */
  elapsedS: number
  createdAt: string
}

interface CheckpointRow {
  run_id: string
  step: number
  file: string
  bytes: number
  sha256: string
  eval_loss: number | null
  t_trial: number | null
  is_best: number
  best_t_trial: number | null
  evals_since_best_t_trial: number | null
  elapsed_s: number
  created_at: string
}

function fromRow(r: CheckpointRow): CheckpointRecord {
  return {
    runId: r.run_id,
    step: r.step,
    file: r.file,
    bytes: r.bytes,
    sha256: r.sha256,
    evalLoss: r.eval_loss,
    tTrial: r.t_trial,
    isBest: r.is_best === 1,
    bestTTrial: r.best_t_trial,
    evalsSinceBest: r.evals_since_best_t_trial,
    elapsedS: r.elapsed_s,
    createdAt: r.created_at
  }
}

export class CheckpointsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Registers a complete checkpoint file. In the same transaction: the run's checkpoint step (what a resume
   * continues from), its latest step and training time, and, for a new best, the best flag and best T'trial.
   */
  register(c: CheckpointRecord): void {
    this.db.transaction(() => {
      if (c.isBest) this.db.prepare('UPDATE checkpoints SET is_best = 0 WHERE run_id = ?').run(c.runId)
      this.db
        .prepare(
          `INSERT OR REPLACE INTO checkpoints (run_id, step, file, bytes, sha256, eval_loss, t_trial, is_best,
             best_t_trial, evals_since_best_t_trial, elapsed_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          c.runId,
          c.step,
          c.file,
          c.bytes,
          c.sha256,
          c.evalLoss,
          c.tTrial,
          c.isBest ? 1 : 0,
          c.bestTTrial,
          c.evalsSinceBest,
          c.elapsedS,
          c.createdAt
        )
      this.db
        .prepare(
          `UPDATE runs SET checkpoint_step = ?, step = MAX(step, ?), elapsed_s = MAX(elapsed_s, ?), heartbeat_at = ?
           WHERE id = ?`
        )
        .run(c.step, c.step, c.elapsedS, Date.now(), c.runId)
      if (c.isBest) this.setRunBest(c.runId, c.step, c.tTrial)
    })()
  }

  /** Newest first. */
  list(runId: string): CheckpointRecord[] {
    return (
      this.db.prepare('SELECT * FROM checkpoints WHERE run_id = ? ORDER BY step DESC').all(runId) as CheckpointRow[]
    ).map(fromRow)
  }

  info(runId: string): CheckpointInfo[] {
    return this.list(runId).map((c) => ({
      step: c.step,
      evalLoss: c.evalLoss,
      tTrial: c.tTrial,
      isBest: c.isBest,
      bytes: c.bytes,
      createdAt: c.createdAt
    }))
  }

  /**
   * Deletes the rows of checkpoints not among the newest `keepLast` and not the best.
   * @returns their files, to be unlinked by the caller after this committed
   */
  prune(runId: string, keepLast: number): string[] {
    const all = this.list(runId)
    const drop = all.filter((c, i) => i >= keepLast && !c.isBest)
    this.deleteRows(
      runId,
      drop.map((c) => c.step)
    )
    return drop.map((c) => c.file)
  }

  /** Deletes the rows of checkpoints after `step` (a resume from `step` replays them). @returns their files */
  removeAfter(runId: string, step: number): string[] {
    const drop = this.list(runId).filter((c) => c.step > step)
    this.deleteRows(
      runId,
      drop.map((c) => c.step)
    )
    return drop.map((c) => c.file)
  }

  /** Deletes one row (an unusable checkpoint). */
  remove(runId: string, step: number): void {
    this.deleteRows(runId, [step])
  }

  /**
   * Re-derives the best checkpoint (the highest held-out T'trial among the rows left; a tie keeps the earlier step, as
   * the fit does) after rows were dropped, and the run's best step and T'trial with it. A run whose rows have no
   * T'trial (stored before that rule) keeps the checkpoint it flagged, if that row is still there.
   */
  refreshBest(runId: string): void {
    const best = this.db
      .prepare(
        `SELECT step, t_trial FROM checkpoints WHERE run_id = ? AND t_trial IS NOT NULL
         ORDER BY t_trial DESC, step ASC LIMIT 1`
      )
      .get(runId) as { step: number; t_trial: number } | undefined
    this.db.transaction(() => {
      if (best) {
        this.db.prepare('UPDATE checkpoints SET is_best = (step = ?) WHERE run_id = ?').run(best.step, runId)
        this.setRunBest(runId, best.step, best.t_trial)
        return
      }
      const flagged = this.db.prepare('SELECT step FROM checkpoints WHERE run_id = ? AND is_best = 1').get(runId) as
        { step: number } | undefined
      if (!flagged) this.setRunBest(runId, null, null)
    })()
  }

  /** The run's best step and its T'trial (best_eval_loss, superseded, is cleared so no loss reads as the best). */
  private setRunBest(runId: string, step: number | null, tTrial: number | null): void {
    this.db
      .prepare('UPDATE runs SET best_step = ?, best_t_trial = ?, best_eval_loss = NULL WHERE id = ?')
      .run(step, tTrial, runId)
  }

  private deleteRows(runId: string, steps: readonly number[]): void {
    const del = this.db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND step = ?')
    this.db.transaction(() => {
      for (const s of steps) del.run(runId, s)
    })()
  }
}

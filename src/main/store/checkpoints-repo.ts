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
  evalLoss: number | null
  isBest: boolean
  /** Early-stopping state at this step. */
  bestEvalLoss: number | null
  evalsSinceBest: number
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
  is_best: number
  best_eval_loss: number | null
  evals_since_best: number
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
    isBest: r.is_best === 1,
    bestEvalLoss: r.best_eval_loss,
    evalsSinceBest: r.evals_since_best,
    elapsedS: r.elapsed_s,
    createdAt: r.created_at
  }
}

export class CheckpointsRepo {
  constructor(private readonly db: Db) {}

  /**
   * Registers a complete checkpoint file. In the same transaction: the run's checkpoint step (what a resume
   * continues from), its latest step and training time, and, for a new best, the best flag and best loss.
   */
  register(c: CheckpointRecord): void {
    this.db.transaction(() => {
      if (c.isBest) this.db.prepare('UPDATE checkpoints SET is_best = 0 WHERE run_id = ?').run(c.runId)
      this.db
        .prepare(
          `INSERT OR REPLACE INTO checkpoints (run_id, step, file, bytes, sha256, eval_loss, is_best, best_eval_loss,
             evals_since_best, elapsed_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(
          c.runId,
          c.step,
          c.file,
          c.bytes,
          c.sha256,
          c.evalLoss,
          c.isBest ? 1 : 0,
          c.bestEvalLoss,
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
      if (c.isBest) {
        this.db
          .prepare('UPDATE runs SET best_step = ?, best_eval_loss = ? WHERE id = ?')
          .run(c.step, c.evalLoss, c.runId)
      }
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
   * Re-derives the best checkpoint (lowest held-out loss among the rows left) after rows were dropped, and
   * the run's best step and loss with it.
   */
  refreshBest(runId: string): void {
    const best = this.db
      .prepare(
        `SELECT step, eval_loss FROM checkpoints WHERE run_id = ? AND eval_loss IS NOT NULL
         ORDER BY eval_loss ASC, step ASC LIMIT 1`
      )
      .get(runId) as { step: number; eval_loss: number } | undefined
    this.db.transaction(() => {
      this.db.prepare('UPDATE checkpoints SET is_best = (step = ?) WHERE run_id = ?').run(best?.step ?? -1, runId)
      this.db
        .prepare('UPDATE runs SET best_step = ?, best_eval_loss = ? WHERE id = ?')
        .run(best?.step ?? null, best?.eval_loss ?? null, runId)
    })()
  }

  private deleteRows(runId: string, steps: readonly number[]): void {
    const del = this.db.prepare('DELETE FROM checkpoints WHERE run_id = ? AND step = ?')
    this.db.transaction(() => {
      for (const s of steps) del.run(runId, s)
    })()
  }
}

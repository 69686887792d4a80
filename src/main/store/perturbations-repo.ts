// Perturbation experiments in SQLite: created running, then completed with their result, cancelled or failed.
import { AppError, type AppErrorData } from '@shared/contract/errors'
import type { ExperimentRequest, ExperimentResult, ExperimentSummary } from '@shared/domain/perturbation-experiment'
import type { Db } from './db'

interface Row {
  id: string
  run_id: string
  status: ExperimentSummary['status']
  label: string
  n_conditions: number
  request_json: string
  result_json: string | null
  error_json: string | null
  seconds: number | null
  created_at: string
  owner_pid: number | null
}

function summary(r: Row): ExperimentSummary {
  const error = r.error_json ? (JSON.parse(r.error_json) as AppErrorData).message : null
  const request = JSON.parse(r.request_json) as Partial<ExperimentRequest>
  return {
    id: r.id,
    runId: r.run_id,
    status: r.status,
    createdAt: r.created_at,
    label: r.label,
    nConditions: r.n_conditions,
    checkpoint: request.checkpoint ?? 'best',
    seconds: r.seconds,
    error
  }
}

export class PerturbationsRepo {
  constructor(private readonly db: Db) {}

  create(e: {
    id: string
    runId: string
    label: string
    nConditions: number
    request: ExperimentRequest
    createdAt: string
  }): void {
    this.db
      .prepare(
        `INSERT INTO perturbation_experiments (id, run_id, status, label, n_conditions, request_json, created_at, owner_pid)
                VALUES (?, ?, 'running', ?, ?, ?, ?, ?)`
      )
      .run(e.id, e.runId, e.label, e.nConditions, JSON.stringify(e.request), e.createdAt, process.pid)
  }

  complete(id: string, result: ExperimentResult): void {
    this.db
      .prepare(
        `UPDATE perturbation_experiments SET status = 'completed', result_json = ?, checkpoint_step = ?, seconds = ?, owner_pid = NULL WHERE id = ?`
      )
      .run(JSON.stringify(result, finite), result.checkpointStep, result.seconds, id)
  }

  end(id: string, status: 'cancelled' | 'failed', error: AppErrorData | null): void {
    this.db
      .prepare(`UPDATE perturbation_experiments SET status = ?, error_json = ?, owner_pid = NULL WHERE id = ?`)
      .run(status, error ? JSON.stringify(error) : null, id)
  }

  /** Experiments of a run, newest first. */
  list(runId: string): ExperimentSummary[] {
    return (
      this.db
        .prepare(`SELECT * FROM perturbation_experiments WHERE run_id = ? ORDER BY created_at DESC, id DESC`)
        .all(runId) as Row[]
    ).map(summary)
  }

  get(id: string): { summary: ExperimentSummary; request: ExperimentRequest; result: ExperimentResult | null } {
    const r = this.db.prepare(`SELECT * FROM perturbation_experiments WHERE id = ?`).get(id) as Row | undefined
    if (!r) throw new AppError('NOT_FOUND', `no perturbation experiment ${id}`, { field: 'id' })
    return {
      summary: summary(r),
      request: JSON.parse(r.request_json) as ExperimentRequest,
      result: r.result_json ? (JSON.parse(r.result_json) as ExperimentResult) : null
    }
  }

  /** Rows left 'running' by a process that is gone (crash, kill) become failed. */
  failOrphans(isAlive: (pid: number) => boolean): void {
    const rows = this.db
      .prepare(`SELECT id, owner_pid FROM perturbation_experiments WHERE status = 'running'`)
      .all() as { id: string; owner_pid: number | null }[]
    for (const r of rows) {
      if (r.owner_pid !== null && isAlive(r.owner_pid)) continue
      this.end(r.id, 'failed', {
        code: 'INTERNAL',
        message: 'the process running this experiment stopped before it finished'
      })
    }
  }
}

/** JSON has no NaN/Infinity: store them as null (the result schema has no such values; this is a guard). */
function finite(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v
}

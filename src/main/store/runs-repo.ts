// Runs in SQLite: creation, status transitions, per-step losses (batched), evaluations, events, curves.
import { AppError, type AppErrorData } from '@shared/contract/errors'
import {
  finiteOrNull,
  type Metrics,
  type RunStatus,
  type RunCurves,
  type RunEvaluation,
  type RunEvent,
  type RunSummary,
  type SessionSplit,
  type StepReport,
  type StopReason
} from '@shared/domain/fit'
import type { RunSweep } from '@shared/domain/sweep'
import type { FitConfig } from '@shared/domain/model-config'
import type { Db } from './db'

export interface NewRun {
  id: string
  name: string
  datasetId: string
  datasetName: string
  config: FitConfig
  split: SessionSplit[]
  appVersion: string
  targetSteps: number
  timeLimitS: number | null
  createdAt: string
}

/** A run as stored, with its configuration and split. */
export interface StoredRun {
  summary: RunSummary
  config: FitConfig
  split: SessionSplit[]
  ownerPid: number | null
}

interface RunRow {
  id: string
  name: string
  dataset_id: string
  dataset_name: string
  status: RunStatus
  config_json: string
  split_json: string
  app_version: string
  seed: number
  target_steps: number
  time_limit_s: number | null
  backend: string | null
  threads: number | null
  created_at: string
  started_at: string | null
  ended_at: string | null
  step: number
  checkpoint_step: number
  elapsed_s: number
  stop_reason: StopReason | null
  error_json: string | null
  best_step: number | null
  best_t_trial: number | null
  metrics_json: string | null
  owner_pid: number | null
  sweep_json: string | null
}

/** Fields a status change may set at the same time. */
export interface StatusFields {
  startedAt?: string
  endedAt?: string | null
  stopReason?: StopReason | null
  error?: AppErrorData | null
  ownerPid?: number | null
  backend?: string
  threads?: number
  targetSteps?: number
  timeLimitS?: number | null
}

/** Statuses in which some process should be working on the run. */
export const liveStatuses: readonly RunStatus[] = ['queued', 'running', 'paused']

/** Metrics as they travel: NaN/Infinity → null, per-area maps cleaned the same way. */
export function metricsToWire(m: Record<string, unknown>): Metrics {
  const num = (k: string): number | null => finiteOrNull(m[k] as number)
  const rec = (k: string): Record<string, number | null> =>
    Object.fromEntries(Object.entries((m[k] ?? {}) as Record<string, number>).map(([a, v]) => [a, finiteOrNull(v)]))
  return {
    t_trial_pearson: num('t_trial_pearson'),
    t_trial_pearson_ceiling: num('t_trial_pearson_ceiling'),
    t_trial_neural_pearson: num('t_trial_neural_pearson'),
    t_trial_neural_pearson_ceiling: num('t_trial_neural_pearson_ceiling'),
    psth_pearson: num('psth_pearson'),
    psth_pearson_ceiling: num('psth_pearson_ceiling'),
    psth_pearson_per_area: rec('psth_pearson_per_area'),
    trial_type_model: rec('trial_type_model'),
    trial_type_data: rec('trial_type_data'),
    jaw_pearson: num('jaw_pearson'),
    lick_accuracy: num('lick_accuracy'),
    eval_loss: num('eval_loss')
  }
}

/** Stored metrics JSON as Metrics: a run stored before a metric existed reads it as null. */
export function storedMetrics(json: string): Metrics {
  return metricsToWire(JSON.parse(json) as Record<string, unknown>)
}

export class RunsRepo {
  constructor(private readonly db: Db) {}

  create(r: NewRun): void {
    this.db
      .prepare(
        `INSERT INTO runs (id, name, dataset_id, dataset_name, status, config_json, split_json, app_version, seed,
           target_steps, time_limit_s, created_at)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        r.id,
        r.name,
        r.datasetId,
        r.datasetName,
        JSON.stringify(r.config),
        JSON.stringify(r.split),
        r.appVersion,
        r.config.optim.seed,
        r.targetSteps,
        r.timeLimitS,
        r.createdAt
      )
  }

  /** The run, or a NOT_FOUND AppError naming it. */
  get(id: string): StoredRun {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined
    if (!row) throw new AppError('NOT_FOUND', `No run with id "${id}".`, { field: 'id' })
    return {
      summary: toSummary(row),
      config: JSON.parse(row.config_json) as FitConfig,
      split: JSON.parse(row.split_json) as SessionSplit[],
      ownerPid: row.owner_pid
    }
  }

  list(datasetId?: string): RunSummary[] {
    const rows = (
      datasetId
        ? this.db.prepare('SELECT * FROM runs WHERE dataset_id = ? ORDER BY created_at DESC, id').all(datasetId)
        : this.db.prepare('SELECT * FROM runs ORDER BY created_at DESC, id').all()
    ) as RunRow[]
    return rows.map(toSummary)
  }

  /** Runs some process should be working on, with the process that claimed them. */
  live(): { id: string; ownerPid: number | null; step: number }[] {
    const marks = liveStatuses.map(() => '?').join(',')
    return this.db
      .prepare(`SELECT id, owner_pid AS ownerPid, step FROM runs WHERE status IN (${marks})`)
      .all(...liveStatuses) as { id: string; ownerPid: number | null; step: number }[]
  }

  setStatus(id: string, status: RunStatus, f: StatusFields = {}): void {
    const sets = ['status = @status', 'heartbeat_at = @now']
    const p: Record<string, unknown> = { id, status, now: Date.now() }
    const put = (col: string, key: string, value: unknown): void => {
      sets.push(`${col} = @${key}`)
      p[key] = value
    }
    if (f.startedAt !== undefined) put('started_at', 'startedAt', f.startedAt)
    if (f.endedAt !== undefined) put('ended_at', 'endedAt', f.endedAt)
    if (f.stopReason !== undefined) put('stop_reason', 'stopReason', f.stopReason)
    if (f.error !== undefined) put('error_json', 'error', f.error ? JSON.stringify(f.error) : null)
    if (f.ownerPid !== undefined) put('owner_pid', 'ownerPid', f.ownerPid)
    if (f.backend !== undefined) put('backend', 'backend', f.backend)
    if (f.threads !== undefined) put('threads', 'threads', f.threads)
    if (f.targetSteps !== undefined) put('target_steps', 'targetSteps', f.targetSteps)
    if (f.timeLimitS !== undefined) put('time_limit_s', 'timeLimitS', f.timeLimitS)
    const res = this.db.prepare(`UPDATE runs SET ${sets.join(', ')} WHERE id = @id`).run(p)
    if (res.changes === 0) throw new AppError('NOT_FOUND', `No run with id "${id}".`, { field: 'id' })
  }

  /** Records steps (replacing any left from before a resume) and the run's latest step, in one transaction. */
  appendSteps(id: string, records: readonly StepReport[], elapsedS: number): void {
    const ins = this.db.prepare(
      `INSERT OR REPLACE INTO run_steps (run_id, step, total, psth, trial, reg, step_ms, spike_density, mean_rate_hz)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
    )
    this.db.transaction(() => {
      let last = -1
      for (const r of records) {
        const l = r.losses
        ins.run(
          id,
          r.step,
          finiteOrNull(l.total),
          finiteOrNull(l.psth),
          finiteOrNull(l.trial),
          finiteOrNull(l.reg),
          r.stepMs,
          finiteOrNull(r.spikeDensity),
          finiteOrNull(r.meanRateHz)
        )
        last = Math.max(last, r.step)
      }
      this.db
        .prepare('UPDATE runs SET step = MAX(step, ?), elapsed_s = ?, heartbeat_at = ? WHERE id = ?')
        .run(last, elapsedS, Date.now(), id)
    })()
  }

  addEvaluation(id: string, step: number, metrics: Metrics): void {
    const json = JSON.stringify(metrics)
    this.db.transaction(() => {
      this.db
        .prepare('INSERT OR REPLACE INTO run_evaluations (run_id, step, eval_loss, metrics_json) VALUES (?, ?, ?, ?)')
        .run(id, step, metrics.eval_loss, json)
      this.db.prepare('UPDATE runs SET metrics_json = ? WHERE id = ?').run(json, id)
    })()
  }

  addEvent(id: string, step: number, kind: RunEvent['kind'], message: string): void {
    this.db
      .prepare('INSERT INTO run_events (run_id, step, kind, message, at) VALUES (?, ?, ?, ?, ?)')
      .run(id, step, kind, message, new Date().toISOString())
  }

  events(id: string): RunEvent[] {
    return this.db
      .prepare('SELECT step, kind, message, at FROM run_events WHERE run_id = ? ORDER BY id')
      .all(id) as RunEvent[]
  }

  evaluations(id: string): RunEvaluation[] {
    const rows = this.db
      .prepare('SELECT step, metrics_json FROM run_evaluations WHERE run_id = ? ORDER BY step')
      .all(id) as { step: number; metrics_json: string }[]
    return rows.map((r) => ({ step: r.step, metrics: storedMetrics(r.metrics_json) }))
  }

  /** Per-step curves; with more than maxPoints steps, every k-th step plus the last one. */
  curves(id: string, maxPoints = Infinity): RunCurves {
    const n = (this.db.prepare('SELECT COUNT(*) AS n FROM run_steps WHERE run_id = ?').get(id) as { n: number }).n
    const k = Number.isFinite(maxPoints) && n > maxPoints ? Math.ceil(n / (maxPoints - 1)) : 1
    const rows = this.db
      .prepare(
        `SELECT step, total, psth, trial, reg, step_ms, mean_rate_hz, spike_density FROM (
           SELECT *, ROW_NUMBER() OVER (ORDER BY step) - 1 AS i FROM run_steps WHERE run_id = ?)
         WHERE i % ? = 0 OR i = ? - 1 ORDER BY step`
      )
      .all(id, k, n) as {
      step: number
      total: number | null
      psth: number | null
      trial: number | null
      reg: number | null
      step_ms: number
      mean_rate_hz: number | null
      spike_density: number | null
    }[]
    return {
      step: rows.map((r) => r.step),
      total: rows.map((r) => r.total),
      psth: rows.map((r) => r.psth),
      trial: rows.map((r) => r.trial),
      reg: rows.map((r) => r.reg),
      stepMs: rows.map((r) => r.step_ms),
      meanRateHz: rows.map((r) => r.mean_rate_hz),
      spikeDensity: rows.map((r) => r.spike_density)
    }
  }

  /**
   * Forgets what happened after `step` (a resume replays it): steps, evaluations and divergence events, and
   * resets the latest metrics to those of the last evaluation kept.
   */
  truncateAfter(id: string, step: number): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM run_steps WHERE run_id = ? AND step > ?').run(id, step)
      this.db.prepare('DELETE FROM run_evaluations WHERE run_id = ? AND step > ?').run(id, step)
      this.db.prepare("DELETE FROM run_events WHERE run_id = ? AND step > ? AND kind = 'diverged'").run(id, step)
      const last = this.db
        .prepare('SELECT metrics_json FROM run_evaluations WHERE run_id = ? ORDER BY step DESC LIMIT 1')
        .get(id) as { metrics_json: string } | undefined
      this.db
        .prepare('UPDATE runs SET step = ?, checkpoint_step = ?, metrics_json = ? WHERE id = ?')
        .run(step, step, last?.metrics_json ?? null, id)
    })()
  }

  /** Records the sweep task that produced the run (and where it last ran). */
  setSweep(id: string, sweep: RunSweep): void {
    this.db.prepare('UPDATE runs SET sweep_json = ? WHERE id = ?').run(JSON.stringify(sweep), id)
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM runs WHERE id = ?').run(id)
  }
}

function toSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    name: r.name,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    status: r.status,
    step: r.step,
    checkpointStep: r.checkpoint_step,
    targetSteps: r.target_steps,
    timeLimitS: r.time_limit_s,
    seed: r.seed,
    backend: r.backend,
    threads: r.threads,
    appVersion: r.app_version,
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    elapsedS: r.elapsed_s,
    stopReason: r.stop_reason,
    error: r.error_json ? (JSON.parse(r.error_json) as AppErrorData) : null,
    bestStep: r.best_step,
    bestTTrial: r.best_t_trial,
    metrics: r.metrics_json ? storedMetrics(r.metrics_json) : null,
    sweep: r.sweep_json ? (JSON.parse(r.sweep_json) as RunSweep) : null
  }
}

// Fits service: start, pause, resume (also after a crash), cancel, list, get, rename and delete runs; bridges
// the FitHost's worker messages to the store and to fit.* events (through RunJob).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError, toAppErrorData } from '@shared/contract/errors'
import { resumableStatuses, type Metrics, type RunDetail, type RunSummary } from '@shared/domain/fit'
import { resolveFitConfig, type FitConfig } from '@shared/domain/model-config'
import type { FitPlan } from '@shared/domain/fit-plan'
import type { FitHost } from '../../fit-host/fit-host'
import type { LoopOptions } from '../../fit-host/protocol'
import type { FitData } from '../../engine'
import type { CheckpointsRepo } from '../../store/checkpoints-repo'
import type { Db } from '../../store/db'
import type { RunsRepo } from '../../store/runs-repo'
import { prepareFitData, type PreparedFit } from './fit-data'
import { planFit, smallDataWarnings } from './plan'
import { RunJob, type JobEnv, type JobStart } from './job'
import { RunLoader, type DatasetSource } from './run-loader'
import { RunStore } from './run-store'
import { recoverInterrupted, restoreLatestCheckpoint } from './recovery'
import { inThreadWork, type WorkPort } from '../work-port'

export interface FitsDeps {
  db: Db
  dataDir: string
  host: FitHost
  datasets: DatasetSource
  emit: JobEnv['emit']
  appVersion: string
  /** Checkpoints kept besides the best one (default 3). */
  keepCheckpoints?: number
  /** The application's run store and loader (services/container.ts shares them); default: made here. */
  store?: RunStore
  loader?: RunLoader
  /** Checkpoint reads and evaluations (a worker thread per call in serve and the CLI); default: this thread. */
  work?: WorkPort
}

export interface StartRequest {
  datasetId: string
  name?: string
  config?: FitConfig
  steps?: number
  minutes?: number
  seed?: number
  /** Stored as the run's first events. */
  notes?: string[]
}

/** Live-view sample size: trials and neurons of the raster sent with evaluations. */
const SAMPLE = { trials: 3, neurons: 120 }

export class RunsService {
  readonly store: RunStore
  readonly loader: RunLoader
  readonly runs: RunsRepo
  readonly checkpoints: CheckpointsRepo
  private readonly live = new Map<string, RunJob>()
  private readonly env: JobEnv
  private readonly work: WorkPort

  constructor(private readonly deps: FitsDeps) {
    this.store = deps.store ?? new RunStore(deps.db, deps.dataDir, deps.appVersion)
    this.work = deps.work ?? inThreadWork()
    this.loader = deps.loader ?? new RunLoader(this.store, deps.datasets, this.work)
    this.runs = this.store.runs
    this.checkpoints = this.store.checkpoints
    this.env = { store: this.store, emit: deps.emit, keepCheckpoints: deps.keepCheckpoints ?? 3 }
    // Runs left running by a process that is gone (crash, kill -9, power loss) become resumable.
    recoverInterrupted(this.runs, (id) => this.live.has(id))
  }

  /** The resolved model, data and expected duration of a fit with these settings, without starting it. */
  async plan(req: StartRequest): Promise<FitPlan> {
    const { config, prepared } = await this.prepare(req)
    return planFit(prepared, config, req.minutes ?? null)
  }

  /** Starts a fit; resolves once the run is stored and its worker started (not when it ends). */
  async start(req: StartRequest): Promise<RunSummary> {
    const { config, dataset, prepared } = await this.prepare(req)
    const timeLimitS = req.minutes !== undefined ? req.minutes * 60 : null
    const id = this.store.create({
      name: req.name?.trim() || `${dataset.name} · seed ${config.optim.seed}`,
      datasetId: dataset.id,
      datasetName: dataset.name,
      config,
      split: prepared.split,
      targetSteps: config.optim.steps,
      timeLimitS
    })
    // automatic changes of the data here; those of the model (neurons raised, …) come with the worker's ready message
    const heldOut = prepared.data.sessions.reduce((n, s) => n + s.heldOut.reduce((m, h) => m + h, 0), 0)
    for (const note of [...(req.notes ?? []), ...prepared.notes, ...smallDataWarnings(prepared.data, heldOut)])
      this.runs.addEvent(id, 0, 'note', note)
    this.launch(prepared.data, config, null, {
      runId: id,
      targetSteps: config.optim.steps,
      timeLimitS,
      baseElapsedS: 0,
      step: 0,
      checkpointStep: 0,
      bestTTrial: null,
      evalsSinceBest: 0,
      metrics: null
    })
    return this.runs.get(id).summary
  }

  /** Settings with the request's overrides, the dataset, and its data prepared as the fit will see them. */
  private async prepare(
    req: StartRequest
  ): Promise<{ config: FitConfig; dataset: { id: string; name: string }; prepared: PreparedFit }> {
    const config = resolveFitConfig(req.config ?? {})
    if (req.steps !== undefined) config.optim.steps = req.steps
    if (req.seed !== undefined) config.optim.seed = req.seed
    const dataset = this.deps.datasets.resolve(req.datasetId)
    const sessions = await this.deps.datasets.sessions(dataset.id)
    const prepared = prepareFitData(sessions, config.optim.heldOutFraction, null, dataset.name, config.model.dtMs)
    config.model.dtMs ??= prepared.data.dt * 1000 // the run keeps the time step it used, whatever the default
    return { config, dataset, prepared }
  }

  pause(id: string): RunSummary {
    const job = this.liveJob(id)
    job.job?.pause()
    job.setStatus('paused')
    return this.runs.get(id).summary
  }

  /**
   * Unpauses a live fit, or restarts a paused/interrupted/cancelled/failed one (or extends a completed one
   * with a new step target or time budget) from its newest usable checkpoint.
   */
  async resume(id: string, opts: { steps?: number; minutes?: number } = {}): Promise<RunSummary> {
    const running = this.live.get(id)
    if (running) {
      running.job?.resume()
      running.setStatus('running')
      return this.runs.get(id).summary
    }
    recoverInterrupted(this.runs, (rid) => this.live.has(rid))
    const stored = this.runs.get(id)
    const s = stored.summary
    const target = opts.steps ?? s.targetSteps
    const extendable =
      s.status === 'completed' && (s.stopReason === 'time-limit' || target > s.step || opts.minutes !== undefined)
    if (!resumableStatuses.includes(s.status) && !extendable) {
      const why =
        s.status === 'running' || s.status === 'queued'
          ? `it is ${s.status} in process ${stored.ownerPid ?? '?'}`
          : `it is ${s.status}`
      throw new AppError('CONFLICT', `Run ${id} cannot be resumed: ${why}.`, { field: 'id' })
    }
    const sessions = await this.deps.datasets.sessions(s.datasetId)
    const config = stored.config
    config.optim.steps = target
    const prepared = prepareFitData(
      sessions,
      config.optim.heldOutFraction,
      stored.split,
      s.datasetName,
      config.model.dtMs
    )
    const restored = await restoreLatestCheckpoint(this.runs, this.checkpoints, this.deps.dataDir, id)
    const timeLimitS =
      opts.minutes !== undefined ? opts.minutes * 60 : s.stopReason === 'time-limit' ? null : s.timeLimitS
    this.runs.setStatus(id, 'queued', { targetSteps: target, timeLimitS, stopReason: null, error: null, endedAt: null })
    this.runs.addEvent(
      id,
      restored.step,
      'resumed',
      restored.state
        ? `Resumed from the checkpoint at step ${restored.step}.`
        : 'Restarted from step 0 (no usable checkpoint).'
    )
    const after = this.runs.get(id).summary
    this.launch(prepared.data, config, restored.state, {
      runId: id,
      targetSteps: target,
      timeLimitS,
      baseElapsedS: restored.elapsedS,
      step: restored.step,
      checkpointStep: restored.step,
      bestTTrial: restored.bestTTrial,
      evalsSinceBest: restored.evalsSinceBest,
      metrics: after.metrics
    })
    return this.runs.get(id).summary
  }

  cancel(id: string): RunSummary {
    const job = this.live.get(id)
    if (job) job.job?.cancel()
    else {
      recoverInterrupted(this.runs, (rid) => this.live.has(rid))
      const s = this.runs.get(id).summary
      if (s.status === 'running' || s.status === 'queued' || s.status === 'paused') {
        throw new AppError('CONFLICT', `Run ${id} is running in another process; cancel it there.`, { field: 'id' })
      }
      if (s.status === 'interrupted') this.runs.setStatus(id, 'cancelled', { endedAt: new Date().toISOString() })
    }
    return this.runs.get(id).summary
  }

  list(datasetId?: string): RunSummary[] {
    recoverInterrupted(this.runs, (id) => this.live.has(id))
    return this.runs.list(datasetId)
  }

  get(id: string, maxPoints = 2000): RunDetail {
    const stored = this.runs.get(id)
    return {
      run: stored.summary,
      config: stored.config,
      split: stored.split,
      curves: this.runs.curves(id, maxPoints),
      evaluations: this.runs.evaluations(id),
      events: this.runs.events(id),
      checkpoints: this.checkpoints.info(id)
    }
  }

  rename(id: string, name: string): RunSummary {
    this.runs.get(id)
    this.deps.db.prepare('UPDATE runs SET name = ? WHERE id = ?').run(name.trim(), id)
    return this.runs.get(id).summary
  }

  /** Deletes a run with its rows and checkpoint files; a live fit of this process is cancelled first. */
  async delete(id: string): Promise<{ deleted: boolean }> {
    const job = this.live.get(id)
    if (job) {
      job.job?.cancel()
      await job.ended
    }
    const s = this.runs.get(id).summary
    if (!job && (s.status === 'running' || s.status === 'queued' || s.status === 'paused')) {
      recoverInterrupted(this.runs, (rid) => this.live.has(rid))
      if (this.runs.get(id).summary.status !== 'interrupted') {
        throw new AppError('CONFLICT', `Run ${id} is running in another process; cancel it there first.`, {
          field: 'id'
        })
      }
    }
    this.runs.delete(id)
    rmSync(join(this.deps.dataDir, 'runs', id), { recursive: true, force: true })
    return { deleted: true }
  }

  /**
   * Held-out metrics of a run at its best checkpoint (else its newest): the stored evaluation, or with
   * `recompute` evaluated again from the checkpoint file in this thread.
   */
  async evaluate(
    id: string,
    opts: { which?: 'best' | 'last'; recompute?: boolean } = {}
  ): Promise<{ step: number; metrics: Metrics }> {
    const which = opts.which ?? 'best'
    if (opts.recompute) return this.recompute(id, which)
    this.runs.get(id)
    const evals = this.runs.evaluations(id)
    const want = this.store.findCheckpoint(id, which)?.step
    const hit = evals.find((e) => e.step === want) ?? evals.at(-1)
    if (!hit) throw new AppError('NOT_FOUND', `Run ${id} has no evaluation yet.`, { field: 'id' })
    return hit
  }

  /** Evaluates a checkpoint again from its file and its dataset's file (through the work port). */
  private async recompute(id: string, which: 'best' | 'last'): Promise<{ step: number; metrics: Metrics }> {
    const stored = this.runs.get(id)
    const c = this.store.checkpointOf(id, which)
    const metrics = await this.work.evaluateCheckpoint({
      checkpointFile: this.store.pathOf(c),
      checkpoint: { bytes: c.bytes, sha256: c.sha256 },
      datasetFile: this.deps.datasets.fileOf(stored.summary.datasetId),
      datasetName: stored.summary.datasetName,
      config: stored.config,
      split: stored.split
    })
    return { step: c.step, metrics }
  }

  /** Resolves when the run's live session (if any) has ended and been recorded. */
  async waitFor(id: string): Promise<RunSummary> {
    await this.live.get(id)?.ended
    return this.runs.get(id).summary
  }

  /** Cancels every live fit of this process and waits for them (app quit, CLI Ctrl-C). */
  async close(): Promise<void> {
    const jobs = [...this.live.values()]
    for (const j of jobs) j.job?.cancel()
    await Promise.all(jobs.map((j) => j.ended))
  }

  private liveJob(id: string): RunJob {
    const job = this.live.get(id)
    if (!job) {
      const s = this.runs.get(id).summary
      throw new AppError('CONFLICT', `Run ${id} is not running in this process (it is ${s.status}).`, { field: 'id' })
    }
    return job
  }

  private launch(data: FitData, config: FitConfig, state: Uint8Array | null, start: JobStart): void {
    const id = start.runId
    const job = new RunJob(this.env, start)
    this.live.set(id, job)
    const stored = this.runs.get(id).summary
    this.runs.setStatus(id, 'running', {
      startedAt: stored.startedAt ?? new Date().toISOString(),
      ownerPid: process.pid
    })
    const options: LoopOptions = {
      targetSteps: start.targetSteps,
      timeLimitMs: start.timeLimitS !== null ? start.timeLimitS * 1000 : null,
      progressIntervalMs: 100,
      bestTTrial: start.bestTTrial,
      evalsSinceBest: start.evalsSinceBest,
      sampleTrials: SAMPLE.trials,
      sampleNeurons: SAMPLE.neurons
    }
    try {
      job.job = this.deps.host.start({ jobId: id, data, config, state, options }, (msg) => job.handle(msg))
    } catch (err) {
      job.handle({ type: 'failed', jobId: id, step: start.step, error: toAppErrorData(err) })
    }
    void job.ended.then(() => {
      if (this.live.get(id) === job) this.live.delete(id)
    })
  }
}

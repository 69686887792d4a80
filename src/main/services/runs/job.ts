// One live fit session: turns the worker's messages, in order, into store writes (steps, evaluations,
// checkpoint files + rows, status) and contract events (fit.progress, fit.checkpoint, fit.finished, …).
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { toAppErrorData } from '@shared/contract/errors'
import type { EventName, EventPayload } from '@shared/contract/events'
import { finiteOrNull, type Metrics, type RunStatus, type LossTerms, type SampleRaster } from '@shared/domain/fit'
import { LR_RECOVERY_STEPS } from '../../engine'
import type { FitJob } from '../../fit-host/fit-host'
import type { LoopMessage } from '../../fit-host/worker-loop'
import { metricsToWire } from '../../store/runs-repo'
import type { RunStore } from './run-store'

export interface JobEnv {
  store: RunStore
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void
  /** Checkpoints kept besides the best one. */
  keepCheckpoints: number
}

export interface JobStart {
  runId: string
  targetSteps: number
  /** Time budget of this session, s (null = none). */
  timeLimitS: number | null
  /** Training seconds of the run before this session. */
  baseElapsedS: number
  step: number
  checkpointStep: number
  /** Early-stopping state to continue from: the best held-out T'trial so far and the evaluations since it. */
  bestTTrial: number | null
  evalsSinceBest: number
  metrics: Metrics | null
}

export class RunJob {
  job: FitJob | null = null
  status: RunStatus = 'running'
  /** Resolves once the terminal message has been written to the store. */
  readonly ended: Promise<void>
  private endedResolve: () => void = () => undefined
  private queue: Promise<void> = Promise.resolve()
  private step: number
  private checkpointStep: number
  private elapsedS: number
  private sPerStep = 0
  private losses: LossTerms = { total: null, psth: null, trial: null, reg: null }
  private meanRateHz: number | null = null
  private metrics: Metrics | null
  private sample: SampleRaster | null = null
  private bestTTrial: number | null
  private evalsSinceBest: number

  constructor(
    private readonly env: JobEnv,
    readonly start: JobStart
  ) {
    this.step = start.step
    this.checkpointStep = start.checkpointStep
    this.elapsedS = start.baseElapsedS
    this.metrics = start.metrics
    this.bestTTrial = start.bestTTrial
    this.evalsSinceBest = start.evalsSinceBest
    this.ended = new Promise((resolve) => (this.endedResolve = resolve))
  }

  get runId(): string {
    return this.start.runId
  }

  /** Queues a worker message; messages are processed strictly in order (checkpoint writes are async). */
  handle(msg: LoopMessage): void {
    this.queue = this.queue
      .then(() => this.process(msg))
      .catch((err: unknown) => {
        try {
          this.env.store.runs.addEvent(
            this.runId,
            this.step,
            'note',
            `could not record a ${msg.type} message: ${toAppErrorData(err).message}`
          )
        } catch {
          // the store itself is unavailable: nothing more to record
        }
      })
      .finally(() => {
        if (msg.type === 'done' || msg.type === 'cancelled' || msg.type === 'failed') this.endedResolve()
      })
  }

  /** Status change requested by the user (pause/resume), shown at once; the worker confirms later. */
  setStatus(status: RunStatus): void {
    this.status = status
    this.env.store.runs.setStatus(this.runId, status)
    this.emitProgress()
  }

  private async process(msg: LoopMessage): Promise<void> {
    const { store } = this.env
    const { runs, checkpoints } = store
    const id = this.runId
    switch (msg.type) {
      case 'ready': {
        runs.setStatus(id, this.status, { backend: msg.backend, threads: msg.threads })
        // the engine's automatic changes (neurons per area raised, rates calibrated, …), once per run
        const known = new Set(runs.events(id).map((e) => e.message))
        for (const note of msg.notes ?? []) {
          const text = `Automatic: ${note.replace(/\.$/, '')}.`
          if (!known.has(text)) runs.addEvent(id, msg.step, 'note', text)
        }
        return
      }
      case 'progress': {
        this.elapsedS = this.start.baseElapsedS + msg.elapsedMs / 1000
        this.sPerStep = msg.sPerStep
        if (msg.reports.length) runs.appendSteps(id, msg.reports, this.elapsedS)
        for (const r of msg.reports) {
          this.step = r.step
          this.losses = {
            total: finiteOrNull(r.losses.total),
            psth: finiteOrNull(r.losses.psth),
            trial: finiteOrNull(r.losses.trial),
            reg: finiteOrNull(r.losses.reg)
          }
          this.meanRateHz = finiteOrNull(r.meanRateHz)
          if (r.rolledBack) {
            runs.addEvent(
              id,
              r.step,
              'diverged',
              `Divergence (${r.rolledBack.reason}): step rolled back, learning rate halved to ${r.rolledBack.newLr} (it doubles back every ${LR_RECOVERY_STEPS} healthy steps, up to the set rate).`
            )
          }
        }
        this.emitProgress()
        return
      }
      case 'evaluation':
        this.metrics = metricsToWire(msg.metrics as unknown as Record<string, unknown>)
        this.bestTTrial = msg.bestTTrial
        this.evalsSinceBest = msg.evalsSinceBest
        this.sample = msg.sample
        runs.addEvaluation(id, msg.step, this.metrics)
        this.emitProgress()
        return
      case 'checkpoint': {
        const evalLoss = finiteOrNull(msg.evalLoss)
        const tTrial = finiteOrNull(msg.tTrial)
        await store.writeCheckpoint(id, {
          step: msg.step,
          state: msg.state,
          params: msg.params,
          evalLoss,
          tTrial,
          isBest: msg.isBest,
          bestTTrial: this.bestTTrial,
          evalsSinceBest: this.evalsSinceBest,
          elapsedS: this.elapsedS
        })
        this.checkpointStep = msg.step
        for (const f of checkpoints.prune(id, this.env.keepCheckpoints)) rmSync(join(store.dataDir, f), { force: true })
        this.env.emit('fit.checkpoint', { runId: id, step: msg.step, evalLoss, tTrial, isBest: msg.isBest })
        return
      }
      case 'paused':
        this.status = 'paused'
        runs.setStatus(id, 'paused')
        runs.addEvent(id, msg.step, 'paused', 'Paused (checkpointed).')
        this.emitProgress()
        return
      case 'resumed':
        this.status = 'running'
        runs.setStatus(id, 'running')
        this.emitProgress()
        return
      case 'done':
        this.status = 'completed'
        runs.setStatus(id, 'completed', { endedAt: new Date().toISOString(), stopReason: msg.reason, ownerPid: null })
        this.env.emit('fit.finished', { runId: id, step: msg.step, reason: msg.reason, metrics: this.metrics })
        return
      case 'cancelled':
        this.status = 'cancelled'
        runs.setStatus(id, 'cancelled', { endedAt: new Date().toISOString(), ownerPid: null })
        this.env.emit('fit.cancelled', { runId: id, step: msg.step, checkpointStep: this.checkpointStep })
        return
      case 'failed':
        this.status = 'failed'
        runs.setStatus(id, 'failed', { endedAt: new Date().toISOString(), error: msg.error, ownerPid: null })
        this.env.emit('fit.failed', { runId: id, step: msg.step, error: msg.error })
        return
    }
  }

  private emitProgress(): void {
    const { targetSteps, timeLimitS, baseElapsedS } = this.start
    let eta: number | null = this.sPerStep > 0 ? Math.max(0, targetSteps - this.step) * this.sPerStep : null
    if (timeLimitS !== null) {
      const left = Math.max(0, timeLimitS - (this.elapsedS - baseElapsedS))
      eta = eta === null ? left : Math.min(eta, left)
    }
    this.env.emit('fit.progress', {
      runId: this.runId,
      status: this.status,
      step: this.step,
      targetSteps,
      losses: this.losses,
      sPerStep: this.sPerStep,
      etaS: eta,
      elapsedS: this.elapsedS,
      meanRateHz: this.meanRateHz,
      metrics: this.metrics,
      sample: this.sample
    })
    this.sample = null
  }
}

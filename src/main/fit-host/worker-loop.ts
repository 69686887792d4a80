// The fit loop run inside the engine worker: steps, held-out evaluation, early stopping, checkpoints,
// pause/cancel through the shared flags, throttled progress. Pure of worker_threads so tests run it in-process.
import { AppError, toAppErrorData } from '@shared/contract/errors'
import { finiteOrNull, type SampleRaster, type StepReport, type StopReason } from '@shared/domain/fit'
import { FLAG, type StartMessage, type WorkerMessage } from './protocol'
import type { FitConfig } from '@shared/domain/model-config'
import type { FitData, MetricValues, ModelParams, Trainer } from '../engine'
import { buildSampleRaster, sampleStimuli } from './sample-raster'

export type LoopMessage = WorkerMessage<MetricValues, ModelParams>

export interface LoopDeps {
  createTrainer(data: FitData, config: FitConfig, state?: Uint8Array): Promise<Trainer>
  /** Sends a message to the host; `transfer` lists buffers handed over without a copy. */
  post(msg: LoopMessage, transfer?: ArrayBuffer[]): void
  /** Monotonic clock, ms (injectable for tests). */
  now?: () => number
}

/** Seed of the live sample raster: fixed so that successive samples differ only by the parameters. */
const SAMPLE_SEED = 20231
/** How often the flags are polled while the engine is busy inside a step, ms. */
const FLAG_POLL_MS = 50

/**
 * Runs one session of a fit until the step target, the time limit, early stopping, cancel or failure.
 * Order inside an iteration is fixed (step → evaluation → checkpoint) so that a resumed run replays the
 * uninterrupted one exactly. Never throws: every outcome becomes a message.
 */
export async function runFitLoop(start: StartMessage<FitData>, deps: LoopDeps): Promise<void> {
  const now = deps.now ?? (() => performance.now())
  const { jobId, options, config } = start
  const flags = new Int32Array(start.flags)
  const abort = new AbortController()
  const poll = setInterval(() => {
    if (Atomics.load(flags, FLAG.cancel) === 1) abort.abort()
  }, FLAG_POLL_MS)
  const cancelled = (): boolean => {
    if (Atomics.load(flags, FLAG.cancel) === 1) abort.abort()
    return abort.signal.aborted
  }
  const t0 = now()
  let trainer: Trainer | null = null
  let step = 0
  try {
    trainer = await deps.createTrainer(start.data, config, start.state ?? undefined)
    const tr = trainer
    step = tr.step
    deps.post({
      type: 'ready',
      jobId,
      backend: tr.backend.name,
      threads: tr.backend.threads,
      step,
      notes: start.state ? [] : [...(tr.notes ?? [])]
    })
    const structure = tr.exportParams()
    const stimuli = sampleStimuli(start.data, options.sampleTrials)

    let pending: StepReport[] = []
    let lastFlush = -Infinity
    let sPerStep = 0
    // early stopping and the best checkpoint follow the held-out T'trial (the method's quality metric, spec §4.5):
    // the held-out loss can bottom out long before the T'trial stops rising
    let best = options.bestTTrial
    let sinceBest = options.evalsSinceBest
    let lastEvalStep = -1
    let lastCkptStep = start.state ? step : -1
    let lastEval: { loss: number | null; tTrial: number | null } = { loss: null, tTrial: null }
    let improvedSinceCkpt = false

    const flush = (): void => {
      deps.post({ type: 'progress', jobId, step, reports: pending, sPerStep, elapsedMs: now() - t0 })
      pending = []
      lastFlush = now()
    }
    const evaluate = async (): Promise<boolean> => {
      const metrics = await tr.evaluate({ signal: abort.signal })
      const tTrial = metrics.t_trial_pearson
      const improved = isBetterTTrial(tTrial, best)
      if (improved) {
        best = tTrial
        sinceBest = 0
        improvedSinceCkpt = true
      } else sinceBest += 1
      lastEvalStep = step
      lastEval = { loss: finiteOrNull(metrics.eval_loss), tTrial: finiteOrNull(tTrial) }
      let sample: SampleRaster | null = null
      if (options.sampleTrials > 0) {
        const sim = await tr.simulate(stimuli, SAMPLE_SEED)
        sample = buildSampleRaster(sim, structure, start.data, step, options.sampleNeurons)
      }
      flush()
      deps.post({
        type: 'evaluation',
        jobId,
        step,
        metrics,
        improved,
        bestTTrial: best,
        evalsSinceBest: sinceBest,
        sample
      })
      return improved
    }
    const checkpoint = (): void => {
      const state = tr.saveState().slice()
      const params = tr.exportParams()
      flush()
      const { loss, tTrial } = lastEvalStep === step ? lastEval : { loss: null, tTrial: null }
      deps.post(
        {
          type: 'checkpoint',
          jobId,
          step,
          state,
          params,
          evalLoss: loss,
          tTrial,
          isBest: improvedSinceCkpt && tTrial !== null && tTrial === best
        },
        [state.buffer as ArrayBuffer]
      )
      lastCkptStep = step
      improvedSinceCkpt = false
    }

    let reason: StopReason = 'completed'
    const { evalEvery, checkpointEvery, earlyStopPatience } = config.optim
    while (step < options.targetSteps) {
      if (options.timeLimitMs !== null && now() - t0 >= options.timeLimitMs) {
        reason = 'time-limit'
        break
      }
      if (Atomics.load(flags, FLAG.pause) === 1 && !cancelled()) {
        if (lastCkptStep !== step) checkpoint()
        else flush()
        deps.post({ type: 'paused', jobId, step })
        while (Atomics.load(flags, FLAG.pause) === 1 && !cancelled()) await sleep(FLAG_POLL_MS)
        if (!cancelled()) deps.post({ type: 'resumed', jobId, step })
      }
      if (cancelled()) throw abortError()
      const t = now()
      const report = await tr.runStep({ signal: abort.signal })
      step = report.step
      pending.push(toRecord(report))
      let stop = false
      if (step % evalEvery === 0) {
        const improved = await evaluate()
        if (!improved && earlyStopPatience > 0 && sinceBest >= earlyStopPatience) stop = true
      }
      if (step % checkpointEvery === 0 || (improvedSinceCkpt && lastEvalStep === step)) checkpoint()
      const dt = (now() - t) / 1000
      sPerStep = sPerStep === 0 ? dt : 0.8 * sPerStep + 0.2 * dt
      if (now() - lastFlush >= options.progressIntervalMs) flush()
      if (stop) {
        reason = 'early-stopped'
        break
      }
    }
    if (lastEvalStep !== step) await evaluate()
    if (lastCkptStep !== step) checkpoint()
    flush()
    deps.post({ type: 'done', jobId, step, reason })
  } catch (err) {
    if (cancelled() || (err instanceof Error && (err.name === 'AbortError' || err.name === 'ShardCancelledError'))) {
      deps.post({ type: 'cancelled', jobId, step })
    } else {
      // Unexpected failures keep their stack in the log (never on the wire) so they can be diagnosed.
      if (!(err instanceof AppError)) console.error(`[fit ${jobId}] unexpected failure at step ${step}:`, err)
      deps.post({ type: 'failed', jobId, step, error: toAppErrorData(err) })
    }
  } finally {
    clearInterval(poll)
    if (trainer) await trainer.dispose().catch(() => undefined)
  }
}

/**
 * True when a held-out T'trial beats the best so far (strictly: a tie keeps the earlier step). NaN (no pairs to
 * score) is never an improvement, as a NaN loss was not.
 */
function isBetterTTrial(tTrial: number, best: number | null): boolean {
  return Number.isFinite(tTrial) && (best === null || tTrial > best)
}

function toRecord(r: Awaited<ReturnType<Trainer['runStep']>>): StepReport {
  const rec: StepReport = {
    step: r.step,
    losses: { ...r.losses },
    stepMs: r.stepMs,
    spikeDensity: r.spikeDensity,
    meanRateHz: r.meanRateHz
  }
  if (r.rolledBack) rec.rolledBack = { ...r.rolledBack }
  return rec
}

function abortError(): Error {
  const e = new Error('The fit was cancelled.')
  e.name = 'AbortError'
  return e
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

// Messages between the fit host (main/serve/CLI thread) and the engine worker, plus the shared control flags.
// Pure types: only the fit host and its worker use them.
import type { AppErrorData } from '@shared/contract/errors'
import type { FitConfig } from '@shared/domain/model-config'
import type { SampleRaster, StepReport, StopReason } from '@shared/domain/fit'

/** Int32 slots of the SharedArrayBuffer both sides see. The host writes, the worker reads between phases. */
export const FLAG = { cancel: 0, pause: 1 } as const
export const FLAG_COUNT = 2

/** Loop settings decided by the host (the fit's config gives the step cadences). */
export interface LoopOptions {
  /** Stop after this optimiser step (absolute step count, not steps-to-go). */
  targetSteps: number
  /** Wall-clock budget of this session of the run, ms (null = none). */
  timeLimitMs: number | null
  /** Minimum interval between progress messages, ms (100 ms = 10 Hz). */
  progressIntervalMs: number
  /**
   * Early-stopping state carried over a resume so that it continues exactly: the best held-out T'trial so far
   * (null = none yet) and the evaluations since it.
   */
  bestTTrial: number | null
  evalsSinceBest: number
  /** Generated trials in the live sample raster, and how many neurons it shows at most. */
  sampleTrials: number
  sampleNeurons: number
}

/** host → worker: the one start message (everything else goes through the shared flags). */
export interface StartMessage<Data> {
  type: 'start'
  jobId: string
  data: Data
  config: FitConfig
  /** Trainer.saveState() bytes to continue from, or null for a fresh fit. */
  state: Uint8Array | null
  /** Int32Array(FLAG_COUNT) over a SharedArrayBuffer. */
  flags: SharedArrayBuffer
  options: LoopOptions
}

export type WorkerMessage<Metrics, Params> =
  /** The trainer exists: which backend it runs on and the step it starts at. */
  /** notes: automatic choices the engine made at start (neurons raised, rates calibrated), for the run's events. */
  | { type: 'ready'; jobId: string; backend: string; threads: number; step: number; notes?: string[] }
  /** Every step since the previous message (none are dropped), sent at most every progressIntervalMs. */
  | { type: 'progress'; jobId: string; step: number; reports: StepReport[]; sPerStep: number; elapsedMs: number }
  /** Held-out evaluation at `step`; `improved` = a new best held-out T'trial (early-stopping bookkeeping). */
  | {
      type: 'evaluation'
      jobId: string
      step: number
      metrics: Metrics
      improved: boolean
      bestTTrial: number | null
      evalsSinceBest: number
      sample: SampleRaster | null
    }
  /**
   * A complete checkpoint: Trainer.saveState() bytes (transferred) and the readable parameters; evalLoss and tTrial
   * are the held-out loss and T'trial of an evaluation at this step (null: none here); isBest = the best held-out T'trial.
   */
  | {
      type: 'checkpoint'
      jobId: string
      step: number
      state: Uint8Array
      params: Params
      evalLoss: number | null
      tTrial: number | null
      isBest: boolean
    }
  | { type: 'paused'; jobId: string; step: number }
  | { type: 'resumed'; jobId: string; step: number }
  | { type: 'done'; jobId: string; step: number; reason: StopReason }
  | { type: 'cancelled'; jobId: string; step: number }
  | { type: 'failed'; jobId: string; step: number; error: AppErrorData }

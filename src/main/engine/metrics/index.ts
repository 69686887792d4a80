// Public API of the metrics module (spec §5): held-out evaluation of generated trials against recorded ones.
import type { LossTargets } from '../losses/types'
import type { Metrics } from '../types'

/** Generated trials to evaluate. B trials, T bins, N neurons. */
export interface EvalArgs {
  /** B × T × N spikes (0/1). */
  modelSpikes: Float32Array | Uint8Array
  /** B × T, or null when the model has no jaw readout. */
  modelJaw: Float32Array | null
  /** Stimulus condition per generated trial, length B. */
  modelStimulus: Float32Array
  /** Per session: the held-out trial indices. */
  heldOut: Int32Array[]
  /** Seed of the random equal-size subsets (default 0). */
  seed?: number
}

/**
 * Held-out metrics: T'trial Pearson (true Pearson of Hungarian-matched trials within stimulus conditions, random
 * equal-size subsets) with its train-vs-held-out ceiling at the same sample sizes; PSTH Pearson per neuron (mean,
 * per area) with its ceiling; trial-type mix; jaw correlation; lick accuracy; evaluation loss.
 */
export function evaluateMetrics(targets: LossTargets, args: EvalArgs): Metrics {
  void targets
  void args
  throw new Error('evaluateMetrics: implementation lands in the next commit')
}

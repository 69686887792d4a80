// Engine data contract: what the fit workflow hands the engine and what it gets back.
// Plain typed arrays only; no I/O, no Electron, no store. Shapes are row-major, time inside trials.
import type { Perturbation } from '@shared/domain/perturbation'
import type { LightPlan } from './perturb/light'

/** Outcome codes used inside the engine (match the order of outcomes in shared/domain/dataset.ts). */
export const OUTCOME = { Hit: 0, Miss: 1, CR: 2, FA: 3 } as const

/** One recording session as the engine sees it. K trials, T bins, U units. */
export interface EngineSession {
  name: string
  /** Area index (into FitData.areas) of each recorded unit, length U. */
  unitArea: Int32Array
  /** 0 = excitatory (or unknown), 1 = inhibitory, length U. */
  unitInhibitory: Uint8Array
  /** Spike counts, K × T × U (index (k·T + t)·U + u). */
  spikes: Uint8Array
  /** OUTCOME code per trial, length K. */
  outcome: Uint8Array
  /** Stimulus condition per trial (0 = none), length K. */
  stimulus: Float32Array
  /** Recorded jaw trace, K × T, or null when the session has no behaviour. */
  jaw: Float32Array | null
  /** 1 = held-out (never used for gradients), 0 = training, length K. */
  heldOut: Uint8Array
}

export interface FitData {
  areas: string[]
  /** Bin width, s. */
  dt: number
  /** Number of bins per trial. */
  nBins: number
  /** Bin index of the alignment event (stimulus onset) = round(−start/dt). */
  stimBin: number
  sessions: EngineSession[]
}

/** Model neuron ↔ recorded unit map (session stitching, spec §1.5). */
export interface NeuronMap {
  /** Session index per model neuron, −1 = unrecorded (hidden). */
  session: Int32Array
  /** Unit index inside that session, −1 = unrecorded. */
  unit: Int32Array
}

/** Loss values of one step (coefficients applied). */
export interface LossReport {
  total: number
  psth: number
  trial: number
  reg: number
}

export interface StepReport {
  step: number
  losses: LossReport
  /** Wall time of the step, ms. */
  stepMs: number
  /** Fraction of (neuron, step) pairs that spiked in the generated batch. */
  spikeDensity: number
  /** Mean model rate, Hz. */
  meanRateHz: number
  /** Set when a divergence was detected and the step rolled back. */
  rolledBack?: { reason: string; newLr: number }
}

/** Held-out evaluation metrics (spec §5; ceilings are data-vs-data split halves). */
export interface Metrics {
  t_trial_pearson: number
  t_trial_pearson_ceiling: number
  psth_pearson: number
  psth_pearson_ceiling: number
  /** Per area PSTH Pearson (mean over neurons). */
  psth_pearson_per_area: Record<string, number>
  /** Trial-type mix of generated trials vs recorded (fractions, keys Hit/Miss/CR/FA). */
  trial_type_model: Record<string, number>
  trial_type_data: Record<string, number>
  /** Jaw correlation of trial-averaged traces and lick/no-lick accuracy (NaN when no behaviour). */
  jaw_pearson: number
  lick_accuracy: number
  eval_loss: number
}

/** Generated trials: B trials × T bins × N model neurons spikes, jaw B × T. */
export interface Simulation {
  nTrials: number
  nBins: number
  nNeurons: number
  spikes: Uint8Array
  jaw: Float32Array
  /** Stimulus condition per generated trial. */
  stimulus: Float32Array
}

/** A named parameter array with its shape, unit and meaning (used by checkpoints and model export). */
export interface NamedArray {
  data: Float32Array
  shape: number[]
  unit: string
  description: string
}

/** Everything a fitted model is: parameters plus the fixed structure they live in. */
export interface ModelParams {
  /**
   * w_rec_d0 [N_pre,N_post], w_rec_d1, w_in [nIn,N], v_rest [N], noise_scale [N], latent [L,N], w_jaw [N],
   * jaw_affine [2] (gain, offset). Weights are stored ≥ 0, presynaptic-major; the sign is the presynaptic type.
   */
  arrays: Record<string, NamedArray>
  /** Area index per model neuron, length N. */
  neuronArea: Int32Array
  /** 1 = inhibitory, length N. */
  neuronInhibitory: Uint8Array
  neuronMap: NeuronMap
  areas: string[]
  /**
   * Light-sensitive rank of each neuron inside its (area, E/I) population, fixed by the model's seed: the subset a
   * perturbation drives at fraction f is rank < round(f · population size). Absent in files written before it existed.
   */
  lightRank?: Int32Array
}

export interface TrainerHooks {
  /** Checked between phases of a step; an aborted signal makes runStep reject with an AbortError. */
  signal?: AbortSignal
}

/**
 * A fit in progress. Deterministic: the same data, config and seed give the same numbers, whatever the
 * number of threads; saveState() → createTrainer(..., state) continues the identical trajectory.
 */
export interface Trainer {
  /** Optimiser steps taken so far. */
  readonly step: number
  readonly backend: { name: string; threads: number }
  /** Automatic adjustments made while setting up (e.g. neuronsPerArea raised), for the user. */
  readonly notes?: readonly string[]
  /** One optimiser step (sample batch → forward → losses → backward → Adam → constraints); rolls back on divergence. */
  runStep(hooks?: TrainerHooks): Promise<StepReport>
  /** Metrics on held-out trials (and data-vs-data ceilings). */
  evaluate(hooks?: TrainerHooks): Promise<Metrics>
  /**
   * Generate trials with the current parameters; stimulus per trial; deterministic given seed. With
   * perturbations (in-silico optogenetics, combined), the trials use the same random draws as without them
   * (common random numbers): the difference to the control is the perturbation's effect alone.
   * @throws AppError BAD_VALUE (field `areas`) for an area the model does not have; AbortError on hooks.signal
   */
  simulate(stimulus: Float32Array, seed: number, perturbations?: Perturbation[], hooks?: TrainerHooks): Promise<Simulation>
  /** Perturbations compiled to light currents on this model's light-sensitive neurons (what simulate applies). */
  compileLight(perturbations: Perturbation[]): LightPlan
  /** Params + optimiser + RNG + step, versioned bytes (no file I/O). */
  saveState(): Uint8Array
  exportParams(): ModelParams
  dispose(): Promise<void>
}

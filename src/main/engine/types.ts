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

/** One optimiser step's report (defined once in the shared domain: the worker forwards it, the store keeps it). */
import type { Metrics, StepReport } from '@shared/domain/fit'
export type { LossReport, StepReport } from '@shared/domain/fit'

/** Held-out metrics as the engine computes them: the shared Metrics, with NaN where a value is undefined. */
export type MetricValues = {
  [K in keyof Metrics]: Metrics[K] extends number | null ? number : Record<string, number>
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

/** Trial type of each generated trial (OUTCOME codes), as the held-out metrics decide it. */
export interface TrialClassification {
  outcome: Uint8Array
  /** 1 = lick, per generated trial (Hit or FA). */
  lick: Uint8Array
  /** How they were classified, for the user. */
  method: string
}

/** One trial-matching assignment: pairs of (recorded trial, generated trial) indices. */
export interface TrialPairs {
  pairs: { data: number; model: number }[]
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
  evaluate(hooks?: TrainerHooks): Promise<MetricValues>
  /**
   * Generate trials with the current parameters; stimulus per trial; deterministic given seed. With
   * perturbations (in-silico optogenetics, combined), the trials use the same random draws as without them
   * (common random numbers): the difference to the control is the perturbation's effect alone.
   * @throws AppError BAD_VALUE (field `areas`) for an area the model does not have; AbortError on hooks.signal
   */
  simulate(
    stimulus: Float32Array,
    seed: number,
    perturbations?: Perturbation[],
    hooks?: TrainerHooks
  ): Promise<Simulation>
  /**
   * Trial type of each generated trial of `sim`, decided as the held-out metrics do (spec §5.4: the lick classifier
   * on the filtered jaw, else the nearest trial-type template), against this fit's own training targets.
   */
  classifyTrials(sim: Simulation): TrialClassification
  /**
   * The loss's own trial matching (spec §3.2) between `dataTrials` of recorded session `session` and `nModel`
   * generated trials (spikes nModel × T × N, jaw nModel × T or null), z-scored with this fit's training statistics.
   */
  matchTrialSet(
    session: number,
    spikes: Uint8Array,
    jaw: Float32Array | null,
    nModel: number,
    dataTrials: Int32Array
  ): TrialPairs
  /** Perturbations compiled to light currents on this model's light-sensitive neurons (what simulate applies). */
  compileLight(perturbations: Perturbation[]): LightPlan
  /** Params + optimiser + RNG + step, versioned bytes (no file I/O). */
  saveState(): Uint8Array
  exportParams(): ModelParams
  dispose(): Promise<void>
}

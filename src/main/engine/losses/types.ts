// Public data types of the loss module: prepared data-side targets, one step's model batch, and the result.
import type { LossConfig } from '@shared/domain/model-config'
import type { FactoredSpikeGrad } from '../spike-grad'
import type { SpikeTally } from '../spike-tally'
import type { FitData, LossReport, NeuronMap } from '../types'
import type { BandFilter } from './filters'

/** One qualifying area of one session: the model neurons and recorded units averaged into a feature block. */
export interface AreaGroup {
  /** Area index into FitData.areas. */
  area: number
  /** Model neuron indices (into the N model neurons) of this session and area. */
  neurons: Int32Array
  /** The recorded unit index (inside the session) of each of those neurons, same order. */
  units: Int32Array
  /** z-scoring statistics of the filtered population average over all training trials (spikes per bin). */
  mean: number
  std: number
}

/** Data-side quantities of one session, computed once per fit. */
export interface SessionTargets {
  /** Index into FitData.sessions. */
  index: number
  name: string
  /** Number of recorded trials K. */
  nTrials: number
  /** All model neurons mapped to this session, and their unit indices (same order). */
  neurons: Int32Array
  units: Int32Array
  /** Areas with at least `minAreaNeurons` mapped neurons; empty = the session takes no part in trial matching. */
  groups: AreaGroup[]
  /** Jaw block in the features: true when the session has a jaw trace and cfg.matchJaw. */
  useJaw: boolean
  jawMean: number
  jawStd: number
  /** Feature length per trial D = L2 × (groups + jaw). */
  featureDim: number
  /** z-scored trial features of every recorded trial, K × D (row k = trial k). */
  features: Float64Array
  /** Mean spikes per bin of each of `neurons` over the training trials (rate regulariser target). */
  meanRate: Float64Array
}

/** Everything computeLosses and evaluateMetrics need from the data; built once by prepareLossTargets. */
export interface LossTargets {
  cfg: LossConfig
  /** The data and map the targets were built from (read-only; metrics and PSTHs of new trial sets use them). */
  data: FitData
  map: NeuronMap
  areas: string[]
  /** Bin width, s; bins per trial; stimulus bin. */
  dt: number
  nBins: number
  stimBin: number
  /** Number of model neurons N the batches carry. */
  nNeurons: number
  /** filter1 (box, spec §3.1): T → L1; featureFilter = filter2 ∘ filter1: T → L2. */
  filter1: BandFilter
  featureFilter: BandFilter
  /** Minimum mapped neurons for an area to enter the trial features (10, or 1 as a fallback). */
  minAreaNeurons: number
  sessions: SessionTargets[]
  /** Human-readable notes on choices made while preparing (fallbacks, skipped sessions). */
  notes: string[]
  /** Cache of data PSTHs per (session, trial set); filled lazily by computeLosses. */
  psthCache: Map<string, DataPsth>
}

/** Trial-averaged filtered data of one session over one trial set (spec §3.2 step 1-2). */
export interface DataPsth {
  /** L1 × U_s (row l, column j = SessionTargets.neurons[j]), spikes per bin. */
  psth: Float64Array
  /** Per-column normalisation: mean and unbiased std over time (std < 1e-3 → 1). */
  mean: Float64Array
  scale: Float64Array
  /** Filtered trial-averaged jaw (L1) with its mean/std, or null. */
  jaw: Float64Array | null
  jawMean: number
  jawScale: number
}

/** One training step's generated batch. B trials, T bins, N neurons. */
export interface LossBatch {
  /** z values (0/1, treated as continuous for the gradient), B × T × N, index (b·T + t)·N + n. */
  spikes: Float32Array
  /** Model jaw, B × T, or null when the model has no readout. */
  jaw: Float32Array | null
  /** Stimulus condition per generated trial, length B. */
  stimulus: Float32Array
  /** Per session: the training trial indices of this step's condition. */
  trials: Int32Array[]
  /** Seed of the random equal-size subsets of hard matching (default: derived from the trial sets). */
  seed?: number
  /** Spike counts tallied by the forward over tallyLayout(targets) (saves the pass over the spikes). */
  tally?: SpikeTally
  /** Factor on loss.trialCoeff for this batch (the phase-in schedule, train/schedule.ts); default 1, 0 = term off. */
  trialScale?: number
}

/** Per-session diagnostics of the trial-matching term. */
export interface SessionLossInfo {
  session: number
  /** Unweighted trial loss of the session (mean squared feature difference, or S_ε). */
  trial: number
  /** Trials that took part: model, data. */
  nModel: number
  nData: number
  /** Soft matching only: Sinkhorn iterations and final marginal error. */
  iterations?: number
  marginalError?: number
}

export interface LossResult {
  /** Coefficients applied; total = psth + trial + reg. */
  report: LossReport
  /** dL/dz, B × T × N, factored (spike-grad.ts: denseSpikeGrad gives the dense array). */
  gradSpikes: FactoredSpikeGrad
  /** dL/djaw, B × T, or null when the batch has no jaw. */
  gradJaw: Float32Array | null
  /** Per session: the matched data trial (index into the session's trials) of each model trial, or −1. */
  assignments: Int32Array[]
  sessions: SessionLossInfo[]
}

/** Options of prepareLossTargets that the fit config does not carry. */
export interface PrepareOptions {
  /** Minimum mapped neurons for an area to be used in trial matching (default 10, spec §3.3). */
  minAreaNeurons?: number
  /**
   * The data's counts summed over trials, per session, instead of its spikes (then empty): for the ceilings of a
   * session too large to hold whole. Every unit must be mapped (identityNeuronMap). See ReducedSession.
   */
  reduced?: ReducedSession[]
}

/**
 * What the data side of the targets and of the PSTH metric take from a session's spike counts, summed a block of
 * trials at a time (src/main/services/timescale/reduced-counts.ts). Integer sums, so the numbers equal those summed
 * from the whole K × T × U array, bit for bit.
 */
export interface ReducedSession {
  /** Counts summed over the units of each area (FitData.areas index), K × A × T (index (k·A + a)·T + t). */
  areaSums: Float64Array
  /** Each unit's counts summed over the training trials and bins, length U. */
  trainCounts: Float64Array
  /** Trial means T × U (index t·U + u) over a condition's held-out / training trials: key `held:${c}`, `train:${c}`. */
  means: Map<string, Float64Array>
}

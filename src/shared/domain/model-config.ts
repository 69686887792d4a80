// Fit configuration: model, losses, optimiser, engine. Defaults follow spec/model.md (the reference's
// pseudodata config) and bounds reject absurd settings once, here, for UI, CLI and engine alike.
import { z } from 'zod'

export const modelConfigSchema = z.object({
  /** Model neurons per area (excitatory + inhibitory). */
  neuronsPerArea: z.number().int().min(2).max(5000).default(250),
  /** Fraction of excitatory neurons in each area. */
  excFraction: z.number().gt(0).lt(1).default(0.8),
  /** Thalamic input channels (first half stimulus-driven, rest background). */
  nInputs: z.number().int().min(1).max(2000).default(200),
  tauExcMs: z.number().positive().max(1000).default(30),
  tauInhMs: z.number().positive().max(1000).default(10),
  /** Threshold and initial resting potential (dimensionless, spec §2.2). */
  threshold: z.number().default(0.1),
  vRest: z.number().default(0),
  refractoryMs: z.number().min(0).max(50).default(4),
  /**
   * Spike-frequency adaptation (adaptive threshold, spec §2.2 step 1): a fraction of the neurons, spread evenly
   * over the index, gets A_t = threshold + β·b_t with b ← d·b + (1 − d)·z, d = exp(−dt/τ). 0 = none (the
   * reference's configs), which also keeps the fastest kernels.
   */
  adaptiveFraction: z.number().min(0).max(1).default(0),
  adaptationBeta: z.number().min(0).max(100).default(1.6),
  tauAdaptationMs: z.number().positive().max(10000).default(500),
  /**
   * Time step of the model and of the data it is fitted to, ms: the dataset is re-binned to it from its spike
   * times. Left out = the dataset's bin width. A fit chooses it from the data's ceilings unless it is set
   * (src/shared/domain/timescale.ts); the stored run keeps the value used.
   */
  dtMs: z.number().min(0.1).max(100).optional(),
  /** The two recurrent synaptic delays (ms); each is rounded to whole steps ≥ 1. */
  delaysMs: z.tuple([z.number().positive(), z.number().positive()]).default([2, 4]),
  /** Membrane noise σ per area (spec §2.2 step 3). */
  noiseLevel: z.number().min(0).max(10).default(0.1),
  trainNoiseScale: z.boolean().default(true),
  /** Sigmoid temperature of the Bernoulli spike probability. */
  temperature: z.number().positive().max(1000).default(15),
  /** Straight-through surrogate dampening γ. */
  dampening: z.number().positive().max(10).default(0.3),
  /** Per-trial latent offset (spec §2.6): dimension, 0 = off. */
  latentDim: z.number().int().min(0).max(64).default(5),
  /** Thalamic input: background rate, stimulus gain, delay and duration. */
  inputRateHz: z.number().min(0).max(500).default(5),
  stimGain: z.number().min(0).max(1000).default(11.5),
  thalamicDelayMs: z.number().min(0).max(100).default(4),
  stimDurationMs: z.number().positive().max(1000).default(10),
  /** Stimulus-free warm-up simulated before each trial, without gradient. */
  warmupMs: z.number().min(0).max(2000).default(100),
  /** Areas whose excitatory neurons drive the jaw readout; empty = last area. */
  motorAreas: z.array(z.string()).default([]),
  tauJawMs: z.number().positive().max(2000).default(50),
  /** Inhibitory neurons project within their own area only (spec §2.4). */
  restrictInterAreaInhibition: z.boolean().default(true),
  /**
   * Before the first step, set each neuron's resting potential so that its simulated mean rate is near its
   * recorded unit's (hidden neurons: their area and type's mean), so the first steps are not spent finding rates.
   */
  initRatesFromData: z.boolean().default(false),
  /**
   * Before the first step, set the jaw readout to the least-squares map from each session's recorded motor-area
   * excitatory units to its recorded jaw (engine/train/jaw-init.ts), so the first steps are not spent finding it.
   */
  initJawFromData: z.boolean().default(false)
})
export type ModelConfig = z.infer<typeof modelConfigSchema>

export const lossConfigSchema = z.object({
  /** Trial-averaged (PSTH) loss coefficient (reference: coeff_loss = 10). */
  psthCoeff: z.number().min(0).max(1e6).default(10),
  /** Trial-matching loss coefficient (reference: coeff_trial_loss = 20). */
  trialCoeff: z.number().min(0).max(1e6).default(20),
  trialMatching: z.enum(['hard', 'soft', 'none']).default('hard'),
  /** Sinkhorn blur ε (soft matching). */
  sinkhornBlur: z.number().positive().max(10).default(0.05),
  /** Include the jaw trace in the trial-matching features when recorded. */
  matchJaw: z.boolean().default(true),
  /** Box filter width (ms) of filter1 and the resampling factor of filter2 (spec §3.1). */
  filterMs: z.number().positive().max(200).default(12),
  resample: z.number().int().min(1).max(20).default(2),
  /** L1 proximal shrink on weights (× lr) and decoupled weight decay. */
  l1Decay: z.number().min(0).max(1).default(0),
  weightDecay: z.number().min(0).max(1).default(0),
  /** Penalty on mean rate above/below the data's (0 = off). */
  rateRegCoeff: z.number().min(0).max(1e6).default(0)
})
export type LossConfig = z.infer<typeof lossConfigSchema>

export const optimConfigSchema = z.object({
  lr: z.number().positive().max(1).default(1e-3),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  eps: z.number().positive().default(1e-8),
  /** Generated trials per step. */
  batchSize: z.number().int().min(2).max(2000).default(200),
  steps: z.number().int().min(1).max(10_000_000).default(2000),
  /** Held-out fraction of each session's trials (never used for gradients). */
  heldOutFraction: z.number().min(0.05).max(0.9).default(0.2),
  evalEvery: z.number().int().min(1).default(25),
  checkpointEvery: z.number().int().min(1).default(25),
  /** Stop after this many evaluations without a higher held-out T'trial (0 = never). */
  earlyStopPatience: z.number().int().min(0).default(20),
  /** Learning-rate warm-up: linear from 10 % of lr to lr over this many steps (0 = none). */
  lrWarmupSteps: z.number().int().min(0).default(0),
  /** Cosine decay of the learning rate over this many steps after the warm-up, to lr × lrFinalFraction (0 = constant). */
  lrDecaySteps: z.number().int().min(0).default(0),
  lrFinalFraction: z.number().min(0).max(1).default(0.1),
  /** Batch-size schedule: start with this many trials and grow linearly to batchSize over batchRampSteps (0 = off). */
  batchStart: z.number().int().min(0).max(2000).default(0),
  batchRampSteps: z.number().int().min(0).default(0),
  /**
   * Trial-matching term phased in: left out before step trialStartStep, then its weight grows linearly to
   * loss.trialCoeff over trialRampSteps (both 0 = the full term from the first step, as in the reference).
   */
  trialStartStep: z.number().int().min(0).default(0),
  trialRampSteps: z.number().int().min(0).default(0),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0)
})
export type OptimConfig = z.infer<typeof optimConfigSchema>

export const engineConfigSchema = z.object({
  backend: z.enum(['auto', 'wasm', 'js', 'tfjs']).default('auto'),
  /** Worker threads for the data-parallel batch; 0 = one per core. */
  threads: z.number().int().min(0).max(64).default(0),
  /** Skip adjoint entries whose surrogate derivative is below this fraction of its peak (0 = exact). */
  surrogateCutoff: z.number().min(0).max(0.1).default(1e-4)
})
export type EngineConfig = z.infer<typeof engineConfigSchema>

export const fitConfigSchema = z.object({
  model: modelConfigSchema.default(modelConfigSchema.parse({})),
  loss: lossConfigSchema.default(lossConfigSchema.parse({})),
  optim: optimConfigSchema.default(optimConfigSchema.parse({})),
  engine: engineConfigSchema.default(engineConfigSchema.parse({}))
})
export type FitConfig = z.infer<typeof fitConfigSchema>

/** Full config with every default filled in. Throws a ZodError naming the field on bad input. */
export function resolveFitConfig(input: unknown): FitConfig {
  return fitConfigSchema.parse(input ?? {})
}

// Fit (run) domain: statuses, loss terms, held-out metrics, live progress, run summaries and details.
// Schemas only; the renderer gets its types from here and main validates what it sends with them.
import { z } from 'zod'
import { appErrorSchema } from '../contract/errors'
import { fitConfigSchema } from './model-config'
import { runSweepSchema } from './sweep'

/** Life cycle of a run. `interrupted` = its process died while it ran; it can be resumed from a checkpoint. */
export const runStatuses = ['queued', 'running', 'paused', 'completed', 'cancelled', 'failed', 'interrupted'] as const
export type RunStatus = (typeof runStatuses)[number]
export const runStatusSchema = z.enum(runStatuses)

/** Statuses from which `runs.resume` starts a worker again (from the last usable checkpoint). */
export const resumableStatuses: readonly RunStatus[] = ['paused', 'interrupted', 'cancelled', 'failed']

/** Why a run that ended normally stopped. */
export const stopReasons = ['completed', 'early-stopped', 'time-limit'] as const
export type StopReason = (typeof stopReasons)[number]
/** Why a run stopped, in words (tables and monitors; the code is for scripts). */
export const stopReasonWords: Record<StopReason, string> = {
  completed: 'step target reached',
  'early-stopped': 'stopped early',
  'time-limit': 'time budget spent'
}

/** JSON cannot carry NaN/Infinity: metrics that are undefined (no behaviour, …) travel as null. */
const num = z.number().nullable()

/** Loss values of one optimiser step, coefficients applied (spec §3.5). */
export const lossTermsSchema = z.object({ total: num, psth: num, trial: num, reg: num })
export type LossTerms = z.infer<typeof lossTermsSchema>

/** Loss values of one step as the engine computes them (always finite numbers; stored as LossTerms). */
export interface LossReport {
  total: number
  psth: number
  trial: number
  reg: number
}

/** One optimiser step: the engine reports it, the fit worker forwards it, the store keeps it as a curve point. */
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
  /** Wall time of the step's parts, ms (update = gradient finalisation, AdamW, constraints, new weights). */
  phaseMs?: { forward: number; losses: number; backward: number; update: number }
}

/** Held-out evaluation metrics (spec §5); ceilings are data-vs-data. The engine computes them as MetricValues (NaN where undefined). */
export const metricsSchema = z.object({
  t_trial_pearson: num,
  t_trial_pearson_ceiling: num,
  /** T'trial on the per-area population means alone (no jaw block); null in runs stored before it existed. */
  t_trial_neural_pearson: num,
  t_trial_neural_pearson_ceiling: num,
  psth_pearson: num,
  psth_pearson_ceiling: num,
  psth_pearson_per_area: z.record(z.string(), num),
  trial_type_model: z.record(z.string(), num),
  trial_type_data: z.record(z.string(), num),
  jaw_pearson: num,
  lick_accuracy: num,
  eval_loss: num
})
export type Metrics = z.infer<typeof metricsSchema>

/** The four headline metrics printed by the CLI (`fit-result`) and the bench (`fit-quality`). */
export const headlineMetricKeys = [
  't_trial_pearson',
  't_trial_pearson_ceiling',
  'psth_pearson',
  'psth_pearson_ceiling'
] as const

/**
 * A small raster of generated trials for the live view. Spikes are listed sparsely: spike i is in trial
 * `trial[i]`, time bin `bin[i]`, and row `row[i]` of `neurons` (model neuron indices shown, grouped by area).
 */
export const sampleRasterSchema = z.object({
  step: z.number().int(),
  nTrials: z.number().int(),
  nBins: z.number().int(),
  /** Bin width, s. */
  dt: z.number(),
  /** Stimulus condition of each sample trial. */
  stimulus: z.array(z.number()),
  neurons: z.array(z.number().int()),
  neuronArea: z.array(z.number().int()),
  neuronInhibitory: z.array(z.number().int()),
  areas: z.array(z.string()),
  trial: z.array(z.number().int()),
  bin: z.array(z.number().int()),
  row: z.array(z.number().int())
})
export type SampleRaster = z.infer<typeof sampleRasterSchema>

/** A divergence roll-back, a checkpoint fallback, a resume: things that happened to a run. */
export const runEventSchema = z.object({
  step: z.number().int(),
  kind: z.enum(['diverged', 'checkpoint-unusable', 'resumed', 'interrupted', 'paused', 'note']),
  message: z.string(),
  /** ISO time. */
  at: z.string()
})
export type RunEvent = z.infer<typeof runEventSchema>

export const runSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  datasetId: z.string(),
  datasetName: z.string(),
  status: runStatusSchema,
  /** Latest step reported (may be ahead of the last checkpoint). */
  step: z.number().int(),
  /** Step of the last registered checkpoint (what a resume continues from). */
  checkpointStep: z.number().int(),
  targetSteps: z.number().int(),
  /** Wall-clock budget, s (null = none). */
  timeLimitS: num,
  seed: z.number().int(),
  backend: z.string().nullable(),
  threads: z.number().int().nullable(),
  appVersion: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Seconds spent training over all sessions of the run. */
  elapsedS: z.number(),
  stopReason: z.enum(stopReasons).nullable(),
  error: appErrorSchema.nullable(),
  /** Step of the best held-out T'trial (a run stored before that rule: of its lowest held-out loss). */
  bestStep: z.number().int().nullable(),
  /** The best held-out T'trial (null for a run stored before that rule, or when no evaluation had one). */
  bestTTrial: num,
  /** Latest held-out metrics. */
  metrics: metricsSchema.nullable(),
  /** The sweep task that produced the run (index, parameters, where it ran), if any. */
  sweep: runSweepSchema.nullable().optional()
})
export type RunSummary = z.infer<typeof runSummarySchema>

/** Per-step curves, possibly decimated (every k-th step plus the last). Parallel arrays. */
export const runCurvesSchema = z.object({
  step: z.array(z.number().int()),
  total: z.array(num),
  psth: z.array(num),
  trial: z.array(num),
  reg: z.array(num),
  /** Wall time per step, ms. */
  stepMs: z.array(z.number()),
  meanRateHz: z.array(num),
  spikeDensity: z.array(num)
})
export type RunCurves = z.infer<typeof runCurvesSchema>

export const runEvaluationSchema = z.object({ step: z.number().int(), metrics: metricsSchema })
export type RunEvaluation = z.infer<typeof runEvaluationSchema>

export const checkpointInfoSchema = z.object({
  step: z.number().int(),
  /** Held-out loss and T'trial of the evaluation at this step (null: none here). */
  evalLoss: num,
  tTrial: num,
  /** The run's best held-out T'trial. */
  isBest: z.boolean(),
  bytes: z.number().int(),
  createdAt: z.string()
})
export type CheckpointInfo = z.infer<typeof checkpointInfoSchema>

/** Held-out split of one session: trial indices (into the session's trials) never used for gradients. */
export const sessionSplitSchema = z.object({
  session: z.string(),
  nTrials: z.number().int(),
  heldOut: z.array(z.number().int()),
  /** Trials left out of the fit altogether (e.g. no jaw trace where the session has behaviour). */
  excluded: z.array(z.number().int())
})
export type SessionSplit = z.infer<typeof sessionSplitSchema>

export const runDetailSchema = z.object({
  run: runSummarySchema,
  config: fitConfigSchema,
  split: z.array(sessionSplitSchema),
  curves: runCurvesSchema,
  evaluations: z.array(runEvaluationSchema),
  events: z.array(runEventSchema),
  checkpoints: z.array(checkpointInfoSchema)
})
export type RunDetail = z.infer<typeof runDetailSchema>

/** Live progress of a running fit (pushed ≤ 10 Hz). */
export const fitProgressSchema = z.object({
  runId: z.string(),
  status: runStatusSchema,
  step: z.number().int(),
  targetSteps: z.number().int(),
  losses: lossTermsSchema,
  /** Mean seconds per step over recent steps. */
  sPerStep: z.number(),
  /** Estimated seconds to the end (step target or time limit), null before the first step. */
  etaS: num,
  elapsedS: z.number(),
  meanRateHz: num,
  metrics: metricsSchema.nullable(),
  sample: sampleRasterSchema.nullable()
})
export type FitProgress = z.infer<typeof fitProgressSchema>

/** Convert a number that may be NaN/±Infinity to the wire form (null). */
export function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null
}

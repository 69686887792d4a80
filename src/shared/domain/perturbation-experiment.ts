// A perturbation experiment on a fitted run: its request (conditions, or the area × window grid), and its result
// per condition (trial-type mix with 95 % intervals, change against the common-random-number control, jaw, area
// rates, lick probability), as stored with the run and shown by the Perturbations view and `rsnn perturb`.
import { z } from 'zod'
import { checkpointRefSchema } from './comparison'
import { outcomes } from './dataset'
import { lightPopulations, LIGHT_DEFAULTS, perturbationSchema } from './perturbation'

const interval = z.tuple([z.number(), z.number()])
const window = z.tuple([z.number(), z.number()]).refine((w) => w[1] > w[0], 'window end must be after its start')

/** A named task period, s relative to the alignment event. */
export const namedWindowSchema = z.object({ name: z.string().min(1).max(40), window })
export type NamedWindow = z.infer<typeof namedWindowSchema>

/** Light settings shared by every condition of a grid (areas and window vary). */
export const lightSettingsSchema = z.object({
  population: z.enum(lightPopulations).default('inh'),
  strength: z.number().min(0).max(1000).default(LIGHT_DEFAULTS.strength),
  waveform: z.enum(['const', 'sine']).default('sine'),
  frequencyHz: z.number().positive().max(10000).default(LIGHT_DEFAULTS.frequencyHz),
  rampS: z.number().min(0).max(10).default(LIGHT_DEFAULTS.rampS),
  fraction: z.number().min(0).max(1).default(LIGHT_DEFAULTS.fraction)
})
export type LightSettings = z.infer<typeof lightSettingsSchema>

export const experimentRequestSchema = z
  .object({
    runId: z.string().min(1),
    checkpoint: checkpointRefSchema.default('best'),
    /** Explicit conditions: each one is a set of perturbations applied together. */
    conditions: z
      .array(
        z.object({ label: z.string().max(80).optional(), perturbations: z.array(perturbationSchema).min(1).max(16) })
      )
      .max(200)
      .default([]),
    /** Grid mode: every area × every window with `light`; windows default to the standard task periods. */
    grid: z
      .object({
        areas: z.array(z.string()).optional(),
        windows: z.array(namedWindowSchema).max(20).optional(),
        light: lightSettingsSchema.default(lightSettingsSchema.parse({}))
      })
      .optional(),
    /** Trials per condition and seed (the stimulus mix of the recorded trials), and seeds (independent noise). */
    nTrials: z.number().int().min(1).max(10000).default(200),
    seeds: z.number().int().min(1).max(100).default(5),
    /** First seed; seed k of the experiment is seed + k (control and perturbed trials share it). */
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    /** Also simulate every recorded perturbation of the dataset (its areas and window) and compare. */
    recorded: z.boolean().default(false),
    /** Compute threads (0 = the run's engine setting). */
    threads: z.number().int().min(0).max(256).default(0)
  })
  .refine((r) => r.conditions.length > 0 || r.grid !== undefined || r.recorded, {
    message: 'give conditions, a grid, or recorded',
    path: ['conditions']
  })
export type ExperimentRequest = z.infer<typeof experimentRequestSchema>
export type ExperimentRequestInput = z.input<typeof experimentRequestSchema>

const mixSchema = z.object(
  Object.fromEntries(outcomes.map((o) => [o, z.number()])) as Record<(typeof outcomes)[number], z.ZodNumber>
)
const mixCiSchema = z.object(
  Object.fromEntries(outcomes.map((o) => [o, interval])) as Record<(typeof outcomes)[number], typeof interval>
)

/** Trial-type mix, lick, jaw and area-rate summary of one arm (control or perturbed) of a condition. */
export const armSummarySchema = z.object({
  nTrials: z.number().int(),
  /** Hit rate = Hit / stimulus trials, with its Wilson 95 % interval over all trials of all seeds. */
  hitRate: z.number(),
  hitRateCi95: interval,
  hitRateBySeed: z.array(z.number()),
  /** False-alarm rate = FA / catch trials (NaN-free: null when there are none). */
  faRate: z.number().nullable(),
  mix: mixSchema,
  mixCi95: mixCiSchema,
  lickProbability: z.number(),
  /** Per-trial mean jaw over the trial: mean and SD over trials. */
  jawMean: z.number(),
  jawSd: z.number(),
  /** Excitatory population rate per area, Hz, over the condition's light window (whole trial for the control). */
  areaRateHz: z.record(z.string(), z.number()),
  /** Series over time (bins of timeS): jaw mean and SD, excitatory population rate per area (Hz). */
  series: z.object({
    jawMean: z.array(z.number()),
    jawSd: z.array(z.number()),
    areaRateHz: z.record(z.string(), z.array(z.number()))
  })
})
export type ArmSummary = z.infer<typeof armSummarySchema>

export const conditionResultSchema = z.object({
  label: z.string(),
  /** Target areas joined by '+', and the light window (the first perturbation's, for combined conditions). */
  area: z.string(),
  window: interval,
  windowName: z.string().nullable(),
  perturbations: z.array(perturbationSchema),
  /** Light-driven neurons (all perturbations of the condition). */
  nLitNeurons: z.number().int(),
  perturbed: armSummarySchema,
  /** Paired (common random numbers) change of the Hit rate, perturbed − control, with its 95 % interval. */
  deltaHitRate: z.number(),
  deltaHitRateCi95: interval,
  deltaMix: mixSchema,
  /** Change of each area's population rate inside the light window, Hz. */
  deltaAreaRateHz: z.record(z.string(), z.number())
})
export type ConditionResult = z.infer<typeof conditionResultSchema>

/** Recorded perturbation trials against the model, per recorded label (null = not computable). */
export const recordedComparisonSchema = z.object({
  conditions: z.array(
    z.object({
      label: z.string(),
      area: z.string(),
      window: interval,
      nTrials: z.number().int(),
      nControlTrials: z.number().int(),
      hitRate: z.number().nullable(),
      controlHitRate: z.number().nullable(),
      deltaHitRate: z.number().nullable(),
      modelDeltaHitRate: z.number().nullable()
    })
  ),
  /** Over conditions with both values: Pearson r of recorded vs model Δ Hit (needs ≥ 2) and mean |difference|. */
  agreement: z.object({ n: z.number().int(), pearson: z.number().nullable(), meanAbsDiff: z.number().nullable() })
})
export type RecordedComparison = z.infer<typeof recordedComparisonSchema>

export const experimentResultSchema = z.object({
  runId: z.string(),
  checkpointStep: z.number().int(),
  areas: z.array(z.string()),
  /** Start of each bin relative to the alignment event, s. */
  timeS: z.array(z.number()),
  nTrials: z.number().int(),
  seeds: z.number().int(),
  trialTypeMethod: z.string(),
  control: armSummarySchema,
  conditions: z.array(conditionResultSchema),
  /** Grid mode: the areas and windows of the area × window table (conditions in area-major order). */
  grid: z.object({ areas: z.array(z.string()), windows: z.array(namedWindowSchema) }).nullable(),
  /** With request.recorded: the dataset's recorded perturbations beside the model's prediction. */
  recorded: recordedComparisonSchema.nullable(),
  seconds: z.number()
})
export type ExperimentResult = z.infer<typeof experimentResultSchema>

export const experimentStatuses = ['running', 'completed', 'cancelled', 'failed'] as const
export const experimentSummarySchema = z.object({
  id: z.string(),
  runId: z.string(),
  status: z.enum(experimentStatuses),
  createdAt: z.string(),
  label: z.string(),
  nConditions: z.number().int(),
  /** The checkpoint it ran on, as asked (best, last or a step); the result holds its step. */
  checkpoint: checkpointRefSchema,
  seconds: z.number().nullable(),
  error: z.string().nullable()
})
export type ExperimentSummary = z.infer<typeof experimentSummarySchema>

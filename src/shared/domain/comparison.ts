// Comparison view payloads (recorded vs generated trials of one run): trial variability, behaviour,
// connectivity and run curves. Dense series travel as typed arrays (row-major, shapes documented per field).
import { z } from 'zod'
import { outcomeSchema } from './dataset'
import { conditionLabelsSchema } from './conditions'

// z.custom keeps the plain typed-array types (any backing buffer), unlike z.instanceof (ArrayBuffer only).
const f32 = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array')
const i32 = z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array')
const u8 = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected a Uint8Array')
const u32 = z.custom<Uint32Array>((v) => v instanceof Uint32Array, 'expected a Uint32Array')

/** Which checkpoint of a run to analyse: the best (highest held-out T′trial), the last, or an explicit step. */
export const checkpointRefSchema = z.union([z.enum(['best', 'last']), z.number().int().min(0)])
export type CheckpointRef = z.infer<typeof checkpointRefSchema>

/** A checkpoint reference in words, as the views say where their numbers come from ("From the …, step N"). */
export function checkpointWords(ref: CheckpointRef): string {
  return ref === 'best'
    ? 'best checkpoint (highest held-out T′trial)'
    : ref === 'last'
      ? 'last checkpoint'
      : 'checkpoint'
}

export const comparisonRequestSchema = z.object({
  runId: z.string().min(1),
  checkpoint: checkpointRefSchema.default('best'),
  /** Generated trials per held-out recorded trial (each held-out trial's condition is simulated this many times). */
  generatedPerTrial: z.number().int().min(1).max(20).default(1),
  /** Seed of the generated trials (same seed → same trials). */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1)
})
export type ComparisonRequest = z.infer<typeof comparisonRequestSchema>

/** Outcome code per trial: index into `outcomes` of shared/domain/dataset.ts (0 Hit, 1 Miss, 2 CR, 3 FA). */
const outcomeCodes = u8

/** The trials one comparison is built from; every per-trial array below is indexed by these rows. */
export const trialSetSchema = z.object({
  /** Recorded held-out trials: session index, the trial's row in its session's trials table, outcome code, stimulus. */
  recorded: z.object({
    session: i32,
    /**
     * The trial's row in its session's trials table (TrialInfo.sourceIndex, 0-based): the dataset's own trial id, as
     * the Data explorer and the source file number it, which the views name the trial by (-1: unknown). Not its
     * position among the trials a fit kept, which differs wherever trials were dropped at import or left out.
     */
    sourceIndex: i32,
    outcome: outcomeCodes,
    stimulus: f32,
    /**
     * Each task event kept at import: this trial's own time from the alignment event (s), [nRecorded], NaN where
     * the trial has none (absent: no events kept).
     */
    taskEvents: z.array(z.object({ name: z.string(), timeS: f32 })).optional()
  }),
  /** Generated trials: stimulus simulated, outcome classified from the generated activity/jaw. */
  generated: z.object({ outcome: outcomeCodes, stimulus: f32 }),
  /** Names of the sessions `recorded.session` indexes, as imported (sessions left out of the fit are not counted). */
  sessionNames: z.array(z.string()),
  /** The dataset's own names of the outcome codes (absent: the detection task); read with datasetConditions. */
  conditionLabels: conditionLabelsSchema.optional(),
  /**
   * Each task event kept at import (go cue, response, reward…): its median time from the alignment event (s) per
   * condition, over the recorded trials of the run's sessions (training and held-out) that have it.
   */
  taskEvents: z
    .array(z.object({ name: z.string(), outcome: outcomeSchema, medianS: z.number(), nTrials: z.number().int() }))
    .optional()
})
export type TrialSet = z.infer<typeof trialSetSchema>

/** Single-trial population activity of one area (filtered like the trial-matching features, spec §3.1). */
export const areaActivitySchema = z.object({
  area: z.string(),
  /** Recorded rows that record this area (indices into trialSet.recorded). */
  recordedRows: i32,
  /** Population rate, Hz, [recordedRows.length × nTime]. */
  recorded: f32,
  /** Population rate of the model neurons of this area, Hz, [nGenerated × nTime]. */
  generated: f32
})
export type AreaActivity = z.infer<typeof areaActivitySchema>

export const variabilitySchema = z.object({
  runId: z.string(),
  checkpointStep: z.number().int(),
  areas: z.array(z.string()),
  /** Centre of each filtered time bin relative to the alignment event, s, [nTime]. */
  timeS: f32,
  trials: trialSetSchema,
  perArea: z.array(areaActivitySchema),
  /**
   * Trial-matching assignment per session and stimulus: pairs (recorded row, generated row), [nPairs × 2]; only
   * rows of sessions the trial-matching loss uses (an area with enough mapped neurons) are paired.
   */
  pairs: i32,
  /** Per-trial features: names with units, recorded [nRecorded × nFeatures], generated [nGenerated × nFeatures]. */
  features: z.object({ names: z.array(z.string()), recorded: f32, generated: f32 }),
  /** PCA of the z-scored feature vectors fitted on recorded + generated: 2-D coordinates per trial. */
  embedding: z.object({
    recorded: f32,
    generated: f32,
    /** Fraction of variance explained by each of the two components. */
    explained: z.tuple([z.number(), z.number()])
  }),
  /**
   * T'trial Pearson (held-out, spec §5.1) and the data's own train-vs-held-out ceiling; `neural`: the same without
   * the jaw block (null where the stored evaluation predates it).
   */
  tTrial: z.object({
    value: z.number(),
    ceiling: z.number(),
    neural: z.object({ value: z.number(), ceiling: z.number() }).nullable()
  })
})
export type Variability = z.infer<typeof variabilitySchema>

/** Mean ± sd trace over the trials of one group, [nTime] each. */
export const meanSdSchema = z.object({ n: z.number().int(), mean: f32, sd: f32 })
export type MeanSd = z.infer<typeof meanSdSchema>

export const outcomeMixSchema = z.object({
  Hit: z.number(),
  Miss: z.number(),
  CR: z.number(),
  FA: z.number()
})
export type OutcomeMix = z.infer<typeof outcomeMixSchema>

export const behaviourSchema = z.object({
  runId: z.string(),
  checkpointStep: z.number().int(),
  /** False when the dataset has no jaw trace: the jaw fields are then empty. */
  hasBehaviour: z.boolean(),
  /** Bin centres relative to the alignment event, s, [nTime] (unfiltered bins). */
  timeS: f32,
  trials: trialSetSchema,
  /** Jaw (normalised units, spec §1.3) mean ± sd per outcome, recorded and generated. */
  perOutcome: z.array(z.object({ outcome: outcomeSchema, recorded: meanSdSchema, generated: meanSdSchema })),
  /** Matched single trials: recorded rows, generated rows and their jaw traces [nPairs × nTime]. */
  matched: z.object({ recordedRows: i32, generatedRows: i32, recorded: f32, generated: f32 }),
  /** Trial-type fractions (sum 1 over the outcomes present) and trial counts. */
  trialTypeMix: z.object({
    recorded: outcomeMixSchema,
    generated: outcomeMixSchema,
    nRecorded: z.number().int(),
    nGenerated: z.number().int()
  }),
  /** Lick / no-lick of every generated trial (1 = lick) and how it was decided. */
  lick: z.object({ generated: u8, method: z.string() })
})
export type Behaviour = z.infer<typeof behaviourSchema>

export const histogramSchema = z.object({
  /** Bin edges, [nBins + 1]. */
  edges: f32,
  counts: u32
})
export type Histogram = z.infer<typeof histogramSchema>

export const connectivitySchema = z.object({
  runId: z.string(),
  checkpointStep: z.number().int(),
  areas: z.array(z.string()),
  /** Mean excitatory weight from area `pre` to area `post` (all delays summed), [post × pre] (row = target). */
  meanExc: f32,
  /** Mean inhibitory weight magnitude, [post × pre]; zero where inhibition is not allowed. */
  meanInh: f32,
  /** Distribution of the non-zero weight magnitudes (E and I presynaptic separately, same edges). */
  histogram: z.object({ edges: f32, exc: u32, inh: u32 })
})
export type Connectivity = z.infer<typeof connectivitySchema>

export const comparedRunSchema = z.object({
  runId: z.string(),
  name: z.string(),
  status: z.string(),
  /** Training loss per recorded step: step [nSteps], total/psth/trial [nSteps]. */
  steps: i32,
  total: f32,
  psth: f32,
  trial: f32,
  /** Held-out evaluations: step [nEvals] and each metric's values [nEvals] (NaN where absent). */
  evalSteps: i32,
  evalMetrics: z.record(z.string(), f32),
  /** Latest held-out metrics (scalars only). */
  latest: z.record(z.string(), z.number())
})
export type ComparedRun = z.infer<typeof comparedRunSchema>

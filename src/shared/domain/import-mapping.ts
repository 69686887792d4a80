// The user's mapping step: which columns give area/outcome, which event aligns trials, binning window.
import { z } from 'zod'
import { binningSchema } from './dataset'
import { conditionLabelsSchema, sourceConditionLabels, type ConditionLabels } from './conditions'

export const outcomeTargets = ['Hit', 'Miss', 'CR', 'FA', 'exclude'] as const

/** Target of a recorded perturbation: the areas it reached and when (s relative to the alignment event). */
export const recordedPerturbationSchema = z.object({
  areas: z.array(z.string().min(1)).min(1),
  window: z.tuple([z.number(), z.number()]).refine((w) => w[1] > w[0], 'window end must be after its start')
})
export type RecordedPerturbation = z.infer<typeof recordedPerturbationSchema>

export const importMappingSchema = z.object({
  /** NWB: the TimeIntervals table that holds the trials (path or name), when it is not /intervals/trials. */
  trialsTable: z.string().optional(),
  /** NWB: an event series (path) to make one trial per event from, for files without an interval table. */
  trialsFromEvents: z.string().optional(),
  /** Units column (or 'electrodes.location' / 'peak_channel_id' joins) giving the brain area. */
  areaColumn: z.string().optional(),
  /** Trials column giving the outcome (text column, or one-hot columns joined by '|'). */
  outcomeColumn: z.string().optional(),
  /** Source value → outcome, e.g. {correct: 'Hit', 'no response': 'Miss', 'early lick': 'exclude'}. */
  outcomeMap: z.record(z.string(), z.enum(outcomeTargets)).optional(),
  /** Trials column with the alignment event time (absolute or relative to start_time). */
  align: z.string().optional(),
  /** Trials column giving the stimulus condition code. */
  stimulusColumn: z.string().optional(),
  /** Trials column marking recorded perturbations (opto / light / laser / stim_location …). */
  perturbationColumn: z.string().optional(),
  /**
   * Column value → what the perturbation did: target areas and window (s relative to the alignment event). The
   * value is the perturbation's label. Values not listed that mean "none" (0, none, off, false, empty) are
   * unperturbed trials; other values are perturbed trials without a known target.
   */
  perturbationMap: z.record(z.string(), recordedPerturbationSchema).optional(),
  binning: binningSchema.optional(),
  /**
   * The task's own names of the conditions it maps onto (e.g. {Hit: 'correct', Miss: 'incorrect'}), shown instead of
   * the code names everywhere; absent = the detection task. Every code the kept trials use needs a label.
   */
  conditionLabels: conditionLabelsSchema.optional()
})
export type ImportMapping = z.infer<typeof importMappingSchema>

/** An NWB TimeIntervals table that could hold the trials: where, how many rows, which columns. */
export const trialTableInfoSchema = z.object({ path: z.string(), rows: z.number().int(), columns: z.array(z.string()) })
export type TrialTableInfo = z.infer<typeof trialTableInfoSchema>
/** An NWB event series trials can be made from (one trial per event). */
export const eventSeriesInfoSchema = z.object({ path: z.string(), events: z.number().int(), type: z.string() })
export type EventSeriesInfo = z.infer<typeof eventSeriesInfoSchema>

/** What the importer detected and guessed, shown to the user before import. */
export const mappingGuessSchema = z.object({
  file: z.string(),
  format: z.enum(['nwb', 'mat-v7.3', 'rsnn-h5']),
  unitColumns: z.array(z.string()),
  trialColumns: z.array(z.string()),
  /** Distinct values of the columns that could be outcomes (text columns, integer-coded numeric columns). */
  outcomeValues: z.record(z.string(), z.array(z.string())),
  /** The columns of outcomeValues that are numeric codes (e.g. 2 = correct, 1 = incorrect), not text. */
  codeColumns: z.array(z.string()).default([]),
  behaviourSeries: z.array(z.string()),
  /** Every TimeIntervals table (NWB), for the trials-table picker. */
  trialTables: z.array(trialTableInfoSchema).default([]),
  /** Event series trials can be made from (NWB). */
  eventSeries: z.array(eventSeriesInfoSchema).default([]),
  /** Where the guessed areas come from, in words (e.g. "units/electrodes → electrodes location"). */
  areaSource: z.string().optional(),
  /** A numeric code column named like an outcome (e.g. outcome = 2/1): where an outcome map given alone applies. */
  codeColumn: z.string().optional(),
  guess: importMappingSchema,
  warnings: z.array(z.string())
})
export type MappingGuess = z.infer<typeof mappingGuessSchema>

/**
 * The file's own outcome values as condition labels under `mapping` (the user's choices over the guess): the
 * Import view's "keep the file's names" and `rsnn import --condition-labels source`. Null labels: why not, in words.
 */
export function sourceLabelsOf(
  guess: MappingGuess,
  mapping: ImportMapping
): { labels: ConditionLabels } | { reason: string } {
  const column = mapping.outcomeColumn ?? guess.guess.outcomeColumn ?? Object.keys(guess.outcomeValues)[0]
  const values = column === undefined ? undefined : guess.outcomeValues[column]
  if (column === undefined || !values?.length) return { reason: 'the trials have no outcome column with named values' }
  return sourceConditionLabels(values, { ...guess.guess.outcomeMap, ...mapping.outcomeMap })
}

// datasets.* methods: inspect files, import with a mapping, list/show/rename/delete, binned views for the UI.
import { z } from 'zod'
import { method } from './define'
import { datasetSummarySchema, outcomeSchema, sessionSummarySchema, unitTypes } from '../domain/dataset'
import { importMappingSchema, mappingGuessSchema } from '../domain/import-mapping'
import { ceilingPointSchema, timescaleSuggestionSchema } from '../domain/timescale'

/** A dataset id, or its exact name when that name is unique (CLI convenience). */
const datasetRef = z.string().min(1)
/** Typed-array fields (any backing buffer; the codec and structured clone both restore them). */
const f32 = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array')
const i32 = z.custom<Int32Array>((v) => v instanceof Int32Array, 'expected an Int32Array')
const sessionIndex = z.number().int().min(0)

export const fileRecordSchema = z.object({ path: z.string(), sha256: z.string() })

export const datasetDetailSchema = z.object({
  dataset: datasetSummarySchema,
  sessions: z.array(sessionSummarySchema),
  mapping: importMappingSchema,
  files: z.array(fileRecordSchema),
  /** The data's own split-half ceilings by loss smoothing width (null: the data give none); cached in the store. */
  ceilings_by_smoothing: z.array(ceilingPointSchema).nullable().optional(),
  /** Loss smoothing and model time step suggested from those ceilings (default model time constants), and why. */
  timescale: timescaleSuggestionSchema.nullable().optional(),
  /** Why the ceilings are null when they could not be computed (a one-line reason naming the file and field). */
  ceilings_warning: z.string().optional()
})
export type DatasetDetail = z.infer<typeof datasetDetailSchema>

/** Result of an import; `existing` is true when the same files + mapping were imported before. */
export const importResultSchema = datasetDetailSchema.extend({
  existing: z.boolean(),
  message: z.string(),
  /** Non-fatal findings of the readers (dropped trials or units, conversions), prefixed with the file name. */
  warnings: z.array(z.string())
})
export type ImportResult = z.infer<typeof importResultSchema>

/** A task event of each trial (go cue, response, reward…: trials columns kept at import), s from the alignment event. */
const taskEventTimesSchema = z.object({ name: z.string(), times: f32 })
/** What views group trials by: 'outcome' (default) or a categorical trials column kept at import. */
const groupBy = z.string().min(1).optional()

/**
 * Spike raster of one session and area, trials sorted by group (default the outcome: Hit, Miss, CR, FA), source
 * order within. One entry per spike in the parallel arrays spikeTrial/spikeUnit/spikeBin (a bin with 2 spikes
 * appears twice). A reply holds the spikes of one page of rows (`spikeRows`): whole trials, up to a bounded number
 * of spikes (a whole area of a Neuropixels-sized session is ≈ 15 M spikes, 186 MB); `trials`, `groups` and
 * `taskEvents` always describe every row, so the view asks again from `spikeRows.end` until it reaches trials.length.
 */
export const rasterSchema = z.object({
  session: z.string(),
  area: z.string(),
  /** Bin width (s), window start relative to the alignment event (s), number of bins T. */
  dt: z.number(),
  start: z.number(),
  nBins: z.number().int(),
  units: z.array(z.object({ sourceId: z.number(), type: z.enum(unitTypes) })),
  trials: z.array(z.object({ sourceIndex: z.number().int(), outcome: outcomeSchema })),
  /** The grouping of the rows: 'outcome' or a trials column. */
  groupBy: z.string(),
  /** Contiguous blocks of `trials` per group (an outcome or a column's value), in display order. */
  groups: z.array(z.object({ label: z.string(), first: z.number().int(), count: z.number().int() })),
  /** The task's events of each row (same order as `trials`). */
  taskEvents: z.array(taskEventTimesSchema),
  /** Rows [first, end) (indices into `trials`) whose spikes this reply holds; end = trials.length on the last page. */
  spikeRows: z.object({ first: z.number().int().min(0), end: z.number().int().min(0) }),
  /** Row of each spike (an index into `trials`, within spikeRows), its unit (into `units`) and bin. */
  spikeTrial: i32,
  spikeUnit: i32,
  spikeBin: i32
})
export type Raster = z.infer<typeof rasterSchema>

/** Trial-averaged firing rate (Hz) per area and group (an outcome or a column's value); rateHz has length nBins. */
export const psthSchema = z.object({
  dt: z.number(),
  start: z.number(),
  nBins: z.number().int(),
  smoothMs: z.number(),
  /** The grouping of the series: 'outcome' or a trials column. */
  groupBy: z.string(),
  series: z.array(
    z.object({
      area: z.string(),
      group: z.string(),
      nTrials: z.number().int(),
      nUnits: z.number().int(),
      rateHz: f32
    })
  ),
  /** Each task event's median time (s from the alignment event) per group, over the group's trials that have it. */
  markers: z.array(z.object({ name: z.string(), group: z.string(), medianS: z.number(), nTrials: z.number().int() }))
})
export type Psth = z.infer<typeof psthSchema>

/**
 * Behaviour traces of one session: values is trials × nBins (NaN where not recorded), trials in source order, grouped
 * like the raster and PSTHs (`groupBy`: the outcome or a kept trials column).
 */
export const behaviourSchema = z.object({
  session: z.string(),
  keys: z.array(z.string()),
  key: z.string().nullable(),
  dt: z.number(),
  start: z.number(),
  nBins: z.number().int(),
  /** The grouping of the trials: 'outcome' or a trials column. */
  groupBy: z.string(),
  /** Each trial's group (an outcome or the column's value), source order. */
  labels: z.array(z.string()),
  /**
   * Each trial's row in the session's trials table (source order, like `labels`): the trial's name ("trial 37"), as
   * the model views name a recorded trial (shared/domain/recorded-trial.ts).
   */
  sourceIndex: i32,
  /** The groups present, in display order. */
  groups: z.array(z.string()),
  values: f32,
  /** Mean trace per group (NaN-aware, same order as `groups`), length nBins each. */
  means: z.array(z.object({ group: z.string(), nTrials: z.number().int(), mean: f32 })),
  /** The task's events of each trial (source order, like `labels`). */
  taskEvents: z.array(taskEventTimesSchema)
})
export type Behaviour = z.infer<typeof behaviourSchema>

export const previewSchema = z.object({
  sessions: z.array(sessionSummarySchema),
  raster: rasterSchema.nullable(),
  psth: psthSchema.nullable(),
  warnings: z.array(z.string())
})
export type Preview = z.infer<typeof previewSchema>

export const datasetsMethods = {
  /**
   * Reads each file's structure and proposes a mapping (nothing is stored). `mapping.trialsTable` /
   * `mapping.trialsFromEvents` choose where the trials come from (the other fields are ignored).
   */
  'datasets.inspect': method(
    z.object({ files: z.array(z.string().min(1)).min(1), mapping: importMappingSchema.optional() }),
    z.object({ guesses: z.array(mappingGuessSchema) })
  ),
  /** Imports files (one or more sessions each) as one dataset; emits import.progress. */
  'datasets.import': method(
    z.object({
      files: z.array(z.string().min(1)).min(1),
      name: z.string().min(1).max(200).optional(),
      mapping: importMappingSchema.optional()
    }),
    importResultSchema
  ),
  /** Reads and bins files with a mapping, stores nothing: summaries + a raster and PSTH to check the mapping. */
  'datasets.preview': method(
    z.object({
      files: z.array(z.string().min(1)).min(1),
      mapping: importMappingSchema.optional(),
      /** Session for the raster (default 0) and its area (default the first area of that session). */
      session: sessionIndex.optional(),
      area: z.string().min(1).optional()
    }),
    previewSchema
  ),
  /**
   * Absolute paths of the bundled example recordings (NWB), for "use the example" in the Import view, and the run
   * the shipped example model became in this store (with how it was made), while that run exists.
   */
  'datasets.examples': method(
    z.object({}),
    z.object({
      files: z.array(z.string()),
      exampleRun: z.object({ runId: z.string(), madeBy: z.string() }).nullable().default(null)
    })
  ),
  'datasets.list': method(z.object({}), z.array(datasetSummarySchema)),
  'datasets.show': method(z.object({ id: datasetRef }), datasetDetailSchema),
  'datasets.rename': method(
    z.object({ id: datasetRef, name: z.string().trim().min(1).max(200) }),
    datasetSummarySchema
  ),
  'datasets.delete': method(z.object({ id: datasetRef }), z.object({ id: z.string(), name: z.string() })),
  'datasets.raster': method(
    z.object({
      id: datasetRef,
      session: sessionIndex,
      area: z.string().min(1),
      groupBy,
      /** First row whose spikes to send (default 0): the previous reply's spikeRows.end. */
      fromRow: z.number().int().min(0).optional(),
      /** Only this unit's spikes (an index into the reply's `units`); default every unit's. */
      unit: z.number().int().min(0).optional()
    }),
    rasterSchema
  ),
  'datasets.psth': method(
    z.object({
      id: datasetRef,
      groupBy,
      /** Omit to pool all sessions (units weighted equally). */
      session: sessionIndex.optional(),
      /** Width of a centred box filter, ms (0 = none). */
      smoothMs: z.number().min(0).max(500).default(0)
    }),
    psthSchema
  ),
  'datasets.behaviour': method(
    z.object({ id: datasetRef, session: sessionIndex, key: z.string().min(1).optional(), groupBy }),
    behaviourSchema
  )
}

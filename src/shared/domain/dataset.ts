// Dataset domain: recording sessions, units, trials, binned arrays. Shared by io, store, engine and UI.
import { z } from 'zod'
import { sessionMetadataSchema, type SessionMetadata } from './session-metadata'
import { conditionLabelsSchema, outcomeSchema } from './conditions'

/** Trial outcomes = condition codes (Hit, Miss, CR, FA); their labels per dataset: ./conditions.ts. */
export { outcomes, outcomeSchema, type Outcome } from './conditions'

/** Putative cell type: excitatory, inhibitory, or unknown (treated as excitatory when fitting). */
export const unitTypes = ['E', 'I', 'unknown'] as const
export type UnitType = (typeof unitTypes)[number]

export const unitInfoSchema = z.object({
  /** Id as written in the source file (unique within a session only). */
  sourceId: z.number(),
  area: z.string(),
  type: z.enum(unitTypes),
  /** Mean firing rate over the whole recording, Hz. */
  firingRateHz: z.number()
})
export type UnitInfo = z.infer<typeof unitInfoSchema>

export const trialInfoSchema = z.object({
  /** Row in the source trials table. */
  sourceIndex: z.number().int(),
  outcome: outcomeSchema,
  /** Stimulus condition code (e.g. amplitude 0–4; 0 = no stimulus / catch trial). */
  stimulus: z.number(),
  /** Absolute time (s) of the alignment event in the session clock. */
  alignTime: z.number(),
  /**
   * Recorded perturbation of the trial (e.g. optogenetic light), the label the import mapping gives it; absent on
   * unperturbed trials. Perturbed trials are kept out of training (they test the model's causal predictions).
   */
  perturbation: z.string().optional()
})
export type TrialInfo = z.infer<typeof trialInfoSchema>

/** Binning parameters: window relative to the alignment event, bin width. All in seconds. */
export const binningSchema = z.object({
  dt: z.number().positive().max(0.1),
  start: z.number(),
  stop: z.number()
})
export type Binning = z.infer<typeof binningSchema>
export const defaultBinning: Binning = { dt: 0.002, start: -0.2, stop: 1.2 }

/** Box filter (ms) of the PSTHs the Data explorer, the Import preview and the import report draw: one look. */
export const VIEW_PSTH_SMOOTH_MS = 10

/** Number of bins of a window: round((stop − start)/dt). */
export function binCount(b: Binning): number {
  return Math.round((b.stop - b.start) / b.dt)
}

/**
 * One imported recording session in memory.
 * `spikes` is trials × time × units (row-major: index = (k·T + t)·U + u), spike counts per bin. It is absent when the
 * array is too large to hold whole (a stored Neuropixels-sized session: 1.4 GB at 2 ms bins): consumers then take
 * the counts of the trials and units they use, binned from `spikeTimes` (src/main/io/trial-counts.ts).
 * `behaviour.jaw` (optional) is trials × time, resampled to the same bins; NaN where not recorded.
 */
export interface SessionData {
  name: string
  sourceFile: string
  units: UnitInfo[]
  trials: TrialInfo[]
  binning: Binning
  /** Number of time bins T. */
  nBins: number
  spikes?: Uint8Array
  /** Raw spike times per unit (s, session clock, sorted). */
  spikeTimes: Float64Array[]
  behaviour: Record<string, Float32Array>
  /** Subject, experimenter, lab… of the source file, when it has them. */
  metadata?: SessionMetadata
  /** Where the units' areas came from, in words (e.g. "units/electrodes → electrodes table location"). */
  areaSource?: string
  /** The trials column the window is aligned to (e.g. "pole_in"): axes say "Time from <alignment>". */
  alignment?: string
  /** Behaviour series that are events (licks…), stored as counts per bin: drawn as event rasters and rates. */
  eventSeries?: string[]
  /**
   * The task's other per-trial events (go cue, response, reward…: the trials table's event-time columns but the
   * alignment): column → time of the event in each trial, s from the trial's alignment event, NaN where absent.
   */
  taskEvents?: Record<string, Float64Array>
  /** Categorical trials columns (2–12 values, e.g. trial type, stimulus code): column → value per trial, as text. */
  trialGroups?: Record<string, string[]>
}

/**
 * A session before its spikes are binned: an import bins them straight into the dataset file a block of trials at a
 * time (src/main/io/rsnn-h5/write.ts), so the K × T × U array (1.4 GB for 2,000 trials × 700 bins × 1,000 units)
 * never exists whole. The file holds the same binned counts either way.
 */
export type UnbinnedSession = Omit<SessionData, 'spikes'>

/** A session with its whole binned array: what the recording readers give (and previews, the example generator). */
export type BinnedSession = SessionData & { spikes: Uint8Array }

export const sessionSummarySchema = z.object({
  name: z.string(),
  sourceFile: z.string(),
  unitsPerArea: z.record(z.string(), z.number().int()),
  /** Of those, the units typed inhibitory, per area (absent: none, or a dataset imported before it was recorded). */
  inhibitoryPerArea: z.record(z.string(), z.number().int()).optional(),
  trialsPerOutcome: z.object({
    Hit: z.number().int(),
    Miss: z.number().int(),
    CR: z.number().int(),
    FA: z.number().int()
  }),
  window: z.object({ start: z.number(), stop: z.number(), dt: z.number() }),
  nUnits: z.number().int(),
  nTrials: z.number().int(),
  behaviour: z.array(z.string()),
  /** Subject, experimenter, lab… as the source file gives them (carried into exported NWB files). */
  metadata: sessionMetadataSchema.optional(),
  /** Where the units' areas came from, in words. */
  areaSource: z.string().optional(),
  /** The trials column the window is aligned to (absent in datasets imported before it was recorded). */
  alignment: z.string().optional(),
  /** Behaviour series that are events (counts per bin), not continuous traces. */
  eventSeries: z.array(z.string()).optional(),
  /** The task's per-trial events kept at import: median time from the alignment event (s), trials that have it. */
  taskEvents: z.array(z.object({ name: z.string(), medianS: z.number(), nTrials: z.number().int() })).optional(),
  /** Categorical trials columns kept at import, to group trials by (values in display order). */
  trialGroups: z.array(z.object({ name: z.string(), values: z.array(z.string()) })).optional()
})
export type SessionSummary = z.infer<typeof sessionSummarySchema>

export const datasetSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  sessions: z.number().int(),
  areas: z.array(z.string()),
  nUnits: z.number().int(),
  nTrials: z.number().int(),
  createdAt: z.string(),
  hasBehaviour: z.boolean(),
  /** The dataset's own condition labels (absent: the detection task's Hit, Miss, CR, FA); see ./conditions.ts. */
  conditionLabels: conditionLabelsSchema.optional()
})
export type DatasetSummary = z.infer<typeof datasetSummarySchema>

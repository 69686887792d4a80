// Format-neutral view of a recording, before the user's mapping: what every reader (NWB, MAT, own layout) returns.
import type { Binning } from '@shared/domain/dataset'
import type { SessionMetadata } from '@shared/domain/session-metadata'
import type { EventSeriesInfo, ImportMapping, TrialTableInfo } from '@shared/domain/import-mapping'

/** A trial/unit column: numbers (NaN where missing) or text. */
export type Column = Float64Array | string[]

export interface RawUnits {
  /** Source id per unit (unique within the session only). */
  ids: number[]
  /** Spike times per unit, s, session clock, sorted, finite. */
  spikeTimes: Float64Array[]
  /**
   * Candidate area sources per unit, keyed by the name the mapping uses: plain units columns ('location'),
   * joins ('electrodes.location', 'peak_channel_id'). Values already parsed ("brain_region: ALM; …" → "ALM").
   */
  areaSources: Record<string, string[]>
  /** Cell-type labels (e.g. "FS", "Pyramidal Cell") or spike widths, per unit, when the file has them. */
  typeLabels?: string[]
  /** Spike width per unit, ms (≤ 0.275 ms → inhibitory). */
  widthMs?: Float64Array
  /** Every units column name (for the mapping step). */
  columns: string[]
}

export interface RawTrials {
  n: number
  /** Trial start, s, session clock. */
  startTime: Float64Array
  /** Every non-ragged trial column; event-time columns already converted to absolute session time. */
  columns: Record<string, Column>
  /** Numeric columns that hold event times (candidates for alignment), absolute after conversion. */
  timeColumns: string[]
  /** Time columns that were stored relative to start_time and were converted. */
  relativeColumns: string[]
  /** Where the table lives in the file (for messages), e.g. '/intervals/trials'. */
  path: string
  /** Binning the file suggests (trials-table attribute `rsnn_binning` = [dt, start, stop], s). */
  binningHint?: Binning
}

/** A continuous behaviour signal in session time (value = data × conversion + offset already applied). */
export interface ContinuousSeries {
  kind: 'continuous'
  times: Float64Array
  values: Float64Array
  unit: string
}
/**
 * A behaviour signal recorded per trial (MATLAB video traces): K × F samples, sample f of trial k at
 * `trialRef[k] + t0 + f / rate` (s).
 */
export interface PerTrialSeries {
  kind: 'per-trial'
  t0: number
  rate: number
  nFrames: number
  /** K × F, row-major, NaN where missing. */
  values: Float64Array
  /** Reference time of each trial (s, session clock), length K. */
  trialRef: Float64Array
  unit: string
}
/** Point events (licks): times in s, session clock. */
export interface EventSeries {
  kind: 'events'
  times: Float64Array
}
export type BehaviourSeries = ContinuousSeries | PerTrialSeries | EventSeries

export interface RawSession {
  name: string
  sourceFile: string
  units: RawUnits
  trials: RawTrials | null
  behaviour: Record<string, BehaviourSeries>
  /** Non-fatal findings (sorted spikes, dropped units, …), shown to the user. */
  warnings: string[]
  /** Subject, experimenter, lab… when the file has them (NWB /general). */
  metadata?: SessionMetadata
  /** Why there are no trials, naming what the user can choose instead (NWB: the interval tables in the file). */
  noTrialsHint?: string
}

export interface RawRecording {
  file: string
  format: 'nwb' | 'mat-v7.3' | 'rsnn-h5'
  sessions: RawSession[]
  warnings: string[]
  /** NWB: every TimeIntervals table and event series, for choosing where the trials come from. */
  trialTables?: TrialTableInfo[]
  eventSeries?: EventSeriesInfo[]
}

/** Where the trials come from, when not the standard table: ImportMapping.trialsTable / trialsFromEvents. */
export type TrialSource = Pick<ImportMapping, 'trialsTable' | 'trialsFromEvents'>

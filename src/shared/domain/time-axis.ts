// The time axis of a recording's figures: the event trials are aligned to, named from the trials column the import
// used, and the task's events drawn on it as lines (each event's median, per condition in the model views; a matched
// pair's own times). One definition for the app's charts (renderer) and the CLI report's SVG figures (main).
import type { SessionSummary } from './dataset'
import { outcomes, type Outcome } from './conditions'
import type { TrialSet } from './comparison'
import { median } from './trial-groups'

/** "pole_in_time" → "pole in", "start_time" → "trial start"; undefined → "alignment event". */
export function alignmentName(column: string | undefined): string {
  if (!column) return 'alignment event'
  if (column === 'start_time') return 'trial start'
  const words = column
    .replace(/_?times?$/i, '')
    .replace(/[_-]+/g, ' ')
    .trim()
  return words || column
}

/** The time axis of a figure aligned to that column ("Time from pole in (ms)"). */
export function timeAxisLabel(column: string | undefined, unit: 'ms' | 's' = 'ms'): string {
  return `Time from ${alignmentName(column)} (${unit})`
}

/** One task event's time on a figure: its trials column's name and s from the alignment event. */
export interface EventTime {
  name: string
  medianS: number
}

/** The time axis of a dataset's views: the column trials are aligned to, and each task event's median time (s). */
export interface DatasetTimeAxis {
  alignment?: string
  events: EventTime[]
}

/**
 * From a dataset's session summaries (datasets.show): the first session's alignment, and each task event's median
 * over the sessions' medians (views that pool sessions, e.g. a model's generated trials, draw one line per event).
 */
export function datasetTimeAxis(sessions: readonly SessionSummary[]): DatasetTimeAxis {
  const names = [...new Set(sessions.flatMap((s) => (s.taskEvents ?? []).map((e) => e.name)))].sort()
  const events = names.map((name) => ({
    name,
    medianS: median(sessions.flatMap((s) => (s.taskEvents ?? []).filter((e) => e.name === name).map((e) => e.medianS)))
  }))
  const alignment = sessions.find((s) => s.alignment)?.alignment
  return { ...(alignment ? { alignment } : {}), events: events.filter((e) => Number.isFinite(e.medianS)) }
}

/**
 * One condition's task events from a run's per-condition medians (a comparison payload's `trials.taskEvents`): only
 * the events its recorded trials have (no reward line on misses). undefined when the payload has none, so the
 * views fall back to the dataset's pooled medians.
 */
export function conditionEvents(perCondition: TrialSet['taskEvents'], outcome: Outcome): EventTime[] | undefined {
  return perCondition?.filter((e) => e.outcome === outcome)
}

/** A vertical line on a time axis: s from the alignment event and its compact label (the event in words). */
export interface EventLine {
  timeS: number
  label: string
  /** A matched pair's line: whose time it is (drawn in that trial's colour), and that said in words. */
  source?: 'recorded' | 'generated'
  title?: string
}

/**
 * The lines of a time axis: the alignment event at 0, then each event's time (finite ones). `events` replaces the
 * axis's pooled medians (e.g. one condition's, from conditionEvents).
 */
export function timeAxisLines(
  axis: DatasetTimeAxis | null,
  events: readonly EventTime[] = axis?.events ?? []
): EventLine[] {
  return [{ timeS: 0, label: alignmentName(axis?.alignment) }, ...eventLines(events)]
}

/** Each event with a finite time as a line, labelled with its name in words. */
export function eventLines(events: readonly EventTime[]): EventLine[] {
  return events
    .filter((e) => Number.isFinite(e.medianS))
    .map((e) => ({ timeS: e.medianS, label: alignmentName(e.name) }))
}

/** The task's events of one matched pair: what each of its two trials has. */
export interface PairEvents {
  /** The recorded trial's own time of each event it has (from the trials table; `medianS` is that one time). */
  recorded: EventTime[]
  /**
   * The generated trial's: the model generates no event times, so each event's median over the recorded trials of
   * the generated trial's own (classified) condition, as exported generated trials carry them.
   */
  generated: EventTime[]
  /** The condition whose medians the generated trial shows (undefined: unknown code). */
  generatedCondition: Outcome | undefined
}

/**
 * The events of the pair (recorded row, generated row) of a comparison payload. Without per-trial times in the
 * payload the recorded trial shows none; without per-condition medians the generated trial shows none.
 */
export function pairEvents(trials: TrialSet, recordedRow: number, generatedRow: number): PairEvents {
  const recorded = (trials.recorded.taskEvents ?? [])
    .map((e) => ({ name: e.name, medianS: e.timeS[recordedRow] ?? Number.NaN }))
    .filter((e) => Number.isFinite(e.medianS))
  const generatedCondition = outcomes[trials.generated.outcome[generatedRow] ?? -1]
  const generated = generatedCondition ? (conditionEvents(trials.taskEvents, generatedCondition) ?? []) : []
  return {
    recorded,
    generated: generated.map((e) => ({ name: e.name, medianS: e.medianS })),
    generatedCondition
  }
}

/** Legend labels of a matched pair's two kinds of event lines (app and report alike). */
export const PAIR_EVENT_LEGEND = { recorded: 'events: recorded trial', generated: 'events: generated (median)' }

/**
 * The lines of a matched pair's time axis: the alignment event, the recorded trial's own event times, then the
 * generated trial's (`conditionName`: its condition's name, for the title). An event both trials have is named once,
 * on the recorded trial's line, as the data views name each event once.
 */
export function pairEventLines(axis: DatasetTimeAxis | null, events: PairEvents, conditionName: string): EventLine[] {
  const ms = (t: number): string => `${Math.round(t * 1000)} ms`
  const finite = (es: readonly EventTime[]): EventTime[] => es.filter((e) => Number.isFinite(e.medianS))
  const recorded = finite(events.recorded)
  const named = new Set(recorded.map((e) => e.name))
  return [
    ...timeAxisLines(axis, []),
    ...recorded.map((e): EventLine => ({
      timeS: e.medianS,
      label: alignmentName(e.name),
      source: 'recorded',
      title: `${alignmentName(e.name)}: the recorded trial’s own time, ${ms(e.medianS)}`
    })),
    ...finite(events.generated).map((e): EventLine => ({
      timeS: e.medianS,
      label: named.has(e.name) ? '' : alignmentName(e.name),
      source: 'generated',
      title: `${alignmentName(e.name)}: generated trial, median over the recorded ${conditionName} trials, ${ms(e.medianS)}`
    }))
  ]
}

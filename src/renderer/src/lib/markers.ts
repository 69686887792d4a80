// The task's events drawn on time axes: per-trial ticks in rasters, and each event's median time per group as a
// dashed line in the group's colour (labelled once per event) on PSTHs and rates; colours of groups.
import { okabeIto, outcomeColor, type Palette } from '@shared/palette'
import { OUTCOME_GROUPING, groupMedians, median } from '@shared/domain/trial-groups'
import type { Outcome, SessionSummary } from '@shared/domain/dataset'
import type { TrialSet } from '@shared/domain/comparison'
import type { RefLine, RowMarks } from '../charts/types'
import { alignmentName } from './alignment'

/** Colour of a group: the outcome colours when grouping by outcome, else the series colours in display order. */
export function groupColor(p: Palette, groupBy: string, label: string, index: number): string {
  if (groupBy === OUTCOME_GROUPING) return outcomeColor(p, label)
  return p.series[index % p.series.length]!
}

/** Tick colours of the task's events in rasters (distinct from the outcome colours of the rows). */
const EVENT_COLORS = [okabeIto.vermillion, okabeIto.purple, okabeIto.skyBlue, okabeIto.yellow, okabeIto.orange]
export function eventColor(index: number): string {
  return EVENT_COLORS[index % EVENT_COLORS.length]!
}

/** One median per event and group, as returned by datasets.psth (`markers`). */
export interface GroupMarker {
  name: string
  group: string
  medianS: number
  nTrials: number
}

/**
 * Dashed lines (ms) for the markers: one per event and group in the group's colour; the event is named on the first
 * of its lines. `colorOf` gives a group's colour.
 */
export function markerRefs(markers: readonly GroupMarker[], colorOf: (group: string) => string): RefLine[] {
  const named = new Set<string>()
  return markers
    .filter((m) => Number.isFinite(m.medianS))
    .map((m) => {
      const label = named.has(m.name) ? '' : alignmentName(m.name)
      named.add(m.name)
      return { value: m.medianS * 1000, label, color: colorOf(m.group) }
    })
}

/** Per-row ticks (ms) of each task event, given its times (s) in row order. */
export function rowMarks(events: readonly { name: string; times: ArrayLike<number> }[]): RowMarks[] {
  return events.map((e, i) => ({
    label: alignmentName(e.name),
    color: eventColor(i),
    times: Float32Array.from(e.times as ArrayLike<number>, (t) => t * 1000)
  }))
}

/** Markers computed in the renderer from per-trial times (behaviour payloads): medians per group label. */
export function markersFromTrials(
  events: readonly { name: string; times: ArrayLike<number> }[],
  labels: readonly string[],
  order: readonly string[]
): GroupMarker[] {
  return events.flatMap((e) => groupMedians(e.times, labels, order).map((m) => ({ name: e.name, ...m })))
}

/** The time axis of a dataset's views: the column trials are aligned to, and each task event's median time (s). */
export interface DatasetTimeAxis {
  alignment?: string
  events: { name: string; medianS: number }[]
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
 * Reference lines of a time axis: the alignment event at 0, then each task event's median (ms), muted. `events`
 * replaces the axis's pooled medians (e.g. one condition's, from conditionEvents).
 */
export function timeAxisRefs(
  axis: DatasetTimeAxis | null,
  events: readonly { name: string; medianS: number }[] = axis?.events ?? []
): RefLine[] {
  return [
    { value: 0, label: alignmentName(axis?.alignment) },
    ...events
      .filter((e) => Number.isFinite(e.medianS))
      .map((e) => ({ value: e.medianS * 1000, label: alignmentName(e.name) }))
  ]
}

/**
 * One condition's task events from a run's per-condition medians (a comparison payload's `trials.taskEvents`): only
 * the events its recorded trials have (no reward line on misses). undefined when the payload has none, so the
 * views fall back to the dataset's pooled medians.
 */
export function conditionEvents(
  perCondition: TrialSet['taskEvents'],
  outcome: Outcome
): { name: string; medianS: number }[] | undefined {
  return perCondition?.filter((e) => e.outcome === outcome)
}

// The task's events drawn on time axes: per-trial ticks in rasters, and each event's median time per group as a
// dashed line in the group's colour (labelled once per event) on PSTHs and rates; colours of groups.
import { okabeIto, outcomeColor, type Palette } from '@shared/palette'
import { OUTCOME_GROUPING, groupMedians } from '@shared/domain/trial-groups'
import type { LegendItem, RefLine, RowMarks } from '../charts/types'
import {
  PAIR_EVENT_LEGEND,
  alignmentName,
  pairEventLines,
  timeAxisLines,
  type DatasetTimeAxis,
  type EventTime,
  type PairEvents
} from '@shared/domain/time-axis'

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

/**
 * Reference lines of a time axis (ms): the alignment event at 0, then each task event's median, muted. `events`
 * replaces the axis's pooled medians (e.g. one condition's, from conditionEvents).
 */
export function timeAxisRefs(axis: DatasetTimeAxis | null, events?: readonly EventTime[]): RefLine[] {
  return timeAxisLines(axis, events).map((l) => ({ value: l.timeS * 1000, label: l.label }))
}

/** Reference lines of a matched pair (ms, pairEventLines): each trial's event lines in its colour, titled. */
export function pairRefs(
  axis: DatasetTimeAxis | null,
  events: PairEvents,
  colors: { recorded: string; generated: string },
  conditionName: string
): RefLine[] {
  return pairEventLines(axis, events, conditionName).map((l) => ({
    value: l.timeS * 1000,
    label: l.label,
    ...(l.source ? { color: colors[l.source] } : {}),
    ...(l.title ? { title: l.title } : {})
  }))
}

/** Legend entries of pairRefs' two kinds of event lines. */
export function pairEventLegend(colors: { recorded: string; generated: string }): LegendItem[] {
  return [
    { label: PAIR_EVENT_LEGEND.recorded, color: colors.recorded, kind: 'event' },
    { label: PAIR_EVENT_LEGEND.generated, color: colors.generated, kind: 'event' }
  ]
}

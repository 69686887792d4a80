// The task's events drawn on time axes: per-trial ticks in rasters, and each event's median time per group as a
// dashed line in the group's colour (labelled once per event) on PSTHs and rates; colours of groups.
import { okabeIto, outcomeColor, type Palette } from '@shared/palette'
import { OUTCOME_GROUPING, groupMedians } from '@shared/domain/trial-groups'
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

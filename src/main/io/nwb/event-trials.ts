// Trials from an event series, for files with spikes and events but no interval table: one trial per event,
// aligned on it (TimeSeries with timestamps, AnnotationSeries, a BehavioralEvents container, NWB 2.10 EventsTable).
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { EventSeriesInfo } from '@shared/domain/import-mapping'
import { datasetNumbers, getNode, isDataset, isGroup, rowCount } from '../h5/read'
import type { RawTrials } from '../raw'
import { buildTrials } from '../trial-columns'
import type { TypedGroup } from './detect'

/** Neural or imaging series carry samples, not events. */
const NOT_EVENTS = /Electrical|Image|Photon|Fluorescence|RoiResponse|Spike|Current|Voltage(Clamp)?Series|Patch|Units/

function timesPath(f: H5File, path: string): string | null {
  for (const name of ['timestamps', 'timestamp']) if (isDataset(getNode(f, `${path}/${name}`))) return `${path}/${name}`
  return null
}

/** Every typed group with event times (timestamps, or an EventsTable's timestamp column), with its event count. */
export function listEventSeries(f: H5File, groups: TypedGroup[]): EventSeriesInfo[] {
  const out: EventSeriesInfo[] = []
  for (const g of groups) {
    if (NOT_EVENTS.test(g.type) || g.path.startsWith('/specifications')) continue
    const tp = timesPath(f, g.path)
    const d = tp ? getNode(f, tp) : null
    if (isDataset(d)) out.push({ path: g.path, events: rowCount(d), type: g.type })
  }
  return out
}

/** The series at `path`; a container (e.g. BehavioralEvents) with exactly one event series stands for it. */
function resolveSeries(f: H5File, path: string, all: EventSeriesInfo[], file: string): EventSeriesInfo {
  const exact = all.find((e) => e.path === path) ?? all.find((e) => e.path.endsWith(`/${path}`))
  if (exact) return exact
  // A container given by path or by name (e.g. "BehavioralEvents").
  const inside = all.filter((e) => e.path.startsWith(`${path}/`) || e.path.includes(`/${path}/`))
  if (inside.length === 1) return inside[0]!
  const listed = all.map((e) => `${e.path} (${e.events} events)`).join(', ') || 'none'
  const why = isGroup(getNode(f, path))
    ? inside.length > 1
      ? 'holds several event series'
      : 'has no event times'
    : 'is not in the file'
  throw new AppError('FIELD_MISSING', `"${path}" ${why}; event series in the file: ${listed}`, {
    file,
    field: '--trials-from-events'
  })
}

/**
 * One trial per event of the series at `path`: start_time = event_time = the event (session clock), one
 * condition. Non-finite times are dropped and out-of-order ones sorted, each counted in `warnings`.
 */
export function trialsFromEvents(f: H5File, path: string, all: EventSeriesInfo[], warnings: string[]): RawTrials {
  const file = f.filename
  const s = resolveSeries(f, path, all, file)
  const tp = timesPath(f, s.path)!
  const raw = datasetNumbers(f, getNode(f, tp) as Parameters<typeof datasetNumbers>[1])
  const finite = raw.filter(Number.isFinite)
  if (finite.length < raw.length)
    warnings.push(`${tp}: ${raw.length - finite.length} event time(s) not finite; dropped`)
  let sorted = true
  for (let i = 1; i < finite.length && sorted; i++) sorted = (finite[i] as number) >= (finite[i - 1] as number)
  if (!sorted) warnings.push(`${tp}: event times were not in order; sorted them`)
  const times = sorted ? finite : Float64Array.from(finite).sort()
  if (times.length === 0)
    throw new AppError('EMPTY_RESULT', 'the event series has no usable event times', { file, field: tp })
  warnings.push(`trials made from ${times.length} events of ${s.path} (one trial per event, one condition)`)
  return buildTrials(s.path, times, { event_time: Float64Array.from(times) })
}

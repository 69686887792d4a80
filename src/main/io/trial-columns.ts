// Trial-table post-processing shared by NWB and MAT: event-time columns, relative → absolute conversion.
import type { Column, RawTrials } from './raw'

const NOT_EVENTS = new Set(['stop_time', 'id'])

/** Does a numeric trial column hold event times? By name: *_time, *time, *onset*, *Onsets*. */
export function isTimeColumnName(name: string): boolean {
  const n = name.toLowerCase()
  return !NOT_EVENTS.has(n) && /(_time$|time$|times$|onset)/.test(n) && !/reaction|duration|latency/.test(n)
}

/**
 * True when event times are relative to the trial start: for most rows with a value, value < start_time
 * (an absolute event cannot precede its trial's start), and the starts are not themselves near zero.
 */
export function looksRelative(values: Float64Array, start: Float64Array): boolean {
  let n = 0
  let below = 0
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    const s = start[i] as number
    if (!Number.isFinite(v) || !Number.isFinite(s)) continue
    n++
    if (v < s) below++
  }
  return n > 0 && below > n / 2
}

/**
 * Builds RawTrials from plain columns: finds event-time columns, converts relative ones to absolute
 * (value + start_time) and records which were converted.
 */
export function buildTrials(path: string, startTime: Float64Array, columns: Record<string, Column>): RawTrials {
  const timeColumns: string[] = []
  const relativeColumns: string[] = []
  const out: Record<string, Column> = {}
  for (const [name, col] of Object.entries(columns)) {
    out[name] = col
    if (!(col instanceof Float64Array) || !isTimeColumnName(name) || name === 'start_time') continue
    timeColumns.push(name)
    if (looksRelative(col, startTime)) {
      relativeColumns.push(name)
      out[name] = col.map((v, i) => v + (startTime[i] as number))
    }
  }
  out['start_time'] = startTime
  if (!timeColumns.includes('start_time')) timeColumns.push('start_time')
  return { n: startTime.length, startTime, columns: out, timeColumns, relativeColumns, path }
}

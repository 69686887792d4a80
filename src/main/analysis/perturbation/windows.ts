// The standard task periods of a perturbation grid (baseline, stimulus, delay, response; spec §5.5), derived from
// the dataset's alignment and window: baseline = before the alignment event; the time after it is split into a
// stimulus quarter, a delay quarter and a response half (the reference's whisker / delay / response periods).
import type { NamedWindow } from '@shared/domain/perturbation-experiment'

/** Bin layout of a dataset: nBins bins of dt s, the alignment event at the start of bin stimBin. */
export interface TrialAxis {
  nBins: number
  dt: number
  stimBin: number
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6

/** Start of every bin relative to the alignment event, s. */
export function binTimes(a: TrialAxis): number[] {
  return Array.from({ length: a.nBins }, (_, t) => round((t - a.stimBin) * a.dt))
}

/** The four standard windows; a period the trial does not cover (e.g. no time before the event) is left out. */
export function standardWindows(a: TrialAxis): NamedWindow[] {
  const start = round(-a.stimBin * a.dt)
  const end = round((a.nBins - a.stimBin) * a.dt)
  const out: NamedWindow[] = []
  if (start < 0) out.push({ name: 'baseline', window: [start, 0] })
  if (end > 0) {
    const q = end / 4
    out.push({ name: 'stimulus', window: [0, round(q)] })
    out.push({ name: 'delay', window: [round(q), round(2 * q)] })
    out.push({ name: 'response', window: [round(2 * q), end] })
  }
  return out
}

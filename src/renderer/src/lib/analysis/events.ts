// Behavioural events (licks…) stored as counts per bin: trials ordered by outcome for an event raster, and the
// event rate per outcome (events per second, smoothed like the PSTHs).
import { outcomes, type Outcome } from '@shared/domain/dataset'
import { rowRates } from './raster'

export interface EventRaster {
  /** rows × bins counts, rows ordered by outcome (then trial order). */
  counts: Uint16Array
  rows: number
  groups: { outcome: Outcome; start: number; end: number }[]
  /** Outcome of each row. */
  rowOutcome: Outcome[]
  /** Trial (index into the input) of each row. */
  order: number[]
}

/** Orders the trials (values: trials × bins counts) by outcome, keeping trial order within an outcome. */
export function eventRaster(values: ArrayLike<number>, trialOutcome: readonly Outcome[], bins: number): EventRaster {
  const order = outcomes.flatMap((o) => trialOutcome.flatMap((t, k) => (t === o ? [k] : [])))
  const counts = new Uint16Array(order.length * bins)
  order.forEach((k, r) => {
    for (let b = 0; b < bins; b++) {
      const v = values[k * bins + b] as number
      counts[r * bins + b] = Number.isFinite(v) && v > 0 ? Math.round(v) : 0
    }
  })
  const groups: EventRaster['groups'] = []
  let start = 0
  for (const o of outcomes) {
    const n = trialOutcome.filter((t) => t === o).length
    if (n) groups.push({ outcome: o, start, end: start + n })
    start += n
  }
  return { counts, rows: order.length, groups, rowOutcome: order.map((k) => trialOutcome[k]!), order }
}

/** Event rate (Hz) of each group of rows: mean count per bin over its trials / dt, box-smoothed over smoothBins. */
export function eventRates(
  r: EventRaster,
  bins: number,
  dtS: number,
  smoothBins: number
): { outcome: Outcome; nTrials: number; rateHz: Float32Array }[] {
  return r.groups.map((g) => {
    const sum = new Float32Array(bins)
    for (let row = g.start; row < g.end; row++) for (let b = 0; b < bins; b++) sum[b]! += r.counts[row * bins + b]!
    return {
      outcome: g.outcome,
      nTrials: g.end - g.start,
      rateHz: rowRates(sum, 1, bins, g.end - g.start, dtS, smoothBins)
    }
  })
}

// Behavioural events (licks…) stored as counts per bin: trials ordered by group (the outcome or a trials column) for
// an event raster, and the event rate per group (events per second, smoothed like the PSTHs).
import { rowRates } from './raster'

export interface EventRaster {
  /** rows × bins counts, rows ordered by group (then trial order). */
  counts: Uint16Array
  rows: number
  groups: { label: string; start: number; end: number }[]
  /** Group of each row. */
  rowLabel: string[]
  /** Trial (index into the input) of each row. */
  order: number[]
}

/**
 * Orders the trials (values: trials × bins counts) by group — `labels` gives each trial's group, `groups` their
 * display order — keeping trial order within a group.
 */
export function eventRaster(
  values: ArrayLike<number>,
  labels: readonly string[],
  groups: readonly string[],
  bins: number
): EventRaster {
  const order = groups.flatMap((g) => labels.flatMap((l, k) => (l === g ? [k] : [])))
  const counts = new Uint16Array(order.length * bins)
  order.forEach((k, r) => {
    for (let b = 0; b < bins; b++) {
      const v = values[k * bins + b] as number
      counts[r * bins + b] = Number.isFinite(v) && v > 0 ? Math.round(v) : 0
    }
  })
  const blocks: EventRaster['groups'] = []
  let start = 0
  for (const label of groups) {
    const n = labels.filter((l) => l === label).length
    if (n) blocks.push({ label, start, end: start + n })
    start += n
  }
  return { counts, rows: order.length, groups: blocks, rowLabel: order.map((k) => labels[k]!), order }
}

/** Event rate (Hz) of each group of rows: mean count per bin over its trials / dt, box-smoothed over smoothBins. */
export function eventRates(
  r: EventRaster,
  bins: number,
  dtS: number,
  smoothBins: number
): { group: string; nTrials: number; rateHz: Float32Array }[] {
  return r.groups.map((g) => {
    const sum = new Float32Array(bins)
    for (let row = g.start; row < g.end; row++) for (let b = 0; b < bins; b++) sum[b]! += r.counts[row * bins + b]!
    return {
      group: g.label,
      nTrials: g.end - g.start,
      rateHz: rowRates(sum, 1, bins, g.end - g.start, dtS, smoothBins)
    }
  })
}

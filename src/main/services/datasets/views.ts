// Binned views of imported sessions for the UI: PSTH per area × group (outcome or a trials column), behaviour traces;
// each with the task's events (markers). The spike raster is in raster-view.ts.
// Pure functions over SessionData (counts of the trials and units each view draws); they return compact typed arrays.
import { AppError } from '@shared/contract/errors'
import type { Behaviour, Psth } from '@shared/contract/datasets-methods'
import { outcomes, type SessionData } from '@shared/domain/dataset'
import { OUTCOME_GROUPING, groupOrder, pooledEventMedians, trialLabels } from '@shared/domain/trial-groups'
import { trialCounts } from '../../io/trial-counts'

/** The trials' labels under `groupBy` (the outcome or a categorical column kept at import); NOT_FOUND names the others. */
export function grouping(s: SessionData, groupBy: string): { labels: string[]; order: string[] } {
  const g = trialLabels(s, groupBy)
  if (g) return g
  const have = [OUTCOME_GROUPING, ...Object.keys(s.trialGroups ?? {})].join(', ')
  throw new AppError('NOT_FOUND', `session "${s.name}" has no trials column "${groupBy}" to group by (has: ${have})`, {
    field: 'groupBy'
  })
}

/** Trial indices sorted by group (in the grouping's display order), source order kept within a group. */
export function trialsByGroup(s: SessionData, groupBy: string = OUTCOME_GROUPING): number[] {
  const { labels, order } = grouping(s, groupBy)
  const rank = new Map(order.map((l, i) => [l, i]))
  return s.trials.map((_, k) => k).sort((a, b) => rank.get(labels[a]!)! - rank.get(labels[b]!)! || a - b)
}

/** Each task event of the trials `order` (s from the alignment event, NaN where absent), in that order. */
export function eventsOf(s: SessionData, order: readonly number[]): { name: string; times: Float32Array }[] {
  return Object.keys(s.taskEvents ?? {})
    .sort()
    .map((name) => ({ name, times: Float32Array.from(order, (k) => s.taskEvents![name]![k]!) }))
}

/**
 * Trial-averaged rate (Hz) per area and group (default the outcome), pooled over `sessions` with every unit weighted
 * equally: rate[t] = mean over units u of (mean over the group's trials k of spikes[k, t, u]) / dt.
 * `smoothMs` > 0 applies a centred box filter of that width (edges average the bins available).
 * `markers`: each task event's median time per group, over the group's trials that have it.
 */
export function psthView(sessions: SessionData[], smoothMs: number, groupBy: string = OUTCOME_GROUPING): Psth {
  const first = sessions[0]
  if (!first) throw new AppError('EMPTY_RESULT', 'no sessions to average')
  const { dt, start } = first.binning
  const T = first.nBins
  for (const s of sessions) {
    if (s.nBins !== T || s.binning.dt !== dt) {
      throw new AppError('SHAPE_MISMATCH', `session "${s.name}" is binned differently from "${first.name}"`, {
        field: 'session'
      })
    }
  }
  // Sessions without the column take no part (pooling over sessions that recorded it).
  const labelled = sessions.flatMap((s) => {
    const g = trialLabels(s, groupBy)
    return g ? [{ s, labels: g.labels }] : []
  })
  if (labelled.length === 0) grouping(first, groupBy)
  const order =
    groupBy === OUTCOME_GROUPING
      ? outcomes.filter((o) => labelled.some((x) => x.labels.includes(o)))
      : groupOrder(labelled.flatMap((x) => x.labels))
  const areas = [...new Set(labelled.flatMap(({ s }) => s.units.map((u) => u.area)))].sort()
  const series: Psth['series'] = []
  for (const area of areas) {
    for (const group of order) {
      const sum = new Float64Array(T)
      let nUnits = 0
      let nTrials = 0
      for (const { s, labels } of labelled) {
        const ks = s.trials.flatMap((_, k) => (labels[k] === group ? [k] : []))
        const us = s.units.flatMap((u, i) => (u.area === area ? [i] : []))
        if (ks.length === 0 || us.length === 0) continue
        nTrials += ks.length
        nUnits += us.length
        const nu = us.length
        for (const k of ks) {
          const counts = trialCounts(s, [k], us) // one trial of the area's units (see rasterView)
          for (let t = 0; t < T; t++) {
            let c = 0
            for (let j = 0; j < nu; j++) c += counts[t * nu + j]!
            sum[t]! += c / ks.length // per-unit trial mean, summed over units; divided by nUnits below
          }
        }
      }
      if (nUnits === 0) continue
      const rate = new Float32Array(T)
      for (let t = 0; t < T; t++) rate[t] = sum[t]! / nUnits / dt
      series.push({ area, group, nTrials, nUnits, rateHz: boxSmooth(rate, Math.round(smoothMs / 1000 / dt)) })
    }
  }
  const markers = pooledEventMedians(labelled, order)
  return { dt, start, nBins: T, smoothMs, groupBy, series, markers }
}

/** Centred moving average over `width` bins (≤ 1: unchanged); near the edges, over the bins that exist. */
export function boxSmooth(x: Float32Array, width: number): Float32Array {
  if (width <= 1) return x
  const out = new Float32Array(x.length)
  const left = Math.floor((width - 1) / 2)
  const right = width - 1 - left
  for (let t = 0; t < x.length; t++) {
    const a = Math.max(0, t - left)
    const b = Math.min(x.length - 1, t + right)
    let s = 0
    for (let i = a; i <= b; i++) s += x[i]!
    out[t] = s / (b - a + 1)
  }
  return out
}

/**
 * One behaviour series of a session (default 'jaw' when recorded), with NaN-aware means per group of `groupBy` (default
 * the outcome; or a categorical trials column kept at import), groups in display order.
 */
export function behaviourView(s: SessionData, wanted?: string, groupBy: string = OUTCOME_GROUPING): Behaviour {
  const keys = Object.keys(s.behaviour).sort()
  if (wanted !== undefined && !keys.includes(wanted)) {
    throw new AppError(
      'NOT_FOUND',
      `session "${s.name}" has no behaviour "${wanted}" (has: ${keys.join(', ') || 'none'})`,
      {
        field: 'key'
      }
    )
  }
  const { labels, order } = grouping(s, groupBy)
  const key = wanted ?? (keys.includes('jaw') ? 'jaw' : (keys[0] ?? null))
  const T = s.nBins
  const values = key ? s.behaviour[key]! : new Float32Array(0)
  const means: Behaviour['means'] = []
  if (key) {
    for (const group of order) {
      const ks = labels.flatMap((l, k) => (l === group ? [k] : []))
      const mean = new Float32Array(T)
      for (let t = 0; t < T; t++) {
        let sum = 0
        let n = 0
        for (const k of ks) {
          const v = values[k * T + t]!
          if (Number.isNaN(v)) continue
          sum += v
          n++
        }
        mean[t] = n ? sum / n : Number.NaN
      }
      means.push({ group, nTrials: ks.length, mean })
    }
  }
  return {
    session: s.name,
    keys,
    key,
    dt: s.binning.dt,
    start: s.binning.start,
    nBins: T,
    groupBy,
    labels,
    sourceIndex: Int32Array.from(s.trials, (t) => t.sourceIndex),
    groups: order,
    values,
    means,
    taskEvents: eventsOf(
      s,
      s.trials.map((_, k) => k)
    )
  }
}

// A sweep's tasks as table rows (parameter columns, held-out metrics), sorting, and a metric against one
// parameter with the seeds as spread (mean ± SD per value, one series per combination of the other parameters).
import type { Metrics } from '@shared/domain/fit'
import type { ParamValue } from '@shared/domain/sweep'
import type { SweepTaskState } from '@shared/domain/sweep-status'

/** Mean absolute difference between the generated and the recorded trial-type shares (Hit, Miss, CR, FA). */
export function trialTypeError(m: Metrics | null): number | null {
  if (!m) return null
  const diffs: number[] = []
  for (const [k, d] of Object.entries(m.trial_type_data)) {
    const g = m.trial_type_model[k]
    if (typeof d === 'number' && typeof g === 'number') diffs.push(Math.abs(g - d))
  }
  return diffs.length ? diffs.reduce((a, b) => a + b, 0) / diffs.length : null
}

export const sweepMetrics = [
  { key: 't_trial_pearson', label: 'T′trial r' },
  { key: 't_trial_neural_pearson', label: 'T′trial r, neurons only' },
  { key: 'psth_pearson', label: 'PSTH r' },
  { key: 'trial_type_error', label: 'Trial-type error' }
] as const
export type SweepMetricKey = (typeof sweepMetrics)[number]['key']

export interface SweepRow {
  index: number
  status: string
  step: number | null
  targetSteps: number
  params: Record<string, ParamValue>
  values: Record<SweepMetricKey, number | null>
}

export function sweepRows(tasks: readonly SweepTaskState[]): SweepRow[] {
  return tasks.map((t) => ({
    index: t.index,
    status: t.status,
    step: t.step,
    targetSteps: t.targetSteps,
    params: t.params,
    values: {
      t_trial_pearson: t.metrics?.t_trial_pearson ?? null,
      t_trial_neural_pearson: t.metrics?.t_trial_neural_pearson ?? null,
      psth_pearson: t.metrics?.psth_pearson ?? null,
      trial_type_error: trialTypeError(t.metrics)
    }
  }))
}

/** Parameter columns: the datasets when there are several, each axis, the seed. */
export function paramColumns(tasks: readonly SweepTaskState[], axes: readonly string[]): string[] {
  const datasets = new Set(tasks.map((t) => t.params['dataset']))
  return [...(datasets.size > 1 ? ['dataset'] : []), ...axes, 'seed']
}

/** Sort key: `index`, `status`, a parameter (`param:loss.trialCoeff`) or a metric; missing values last. */
export function sortRows(rows: readonly SweepRow[], key: string, descending: boolean): SweepRow[] {
  const get = (r: SweepRow): unknown =>
    key === 'index'
      ? r.index
      : key === 'status'
        ? r.status
        : key.startsWith('param:')
          ? r.params[key.slice(6)]
          : r.values[key as SweepMetricKey]
  return [...rows].sort((a, b) => {
    const x = get(a)
    const y = get(b)
    if (x === null || x === undefined) return y === null || y === undefined ? a.index - b.index : 1
    if (y === null || y === undefined) return -1
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return (descending ? -c : c) || a.index - b.index
  })
}

export interface SpreadSeries {
  /** The other parameters' values, e.g. `model.latentDim=5` (empty when there are none). */
  name: string
  x: number[]
  mean: number[]
  lo: number[]
  hi: number[]
  /** Seeds with a value at each x. */
  n: number[]
}

/** Axes whose values are all numbers (the ones a metric can be plotted against). */
export function numericAxes(tasks: readonly SweepTaskState[], axes: readonly string[]): string[] {
  return axes.filter((a) => tasks.length > 0 && tasks.every((t) => typeof t.params[a] === 'number'))
}

/** Metric against `param`: per combination of the other parameters (seed aside), mean ± SD over the seeds. */
export function metricVsParam(rows: readonly SweepRow[], param: string, metric: SweepMetricKey): SpreadSeries[] {
  const groups = new Map<string, Map<number, number[]>>()
  for (const r of rows) {
    const x = r.params[param]
    const v = r.values[metric]
    if (typeof x !== 'number' || v === null) continue
    const others = Object.entries(r.params)
      .filter(([k]) => k !== param && k !== 'seed')
      .map(([k, val]) => `${k}=${JSON.stringify(val)}`)
      .join(', ')
    const byX = groups.get(others) ?? new Map<number, number[]>()
    groups.set(others, byX)
    byX.set(x, [...(byX.get(x) ?? []), v])
  }
  return [...groups].map(([name, byX]) => {
    const xs = [...byX.keys()].sort((a, b) => a - b)
    const stats = xs.map((x) => {
      const vs = byX.get(x)!
      const mean = vs.reduce((a, b) => a + b, 0) / vs.length
      const sd = vs.length > 1 ? Math.sqrt(vs.reduce((a, b) => a + (b - mean) ** 2, 0) / (vs.length - 1)) : 0
      return { mean, sd, n: vs.length }
    })
    return {
      name,
      x: xs,
      mean: stats.map((s) => s.mean),
      lo: stats.map((s) => s.mean - s.sd),
      hi: stats.map((s) => s.mean + s.sd),
      n: stats.map((s) => s.n)
    }
  })
}

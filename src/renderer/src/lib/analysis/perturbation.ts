// Pure helpers of the Perturbations view: the request a form describes, and the tables its figures draw from an
// experiment result (area × window Δ Hit, recorded beside it, rate change over time, trial-type mix).
import { outcomes } from '@shared/domain/dataset'
import type {
  ArmSummary,
  ExperimentRequestInput,
  ExperimentResult,
  LightSettings,
  NamedWindow
} from '@shared/domain/perturbation-experiment'

/** What the experiment form holds. */
export interface ExperimentForm {
  runId: string
  /** 'single' = the chosen areas together in one window; 'grid' = every chosen area × every standard window. */
  mode: 'single' | 'grid'
  areas: string[]
  window: [number, number]
  /** Name of the standard window picked, null for a custom one. */
  windowName: string | null
  light: LightSettings
  nTrials: number
  seeds: number
  seed: number
  recorded: boolean
}

/** The form's first state for a run: its last area in its last standard window (the response), reference light. */
export function initialForm(
  setup: { areas: string[]; windows: NamedWindow[]; trialEndS: number },
  runId: string,
  light: LightSettings
): ExperimentForm {
  const last = setup.windows[setup.windows.length - 1]
  return {
    runId,
    mode: 'single',
    areas: setup.areas.slice(-1),
    window: last ? [last.window[0], last.window[1]] : [0, Math.max(0.01, setup.trialEndS)],
    windowName: last?.name ?? null,
    light,
    nTrials: 200,
    seeds: 5,
    seed: 1,
    recorded: false
  }
}

export type FormCheck = { ok: true; request: ExperimentRequestInput } | { ok: false; message: string; field: string }

/** The request of a form, or the first thing wrong with it (naming the field). */
export function requestFrom(f: ExperimentForm): FormCheck {
  if (!f.runId) return { ok: false, message: 'pick a run with a checkpoint', field: 'run' }
  const base = { runId: f.runId, nTrials: f.nTrials, seeds: f.seeds, seed: f.seed, recorded: f.recorded }
  if (!(Number.isInteger(f.nTrials) && f.nTrials >= 1))
    return { ok: false, message: 'trials per seed must be a whole number ≥ 1', field: 'nTrials' }
  if (!(Number.isInteger(f.seeds) && f.seeds >= 1))
    return { ok: false, message: 'seeds must be a whole number ≥ 1', field: 'seeds' }
  if (f.mode === 'grid') {
    return {
      ok: true,
      request: { ...base, grid: { ...(f.areas.length > 0 ? { areas: f.areas } : {}), light: f.light } }
    }
  }
  if (f.areas.length === 0) return { ok: false, message: 'pick at least one area to perturb', field: 'areas' }
  const [t0, t1] = f.window
  if (!(Number.isFinite(t0) && Number.isFinite(t1) && t1 > t0))
    return { ok: false, message: 'the window must end after it starts', field: 'window' }
  const label = `${f.areas.join('+')} ${f.windowName ?? `[${t0}, ${t1}) s`}`
  return {
    ok: true,
    request: { ...base, conditions: [{ label, perturbations: [{ areas: f.areas, window: [t0, t1], ...f.light }] }] }
  }
}

/** A labelled rows × cols matrix (row-major), NaN where there is no value. */
export interface CellMatrix {
  rows: string[]
  cols: string[]
  values: Float64Array
}

/** The model's Δ Hit rate per area × window of a grid experiment (null without a grid). */
export function deltaHitGrid(r: ExperimentResult): CellMatrix | null {
  if (!r.grid) return null
  const { areas, windows } = r.grid
  const values = new Float64Array(areas.length * windows.length).fill(NaN)
  for (const c of r.conditions) {
    const i = areas.indexOf(c.area)
    const j = windows.findIndex((w) => w.name === c.windowName)
    if (i >= 0 && j >= 0 && c.windowName !== null) values[i * windows.length + j] = c.deltaHitRate
  }
  return { rows: areas, cols: windows.map((w) => w.name), values }
}

/** The grid window a recorded window falls in: the one holding its midpoint (−1 when none). */
export function windowOf(windows: NamedWindow[], w: [number, number]): number {
  const mid = (w[0] + w[1]) / 2
  return windows.findIndex((g) => mid >= g.window[0] && mid < g.window[1])
}

/**
 * The recorded Δ Hit rate in the grid's layout: each recorded perturbation of one area fills the cell of that area
 * and of the window holding its own window's midpoint (several in one cell: their mean). Null without both.
 */
export function recordedGrid(r: ExperimentResult): CellMatrix | null {
  if (!r.grid || !r.recorded) return null
  const { areas, windows } = r.grid
  const sum = new Float64Array(areas.length * windows.length)
  const n = new Float64Array(sum.length)
  for (const c of r.recorded.conditions) {
    const i = areas.indexOf(c.area)
    const j = windowOf(windows, c.window)
    if (i < 0 || j < 0 || c.deltaHitRate === null) continue
    const k = i * windows.length + j
    sum[k] = (sum[k] ?? 0) + c.deltaHitRate
    n[k] = (n[k] ?? 0) + 1
  }
  if (!n.some((k) => k > 0)) return null
  return {
    rows: areas,
    cols: windows.map((w) => w.name),
    values: sum.map((s, k) => ((n[k] ?? 0) > 0 ? s / (n[k] ?? 1) : NaN))
  }
}

/** Each area's excitatory rate change over time, perturbed − control (Hz), for one condition. */
export function rateChange(r: ExperimentResult, condition: number): { area: string; delta: number[] }[] {
  const c = r.conditions[condition]
  if (!c) return []
  return r.areas.map((area) => {
    const p = c.perturbed.series.areaRateHz[area] ?? []
    const k = r.control.series.areaRateHz[area] ?? []
    return { area, delta: p.map((v, t) => v - (k[t] ?? NaN)) }
  })
}

/** Outcomes present in either arm (fraction > 0), in the shared order. */
export function presentOutcomes(control: ArmSummary, perturbed: ArmSummary): (typeof outcomes)[number][] {
  return outcomes.filter((o) => control.mix[o] > 0 || perturbed.mix[o] > 0)
}

/** One row per condition for the summary table and its CSV. */
export function conditionRows(r: ExperimentResult): (string | number)[][] {
  return r.conditions.map((c) => [
    c.label,
    c.area,
    c.window[0],
    c.window[1],
    c.nLitNeurons,
    r.control.hitRate,
    c.perturbed.hitRate,
    c.perturbed.hitRateCi95[0],
    c.perturbed.hitRateCi95[1],
    c.deltaHitRate,
    c.deltaHitRateCi95[0],
    c.deltaHitRateCi95[1],
    r.control.lickProbability,
    c.perturbed.lickProbability,
    r.control.jawMean,
    r.control.jawSd,
    c.perturbed.jawMean,
    c.perturbed.jawSd
  ])
}

export const conditionHeader = [
  'condition',
  'area',
  'window_start_s',
  'window_end_s',
  'lit_neurons',
  'control_hit_rate',
  'hit_rate',
  'hit_rate_ci_lo',
  'hit_rate_ci_hi',
  'delta_hit_rate',
  'delta_ci_lo',
  'delta_ci_hi',
  'control_lick_probability',
  'lick_probability',
  'control_jaw_mean',
  'control_jaw_sd',
  'jaw_mean',
  'jaw_sd'
]

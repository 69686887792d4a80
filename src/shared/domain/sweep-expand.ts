// A sweep file → its tasks, deterministically: every axis path checked against the fit config schema, every
// value resolved into a full config (an absurd value is refused naming the axis and the value's position).
import { z } from 'zod'
import { AppError } from '../contract/errors'
import { fitConfigSchema, resolveFitConfig, type FitConfig } from './model-config'
import {
  MAX_SWEEP_TASKS,
  sweepFileSchema,
  type AxisRange,
  type ParamValue,
  type SweepAxis,
  type SweepFile
} from './sweep'

export interface SweepTask {
  index: number
  /** The dataset as the sweep file names it (name or id). */
  dataset: string
  /** `dataset`, each axis by its path, `seed`. */
  params: Record<string, ParamValue>
  config: FitConfig
}

const defaults = fitConfigSchema.parse({}) as unknown as Record<string, unknown>

/** Parses a sweep file's JSON; errors name the file and the field (`axes.loss.trialCoeff[2]`). */
export function parseSweepFile(json: unknown, file?: string): SweepFile {
  const r = sweepFileSchema.safeParse(json)
  if (!r.success) throw issueError(r.error, file, '')
  const sweep = r.data
  if (sweep.mode === 'random' && sweep.count === undefined) {
    throw new AppError('INVALID_SETTINGS', 'a random sweep needs "count" (how many points to draw)', {
      file,
      field: 'count'
    })
  }
  if (sweep.mode === 'grid' && sweep.count !== undefined) {
    throw new AppError('INVALID_SETTINGS', '"count" is for "mode": "random" (a grid runs every combination)', {
      file,
      field: 'count'
    })
  }
  checkKnownKeys(sweep.base, defaults, 'base', file)
  for (const [path, axis] of Object.entries(sweep.axes)) {
    checkAxisPath(path, file)
    if (!Array.isArray(axis) && sweep.mode === 'grid') {
      throw new AppError('INVALID_SETTINGS', 'a range axis needs "mode": "random" (a grid takes a list of values)', {
        file,
        field: `axes.${path}`
      })
    }
  }
  try {
    resolveFitConfig(sweep.base)
  } catch (err) {
    if (err instanceof z.ZodError) throw issueError(err, file, 'base.')
    throw err
  }
  return sweep
}

/** Every task of the sweep, in a fixed order: dataset, then parameter point, then seed. */
export function expandSweep(sweep: SweepFile, file?: string): SweepTask[] {
  const seeds = typeof sweep.seeds === 'number' ? Array.from({ length: sweep.seeds }, (_, i) => i) : sweep.seeds
  const points =
    sweep.mode === 'grid' ? gridPoints(sweep.axes) : randomPoints(sweep.axes, sweep.count ?? 1, sweep.randomSeed)
  const n = sweep.datasets.length * points.length * seeds.length
  if (n > MAX_SWEEP_TASKS) {
    throw new AppError('INVALID_SETTINGS', `the sweep expands to ${n} tasks (at most ${MAX_SWEEP_TASKS})`, {
      file,
      field: 'axes'
    })
  }
  // Each axis value is checked once, alone on the base, so the error names the axis and the value.
  for (const [path, axis] of Object.entries(sweep.axes)) {
    const values = Array.isArray(axis) ? axis : [axis.min, axis.max]
    values.forEach((v, i) => configWith(sweep.base, { [path]: v }, file, `axes.${path}[${i}]`))
  }
  const tasks: SweepTask[] = []
  for (const dataset of sweep.datasets) {
    for (const point of points) {
      for (const seed of seeds) {
        const config = configWith(sweep.base, point, file, 'axes')
        config.optim.seed = seed
        tasks.push({ index: tasks.length, dataset, params: { dataset, ...point, seed }, config })
      }
    }
  }
  return tasks
}

/** The base config with the point's values set at their paths, resolved (defaults filled, bounds checked). */
function configWith(
  base: Record<string, unknown>,
  point: Record<string, ParamValue>,
  file: string | undefined,
  field: string
): FitConfig {
  const config = structuredClone(base)
  for (const [path, value] of Object.entries(point)) setPath(config, path.split('.'), value)
  try {
    return resolveFitConfig(config)
  } catch (err) {
    if (!(err instanceof z.ZodError)) throw err
    const issue = err.issues[0]!
    throw new AppError('INVALID_SETTINGS', `${issue.path.join('.')}: ${issue.message}`, { file, field })
  }
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let at = target
  for (const key of path.slice(0, -1)) {
    const next = at[key]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) at[key] = {}
    at = at[key] as Record<string, unknown>
  }
  at[path.at(-1)!] = value
}

function checkAxisPath(path: string, file: string | undefined): void {
  const field = `axes.${path}`
  if (path === 'optim.seed')
    throw new AppError('INVALID_SETTINGS', 'seeds are set with "seeds", not as an axis', { file, field })
  let at: unknown = defaults
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) {
      throw new AppError('INVALID_SETTINGS', `no config field "${path}" (see src/shared/domain/model-config.ts)`, {
        file,
        field
      })
    }
    at = (at as Record<string, unknown>)[key]
  }
  if (typeof at === 'object' && at !== null && !Array.isArray(at)) {
    throw new AppError('INVALID_SETTINGS', `"${path}" is a group of settings; name one field in it`, { file, field })
  }
}

/** Unknown keys in a partial config (the config schema drops them silently; a sweep must not). */
function checkKnownKeys(
  value: Record<string, unknown>,
  known: Record<string, unknown>,
  field: string,
  file: string | undefined
): void {
  for (const [key, v] of Object.entries(value)) {
    if (!Object.hasOwn(known, key))
      throw new AppError('INVALID_SETTINGS', `no config field "${key}"`, { file, field: `${field}.${key}` })
    const k = known[key]
    if (
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      typeof k === 'object' &&
      k !== null &&
      !Array.isArray(k)
    ) {
      checkKnownKeys(v as Record<string, unknown>, k as Record<string, unknown>, `${field}.${key}`, file)
    }
  }
}

function gridPoints(axes: Record<string, SweepAxis>): Record<string, ParamValue>[] {
  let points: Record<string, ParamValue>[] = [{}]
  for (const [path, axis] of Object.entries(axes)) {
    const values = axis as ParamValue[] // ranges are refused in grid mode by parseSweepFile
    points = points.flatMap((p) => values.map((v) => ({ ...p, [path]: v })))
    if (points.length > MAX_SWEEP_TASKS) break
  }
  return points
}

/**
 * `count` points: each list axis picks one of its values, each range axis draws in its range (log-uniform with
 * `log`). With list axes only and `count` within the grid, no point comes twice.
 */
function randomPoints(axes: Record<string, SweepAxis>, count: number, seed: number): Record<string, ParamValue>[] {
  const next = mulberry32(seed)
  const entries = Object.entries(axes)
  const gridSize = entries.every(([, a]) => Array.isArray(a))
    ? entries.reduce((n, [, a]) => n * (a as unknown[]).length, 1)
    : Infinity
  const distinct = count <= gridSize
  const seen = new Set<string>()
  const points: Record<string, ParamValue>[] = []
  for (let tries = 0; points.length < count; tries++) {
    const p: Record<string, ParamValue> = {}
    for (const [path, axis] of entries)
      p[path] = Array.isArray(axis) ? axis[Math.floor(next() * axis.length)]! : drawRange(axis, next())
    const key = JSON.stringify(p)
    // Rejection keeps points distinct; past many tries (count close to the grid) repeats are allowed.
    if (distinct && seen.has(key) && tries < 100 * count) continue
    seen.add(key)
    points.push(p)
  }
  return points
}

function drawRange(r: AxisRange, u: number): number {
  const x = r.log ? Math.exp(Math.log(r.min) + u * (Math.log(r.max) - Math.log(r.min))) : r.min + u * (r.max - r.min)
  if (r.integer) return Math.min(Math.floor(r.max), Math.max(Math.ceil(r.min), Math.round(x)))
  return Number(x.toPrecision(6)) // short, readable values in configs and tables
}

/** Small seeded generator: the same seed gives the same points on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function issueError(err: z.ZodError, file: string | undefined, prefix: string): AppError {
  const issue = err.issues[0]!
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '')
  const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : ''
  return new AppError('INVALID_SETTINGS', `${issue.message}${keys}`, {
    file,
    field: `${prefix}${path}` || prefix.replace(/\.$/, '') || 'sweep'
  })
}

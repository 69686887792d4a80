// The Esmaeili et al. 2021 spikeData_v9.mat layout: a struct array of sessions with per-trial one-hot outcomes,
// onsets, stimulus codes, 500 fps video traces (−1 … +3 s around onset) and per-unit area/width/spike times.
import type { File as H5File, Group } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { BehaviourSeries, Column, RawSession, RawUnits } from '../raw'
import { isDataset, type H5Node } from '../h5/read'
import { checkTrains, nonEmptyUnits } from '../spike-checks'
import { buildTrials } from '../trial-columns'
import { matCellNumbers, matDims, matNumbers, matStrings, structField, structLength } from './mat73'

/** Per-trial numeric fields read as trial columns (when present). */
const TRIAL_FIELDS = [
  'HitIndices',
  'MissIndices',
  'CRIndices',
  'FAIndices',
  'CompletedTrialIndices',
  'StimIndices_All',
  'ActiveIndices',
  'ReactionTimes_All',
  'LickOnsets'
]
/** Video traces: MATLAB name → behaviour name. 500 frames/s starting 1 s before each trial onset. */
const VIDEO = { Jaw_pos: 'jaw', Tongue_pos: 'tongue', Whisker_pos: 'whisker' } as const
const VIDEO_RATE = 500
const VIDEO_T0 = -1

export function isEsmaeili(g: Group): boolean {
  const keys = g.keys()
  return keys.includes('spikets') && keys.includes('TrialOnsets_All')
}

/** One-hot indices + CompletedTrialIndices → 'Hit' | 'Miss' | 'CR' | 'FA' | 'EarlyLick' | 'none' per trial. */
function trialTypes(cols: Record<string, Column>, n: number): string[] {
  const flag = (name: string, k: number): boolean => {
    const c = cols[name]
    return c instanceof Float64Array && (c[k] ?? 0) !== 0 && Number.isFinite(c[k])
  }
  const completed = cols['CompletedTrialIndices']
  return Array.from({ length: n }, (_, k) => {
    if (completed instanceof Float64Array && completed[k] === 0) return 'EarlyLick'
    for (const o of ['Hit', 'Miss', 'CR', 'FA']) if (flag(`${o}Indices`, k)) return o
    return 'none'
  })
}

/** K × F row-major traces from a MATLAB K×F (or F×K) matrix or a cell of per-trial vectors. */
function videoTraces(f: H5File, node: H5Node, K: number): { values: Float64Array; nFrames: number } | null {
  if (!isDataset(node)) return null
  if (node.dtype === 'Reference') {
    const rows = matCellNumbers(f, node)
    const F = Math.max(0, ...rows.map((r) => r.length))
    const values = new Float64Array(K * F).fill(NaN)
    rows.slice(0, K).forEach((r, k) => values.set(r, k * F))
    return { values, nFrames: F }
  }
  const flat = matNumbers(f, node)
  const [r = 0, c = 0] = matDims(node)
  const trialsFirst = r === K
  if (!trialsFirst && c !== K) {
    throw new AppError('SHAPE_MISMATCH', `video trace is ${r}×${c} but the session has ${K} trials`, {
      file: f.filename,
      field: node.path
    })
  }
  const F = trialsFirst ? c : r
  const values = new Float64Array(K * F)
  // Column-major element (row, col) at row + col·rows.
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < F; j++) values[k * F + j] = (trialsFirst ? flat[k + j * K] : flat[j + k * F]) as number
  }
  return { values, nFrames: F }
}

function readUnits(f: H5File, g: Group, i: number, S: number, warnings: string[]): RawUnits {
  const field = (name: string): H5Node | null => structField(f, g, name, i, S)
  const spikesNode = field('spikets')
  const trains = spikesNode ? matCellNumbers(f, spikesNode) : []
  const U = trains.length
  const areaNode = field('area')
  const areas = areaNode ? matStrings(f, areaNode) : Array<string>(U).fill('')
  const spikesPath = `${g.path}/spikets[${i}]`
  if (areas.length !== U) {
    throw new AppError('SHAPE_MISMATCH', `${areas.length} areas for ${U} units`, {
      file: f.filename,
      field: `${g.path}/area[${i}]`
    })
  }
  const num = (name: string): Float64Array | null => {
    const n = field(name)
    const v = n ? matNumbers(f, n) : null
    return v && v.length === U ? v : null
  }
  const cluster = num('cluster')
  const ids = Array.from({ length: U }, (_, u) => (cluster ? (cluster[u] as number) : u + 1))
  const checked = checkTrains(trains, ids, { file: f.filename, field: spikesPath }, warnings)
  const include = num('include')
  const width = num('width')
  let kept = nonEmptyUnits(checked, ids, { file: f.filename, field: spikesPath }, warnings)
  if (include) {
    const before = kept.length
    kept = kept.filter((u) => include[u] !== 0)
    if (kept.length < before)
      warnings.push(`${g.path}/include[${i}]: left out ${before - kept.length} unit(s) with include = 0`)
    if (kept.length === 0)
      throw new AppError('EMPTY_RESULT', 'no unit has include = 1', {
        file: f.filename,
        field: `${g.path}/include[${i}]`
      })
  }
  const units: RawUnits = {
    ids: kept.map((u) => ids[u] as number),
    spikeTimes: kept.map((u) => checked[u] as Float64Array),
    areaSources: { area: kept.map((u) => areas[u] as string) },
    columns: ['area', 'spikets', ...['cluster', 'include', 'depth', 'width'].filter((n) => g.keys().includes(n))]
  }
  if (width) units.widthMs = Float64Array.from(kept, (u) => width[u] as number)
  return units
}

/** Reads every session of a spikeData_v9-style struct (array) group. */
export function readEsmaeili(f: H5File, g: Group, file: string): RawSession[] {
  const S = structLength(g, 'spikets')
  const sessions: RawSession[] = []
  for (let i = 0; i < S; i++) {
    const warnings: string[] = []
    const field = (name: string): H5Node | null => structField(f, g, name, i, S)
    const text = (name: string): string => {
      const n = field(name)
      return n ? (matStrings(f, n)[0] ?? '') : ''
    }
    const onsetNode = field('TrialOnsets_All')
    const onsets = onsetNode ? matNumbers(f, onsetNode) : new Float64Array()
    const K = onsets.length
    const cols: Record<string, Column> = {}
    for (const name of TRIAL_FIELDS) {
      const n = field(name)
      const v = n ? matNumbers(f, n) : null
      // Absent or MATLAB-empty fields are simply not columns.
      if (!v || v.length === 0) continue
      if (v.length !== K) {
        throw new AppError('SHAPE_MISMATCH', `${v.length} values for ${K} trials`, {
          file: f.filename,
          field: `${g.path}/${name}[${i}]`
        })
      }
      cols[name] = v
    }
    cols['trial_type'] = trialTypes(cols, K)
    const trials = K > 0 ? buildTrials(`${g.path}/TrialOnsets_All[${i}]`, onsets, cols) : null
    if (!trials) warnings.push(`session ${i}: no trials (TrialOnsets_All is empty)`)
    const behaviour: Record<string, BehaviourSeries> = {}
    for (const [matName, name] of Object.entries(VIDEO)) {
      const n = field(matName)
      const tr = n && K > 0 ? videoTraces(f, n, K) : null
      if (tr && tr.nFrames > 0) {
        behaviour[name] = {
          kind: 'per-trial',
          t0: VIDEO_T0,
          rate: VIDEO_RATE,
          nFrames: tr.nFrames,
          values: tr.values,
          trialRef: onsets,
          unit: 'px'
        }
      }
    }
    const mouse = text('mouse')
    const date = text('date')
    const name = mouse || date ? `${mouse}_${date}` : `session ${i + 1}`
    const units = readUnits(f, g, i, S, warnings)
    sessions.push({ name, sourceFile: file, units, trials, behaviour, warnings })
  }
  return sessions
}

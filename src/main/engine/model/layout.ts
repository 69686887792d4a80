// Neuron layout (spec §2.1): areas, E/I populations (E-first globally), motor neurons, recurrent masks,
// input channel types, and the automatic raise of neurons per area so that every recorded unit fits.
import { AppError } from '@shared/contract/errors'
import type { ModelConfig } from '@shared/domain/model-config'
import type { FitData } from '../types'

/**
 * Layout: N = A·n with n = neuronsPerArea; per area nE = ⌊excFraction·n⌋ excitatory and nI = n − nE inhibitory.
 * Indices are E-first globally (spec §2.1): area a's E neurons are [a·nE, (a+1)·nE), its I neurons
 * A·nE + [a·nI, (a+1)·nI). Weight masks are presynaptic-major [N_pre, N_post].
 */
export interface Layout {
  areas: string[]
  nPerArea: number
  nEPerArea: number
  nIPerArea: number
  /** Total neurons N and total excitatory neurons (indices < nE are excitatory). */
  n: number
  nE: number
  neuronArea: Int32Array
  neuronInhibitory: Uint8Array
  /** Input channels; the first nInE are excitatory, the first nStim are stimulus-driven. */
  nIn: number
  nInE: number
  nStim: number
  /** Excitatory neurons of the motor areas (jaw readout), ascending. */
  motor: Int32Array
  /** 1 where a recurrent synapse is allowed (no self-connections; inhibition within own area), N×N. */
  recMask: Uint8Array
  /** Messages about automatic changes (e.g. neuronsPerArea raised). */
  notes: string[]
}

/** Recorded units per (area, type) summed over sessions: what stitching needs (spec §1.5). */
export function recordedCounts(data: FitData): { e: Int32Array; i: Int32Array } {
  const e = new Int32Array(data.areas.length)
  const i = new Int32Array(data.areas.length)
  data.sessions.forEach((s, si) => {
    for (let u = 0; u < s.unitArea.length; u++) {
      const a = s.unitArea[u]
      if (!(a >= 0 && a < data.areas.length)) {
        throw new AppError('INDEX_OUT_OF_RANGE', `unit ${u} has area index ${a}`, {
          field: `sessions[${si}].unitArea`
        })
      }
      if (s.unitInhibitory[u] === 1) i[a]++
      else e[a]++
    }
  })
  return { e, i }
}

/** E and I counts per area for n neurons per area. */
export function splitEI(n: number, excFraction: number): { nE: number; nI: number } {
  const nE = Math.floor(excFraction * n + 1e-9)
  return { nE, nI: n - nE }
}

/** Neurons per area as the fit will use them, and why (the only automatic change of the model's size). */
export interface NeuronsPerArea {
  requested: number
  used: number
  /** Recorded excitatory / inhibitory units per area, summed over sessions (same order as data.areas). */
  recordedE: number[]
  recordedI: number[]
  /** Set when `used` differs from `requested`: one sentence naming the area that needs more. */
  note: string | null
}

/**
 * Resolves model.neuronsPerArea against the recordings: every recorded unit needs its own model neuron of the
 * same area and type, so the count is raised until the largest area fits (throws when the split leaves no E or I).
 */
export function resolveNeuronsPerArea(data: FitData, model: ModelConfig): NeuronsPerArea {
  const A = data.areas.length
  if (A === 0) throw new AppError('INVALID_SETTINGS', 'the data has no brain areas', { field: 'areas' })
  const need = recordedCounts(data)
  let n = model.neuronsPerArea
  const fits = (m: number): boolean => {
    const { nE, nI } = splitEI(m, model.excFraction)
    for (let a = 0; a < A; a++) if (nE < need.e[a] || nI < need.i[a]) return false
    return nE >= 1 && nI >= 1
  }
  const start = splitEI(n, model.excFraction)
  if (start.nE < 1 || start.nI < 1) {
    throw new AppError(
      'INVALID_SETTINGS',
      `${n} neurons per area with excitatory fraction ${model.excFraction} leaves an area with ` +
        `${start.nE} excitatory and ${start.nI} inhibitory neurons; each needs at least one of each`,
      { field: 'model.neuronsPerArea' }
    )
  }
  while (!fits(n)) n++
  let note: string | null = null
  if (n !== model.neuronsPerArea) {
    // the area (and type) that forced the raise: the largest need relative to its share of the neurons
    const shareE = model.excFraction
    let why = ''
    let worst = -1
    for (let a = 0; a < A; a++) {
      const e = need.e[a] / shareE
      const i = need.i[a] / Math.max(1e-9, 1 - shareE)
      if (e > worst) [worst, why] = [e, `${data.areas[a]} has ${need.e[a]} excitatory recorded units`]
      if (i > worst) [worst, why] = [i, `${data.areas[a]} has ${need.i[a]} inhibitory recorded units`]
    }
    // says what the model has and why, and that the setting is a floor (not "raised from 2 to 123")
    note =
      `Neurons per area: ${n} (one model neuron per recorded unit, of the same area and type: ${why}, sessions ` +
      `together; the setting's ${model.neuronsPerArea} is a minimum).`
  }
  return {
    requested: model.neuronsPerArea,
    used: n,
    recordedE: Array.from(need.e),
    recordedI: Array.from(need.i),
    note
  }
}

/** Builds the layout; raises neuronsPerArea when the recordings need more neurons (reported in notes). */
export function buildLayout(data: FitData, model: ModelConfig): Layout {
  const A = data.areas.length
  const resolved = resolveNeuronsPerArea(data, model)
  const n = resolved.used
  const notes: string[] = resolved.note ? [resolved.note] : []
  const { nE: nEA, nI: nIA } = splitEI(n, model.excFraction)
  const N = A * n
  const nE = A * nEA
  const neuronArea = new Int32Array(N)
  const neuronInhibitory = new Uint8Array(N)
  for (let a = 0; a < A; a++) {
    for (let k = 0; k < nEA; k++) neuronArea[a * nEA + k] = a
    for (let k = 0; k < nIA; k++) {
      neuronArea[nE + a * nIA + k] = a
      neuronInhibitory[nE + a * nIA + k] = 1
    }
  }
  const motorAreas = resolveMotorAreas(data.areas, model.motorAreas)
  const motorList: number[] = []
  for (let j = 0; j < nE; j++) if (motorAreas.has(neuronArea[j])) motorList.push(j)
  const recMask = new Uint8Array(N * N)
  for (let j = 0; j < N; j++) {
    const inh = neuronInhibitory[j] === 1
    for (let i = 0; i < N; i++) {
      if (i === j) continue
      if (inh && model.restrictInterAreaInhibition && neuronArea[i] !== neuronArea[j]) continue
      recMask[j * N + i] = 1
    }
  }
  const nIn = model.nInputs
  return {
    areas: data.areas.slice(),
    nPerArea: n,
    nEPerArea: nEA,
    nIPerArea: nIA,
    n: N,
    nE,
    neuronArea,
    neuronInhibitory,
    nIn,
    nInE: Math.min(nIn, Math.max(1, Math.floor(model.excFraction * nIn + 1e-9))),
    // spec §2.5: p_stim = 0.5 of the channels carry the (single) stimulus onset.
    nStim: Math.max(1, Math.floor(nIn / 2)),
    motor: Int32Array.from(motorList),
    recMask,
    notes
  }
}

function resolveMotorAreas(areas: string[], names: string[]): Set<number> {
  if (names.length === 0) return new Set([areas.length - 1])
  const out = new Set<number>()
  for (const name of names) {
    const a = areas.indexOf(name)
    if (a < 0) {
      throw new AppError('INVALID_SETTINGS', `motor area "${name}" is not one of ${areas.join(', ')}`, {
        field: 'model.motorAreas'
      })
    }
    out.add(a)
  }
  return out
}

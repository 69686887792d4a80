// Single-trial population rates per area (Hz), recorded and generated, smoothed with filter1 of spec §3.1.
import { applyFilter, type BandFilter, type FitData, type ModelParams, type Simulation } from '../engine'
import type { RecordedRows } from './trial-rows'

/** Units (recorded) of area `a` in session `s`. */
export function sessionAreaUnits(data: FitData, s: number, a: number): number[] {
  const out: number[] = []
  data.sessions[s]!.unitArea.forEach((ua, u) => ua === a && out.push(u))
  return out
}

/**
 * Model neurons that stand for area `a`: those fitted to a recorded unit (of session `session` when given),
 * else every neuron of the area, so a population is never empty when the area has neurons.
 */
export function modelAreaNeurons(
  p: Pick<ModelParams, 'neuronArea' | 'neuronMap'>,
  a: number,
  session?: number
): number[] {
  const all: number[] = []
  const mapped: number[] = []
  p.neuronArea.forEach((na, n) => {
    if (na !== a) return
    all.push(n)
    const s = p.neuronMap.session[n]!
    if (s >= 0 && (session === undefined || s === session)) mapped.push(n)
  })
  return mapped.length ? mapped : all
}

/**
 * Mean over `cols` of x[(trial·T + t)·C + col] for every bin, in spikes/bin, written to `out` (length T).
 */
export function populationTrace(
  x: ArrayLike<number>,
  trial: number,
  T: number,
  C: number,
  cols: number[],
  out: Float64Array
): void {
  const w = cols.length ? 1 / cols.length : 0
  for (let t = 0; t < T; t++) {
    const row = (trial * T + t) * C
    let s = 0
    for (const c of cols) s += x[row + c]!
    out[t] = s * w
  }
}

export interface AreaTraces {
  area: string
  recordedRows: Int32Array
  /** Hz, [recordedRows.length × filter.outLen]. */
  recorded: Float32Array
  /** Hz, [nGenerated × filter.outLen]. */
  generated: Float32Array
}

/** Per area: filtered population rate of each recorded row that records the area, and of each generated trial. */
export function areaTraces(
  data: FitData,
  rows: RecordedRows,
  p: Pick<ModelParams, 'neuronArea' | 'neuronMap'>,
  sim: Simulation,
  filter: BandFilter
): AreaTraces[] {
  const T = data.nBins
  const L = filter.outLen
  const hz = 1 / data.dt
  const raw = new Float64Array(T)
  return data.areas.map((area, a) => {
    const rowIdx: number[] = []
    const rec: number[] = []
    const tmp = new Float32Array(L)
    for (let r = 0; r < rows.session.length; r++) {
      const s = rows.session[r]!
      const units = sessionAreaUnits(data, s, a)
      if (!units.length) continue
      const sess = data.sessions[s]!
      populationTrace(sess.spikes, rows.trial[r]!, T, sess.unitArea.length, units, raw)
      applyFilter(filter, raw, 0, 1, tmp, 0, 1)
      rowIdx.push(r)
      for (const v of tmp) rec.push(v * hz)
    }
    const neurons = modelAreaNeurons(p, a)
    const gen = new Float32Array(sim.nTrials * L)
    for (let b = 0; b < sim.nTrials; b++) {
      populationTrace(sim.spikes, b, T, sim.nNeurons, neurons, raw)
      applyFilter(filter, raw, 0, 1, gen, b * L, 1)
    }
    for (let i = 0; i < gen.length; i++) gen[i] = gen[i]! * hz
    return { area, recordedRows: Int32Array.from(rowIdx), recorded: Float32Array.from(rec), generated: gen }
  })
}

/** Centre of each output bin of `filter`, s relative to the alignment event. */
export function filterTimes(filter: BandFilter, dt: number, stimBin: number): Float32Array {
  return Float32Array.from({ length: filter.outLen }, (_, j) => (filter.start[j]! + filter.len[j]! / 2 - stimBin) * dt)
}

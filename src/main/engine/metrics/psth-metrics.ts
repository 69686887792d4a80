// PSTH Pearson per recorded neuron (spec §5.2) and jaw trace correlation, per stimulus condition, with ceilings.
import { applyFilter } from '../losses/filters'
import type { LossTargets } from '../losses/types'
import { byStimulus, trainingTrials } from './conditions'
import { finiteMean, pearson } from './pearson'

/** Neurons whose training rate is at or below this are left out of the PSTH correlation (spec §5.2). */
export const PSTH_MIN_RATE_HZ = 1

/** filter1 of the trial mean over `trials` of column `col` of a K × T × C array, appended to `out` (length L1). */
function filteredMean(
  targets: LossTargets,
  x: ArrayLike<number>,
  trials: ArrayLike<number>,
  C: number,
  col: number,
  out: Float64Array,
  outOff: number
): void {
  const T = targets.nBins
  const avg = new Float64Array(T)
  for (let i = 0; i < trials.length; i++) {
    const base = trials[i] * T * C + col
    for (let t = 0; t < T; t++) avg[t] += x[base + t * C]
  }
  for (let t = 0; t < T; t++) avg[t] /= trials.length
  applyFilter(targets.filter1, avg, 0, 1, out, outOff, 1)
}

/**
 * Trial mean over `trials` of a K × T × C array as T × C (index t·C + c), summed in the order of `trials` exactly
 * as filteredMean sums one column, in one pass in memory order instead of one strided pass per column.
 */
function trialMeans(x: ArrayLike<number>, trials: ArrayLike<number>, T: number, C: number): Float64Array {
  const avg = new Float64Array(T * C)
  for (let i = 0; i < trials.length; i++) {
    const base = trials[i] * T * C
    for (let j = 0; j < T * C; j++) {
      const v = x[base + j]
      if (v !== 0) avg[j] += v // spikes are sparse; adding 0 would change nothing
    }
  }
  for (let j = 0; j < T * C; j++) avg[j] /= trials.length
  return avg
}

/**
 * What depends on the data and its split only (data trial means per session and condition, ceilings), kept
 * between evaluations of one fit: the same numbers as recomputing them, at a fraction of the cost.
 */
export type DataSideCache = Map<string, unknown>

/** trialMeans of data trials, cached under `key` (data trial lists are fixed for a fit). */
function dataMeans(
  cache: DataSideCache,
  key: string,
  x: ArrayLike<number>,
  trials: ArrayLike<number>,
  T: number,
  C: number
): Float64Array {
  let m = cache.get(key) as Float64Array | undefined
  if (!m) cache.set(key, (m = trialMeans(x, trials, T, C)))
  return m
}

/** One entry per recorded neuron that passed the rate cut. */
export interface NeuronPsthR {
  neuron: number
  area: number
  /** Model vs held-out; training vs held-out (ceiling); NaN when undefined (constant PSTH). */
  r: number
  ceiling: number
}

/**
 * Per recorded model neuron: PSTHs (filter1, trial means) concatenated over the stimulus conditions present in
 * the held-out trials and in the model batch (resp. the training trials for the ceiling), then Pearson r.
 */
export function psthPearson(
  targets: LossTargets,
  spikes: ArrayLike<number>,
  stimulus: Float32Array,
  heldOut: Int32Array[],
  cache: DataSideCache = new Map()
): NeuronPsthR[] {
  const L = targets.filter1.outLen
  const N = targets.nNeurons
  const T = targets.nBins
  const modelByCond = byStimulus(stimulus)
  const out: NeuronPsthR[] = []
  // trial means per trial list (each list object belongs to one source array: the model's or one session's spikes)
  const means = new Map<ArrayLike<number>, Float64Array>()
  const meansOf = (x: ArrayLike<number>, trials: ArrayLike<number>, C: number): Float64Array => {
    let m = means.get(trials)
    if (!m) means.set(trials, (m = trialMeans(x, trials, T, C)))
    return m
  }
  for (const s of targets.sessions) {
    const held = heldOut[s.index] ?? new Int32Array(0)
    if (s.neurons.length === 0 || held.length === 0) continue
    const sess = targets.data.sessions[s.index]
    const U = sess.unitArea.length
    const trainByCond = byStimulus(sess.stimulus, trainingTrials(sess.heldOut))
    const conds = [...byStimulus(sess.stimulus, held)]
    const withModel = conds.filter(([c]) => modelByCond.has(c))
    const withTrain = conds.filter(([c]) => trainByCond.has(c))
    s.neurons.forEach((n, q) => {
      if (s.meanRate[q] / targets.dt <= PSTH_MIN_RATE_HZ) return
      const u = s.units[q]
      /** filter1 of the held-out data PSTH of unit u in condition c (cached: data only). */
      const heldPsth = (c: number, heldC: Int32Array): Float64Array => {
        const key = `held:${s.index}:${u}:${c}`
        let v = cache.get(key) as Float64Array | undefined
        if (!v) {
          v = new Float64Array(L)
          applyFilter(
            targets.filter1,
            dataMeans(cache, `means:${s.index}:held:${c}`, sess.spikes, heldC, T, U),
            u,
            U,
            v,
            0,
            1
          )
          cache.set(key, v)
        }
        return v
      }
      const corr = (list: [number, Int32Array][], means: (c: number) => Float64Array, C: number, col: number) => {
        if (list.length === 0) return NaN
        const a = new Float64Array(list.length * L)
        const b = new Float64Array(list.length * L)
        list.forEach(([c, heldC], i) => {
          applyFilter(targets.filter1, means(c), col, C, a, i * L, 1)
          b.set(heldPsth(c, heldC), i * L)
        })
        return pearson(a, b)
      }
      const ceilingKey = `ceiling:${s.index}:${q}`
      let ceiling = cache.get(ceilingKey) as number | undefined
      if (ceiling === undefined) {
        const trainMeans = (c: number): Float64Array =>
          dataMeans(cache, `means:${s.index}:train:${c}`, sess.spikes, trainByCond.get(c) ?? new Int32Array(0), T, U)
        ceiling = corr(withTrain, trainMeans, U, u)
        cache.set(ceilingKey, ceiling)
      }
      out.push({
        neuron: n,
        area: sess.unitArea[u],
        r: corr(withModel, (c) => meansOf(spikes, modelByCond.get(c) ?? [], N), N, n),
        ceiling
      })
    })
  }
  return out
}

/** Mean r (and ceiling) overall and per area name; NaN where no neuron qualifies. */
export function summarisePsth(
  rows: NeuronPsthR[],
  areas: string[]
): { mean: number; ceiling: number; perArea: Record<string, number> } {
  const perArea: Record<string, number> = {}
  areas.forEach((name, a) => {
    const rs = rows.filter((r) => r.area === a).map((r) => r.r)
    if (rs.length > 0) perArea[name] = finiteMean(rs)
  })
  return { mean: finiteMean(rows.map((r) => r.r)), ceiling: finiteMean(rows.map((r) => r.ceiling)), perArea }
}

/**
 * Jaw correlation: per session with a recorded jaw, filter1 trial-mean jaw of the model trials vs the held-out
 * trials, concatenated over shared stimulus conditions; mean over sessions. NaN without behaviour.
 */
export function jawPearson(
  targets: LossTargets,
  jaw: ArrayLike<number> | null,
  stimulus: Float32Array,
  heldOut: Int32Array[]
): number {
  if (!jaw) return NaN
  const L = targets.filter1.outLen
  const modelByCond = byStimulus(stimulus)
  const rs: number[] = []
  targets.data.sessions.forEach((sess, si) => {
    const held = heldOut[si] ?? new Int32Array(0)
    if (!sess.jaw || held.length === 0) return
    const conds = [...byStimulus(sess.stimulus, held)].filter(([c]) => modelByCond.has(c))
    if (conds.length === 0) return
    const a = new Float64Array(conds.length * L)
    const b = new Float64Array(conds.length * L)
    conds.forEach(([c, heldC], i) => {
      filteredMean(targets, jaw, modelByCond.get(c) ?? [], 1, 0, a, i * L)
      filteredMean(targets, sess.jaw ?? [], heldC, 1, 0, b, i * L)
    })
    rs.push(pearson(a, b))
  })
  return finiteMean(rs)
}

// Trial-averaged (PSTH) data of spec §3.2: per recorded unit, filter1 PSTHs and their z-scoring (psth-loss.ts: the loss).
import { applyFilter } from './filters'
import type { DataPsth, LossTargets, SessionTargets } from './types'

/** Per-column mean and unbiased std over time of an L × C matrix; std < 1e-3 → 1 (spec §3.2 step 2). */
function columnScale(x: Float64Array, L: number, C: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(C)
  const scale = new Float64Array(C)
  for (let c = 0; c < C; c++) {
    let s = 0
    for (let l = 0; l < L; l++) s += x[l * C + c]
    const m = s / L
    let v = 0
    for (let l = 0; l < L; l++) v += (x[l * C + c] - m) ** 2
    const sd = L > 1 ? Math.sqrt(v / (L - 1)) : 0
    mean[c] = m
    scale[c] = sd < 1e-3 ? 1 : sd
  }
  return { mean, scale }
}

/**
 * Trial-averaged filtered data of a session over `trials` (cached per trial set): PSTH L1 × U_s of the session's
 * mapped units (spikes per bin) and the jaw's, each with its z-scoring mean/scale.
 */
export function dataPsth(targets: LossTargets, s: SessionTargets, trials: Int32Array): DataPsth {
  const key = `${s.index}:${trials.join(',')}`
  const hit = targets.psthCache.get(key)
  if (hit) return hit
  const sess = targets.data.sessions[s.index]
  const T = targets.nBins
  const U = sess.unitArea.length
  const C = s.units.length
  const avg = new Float64Array(T * C)
  for (const k of trials) {
    for (let t = 0; t < T; t++) {
      const row = (k * T + t) * U
      for (let c = 0; c < C; c++) avg[t * C + c] += sess.spikes[row + s.units[c]]
    }
  }
  const f = targets.filter1
  const psth = new Float64Array(f.outLen * C)
  if (trials.length > 0) {
    for (let i = 0; i < avg.length; i++) avg[i] /= trials.length
    for (let c = 0; c < C; c++) applyFilter(f, avg, c, C, psth, c, C)
  }
  const { mean, scale } = columnScale(psth, f.outLen, C)
  let jaw: Float64Array | null = null
  let jawMean = 0
  let jawScale = 1
  if (s.useJaw && sess.jaw && trials.length > 0) {
    const mj = new Float64Array(T)
    for (const k of trials) for (let t = 0; t < T; t++) mj[t] += sess.jaw[k * T + t] / trials.length
    jaw = new Float64Array(f.outLen)
    applyFilter(f, mj, 0, 1, jaw, 0, 1)
    const js = columnScale(jaw, f.outLen, 1)
    jawMean = js.mean[0]
    jawScale = js.scale[0]
  }
  const out: DataPsth = { psth, mean, scale, jaw, jawMean, jawScale }
  if (targets.psthCache.size > 256) targets.psthCache.clear() // bound memory when callers pass many trial sets
  targets.psthCache.set(key, out)
  return out
}

/** Trial mean over B trials of a B × T × C array, as T × C (C = N neurons, or 1 for the jaw). */
export function trialMean(x: ArrayLike<number>, B: number, T: number, C: number): Float64Array {
  const out = new Float64Array(T * C)
  for (let b = 0; b < B; b++) {
    const o = b * T * C
    for (let i = 0; i < T * C; i++) {
      const v = x[o + i]
      if (v !== 0) out[i] += v // spikes are sparse: skipping zeros halves the pass
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= B
  return out
}

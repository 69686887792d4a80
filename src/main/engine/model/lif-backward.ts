// BPTT of one trial through the stored forward trace (spec §2.2): straight-through surrogate
// dz/dV = γ·c·T·σ(1−σ)/(thr − v_rest0) (stored by the forward), refractory steps blocked, reset by subtraction,
// two delays. Weight gradients are sparse outer products over presynaptic spikes (kernels.addToRows); the adjoint
// W·δ is computed only for presynaptic neurons whose surrogate derivative is ≥ cutoff × its peak (kernels.dotRows).
import type { FloatArray, Kernels } from '../kernels/kernels'
import type { ShardGrad } from './grads'
import type { ModelTensors } from './params'
import { spikeGradRow, type SpikeGrad } from '../spike-grad'
import { adjointRow } from '../kernels/adjoint-row'
import { buildLists } from '../kernels/build-lists'
import { adaptiveAdjointRow } from './adaptation'
import { adjointDots } from './local-inhibition'
import type { ShardWorkspace } from './trace'

/** Peak of the surrogate derivative dz/dV (at V = thr): γ·c·T/(4·(thr − v_rest0)). */
export function surrogatePeak(mt: ModelTensors): number {
  const { gamma, probScale, temperature, thr, vr0 } = mt.dyn
  return (gamma * probScale * temperature) / (4 * (thr - vr0))
}

/**
 * Fills ring slot t % R with the spike list and the active list (surrogate ≥ spMin) of step t of the trial whose
 * trace starts at cell `cellOff`, unless the slot already holds t. @returns the slot
 */
function prepareSlot(
  ws: ShardWorkspace,
  t: number,
  n: number,
  R: number,
  cellOff: number,
  spMin: number,
  k: Kernels
): number {
  const slot = t % R
  if (ws.slotTime[slot] === t) return slot
  ws.slotTime[slot] = t
  const { spikeRing, activeRing, flags, sp, listCounts } = ws
  // Refractory steps store 0 and are never active, even with cutoff 0: sp ≥ the least positive float.
  const lo = spMin > 0 ? spMin : Number.MIN_VALUE
  const o = cellOff + t * n
  if (k.buildLists) k.buildLists(n, flags, sp, o, lo, spikeRing, activeRing, slot * n, listCounts)
  else buildLists(n, flags, sp, o, lo, spikeRing, activeRing, slot * n, listCounts)
  ws.spikeCount[slot] = listCounts[0]
  ws.activeCount[slot] = listCounts[1]
  return slot
}

/**
 * Accumulates dL/dθ of trial `local` into `grad`.
 * @param gradSpikes dL/dz of the batch (dense B × T × N or factored); trial `index` is read.
 * @param gradJaw dL/d(jaw output), global B × T, or null.
 * @param cutoff skip adjoint rows whose surrogate derivative < cutoff·peak (0 = exact).
 * @returns number of (neuron, step) adjoint rows computed (for the active-fraction report).
 */
export function backwardTrial(
  mt: ModelTensors,
  ws: ShardWorkspace,
  local: number,
  index: number,
  gradSpikes: SpikeGrad,
  gradJaw: FloatArray | null,
  grad: ShardGrad,
  k: Kernels,
  cutoff: number
): number {
  const { dims: d, dyn } = mt
  const { n, nIn, nBins: T, maxDelay: D, latentDim: L } = d
  const R = D + 1
  const { alpha, thr, alphaJaw } = dyn
  const spMin = cutoff * surrogatePeak(mt)
  const { vRest, noiseScale, wJaw, jawGain } = mt
  const { delta, gzRing, spikeRing, spikeCount, activeRing, activeCount, slotTime, gVNext, latentAcc } = ws
  const { sp: spTr, eta: etaTr, resetAmt, sumGV, sumGVEta, gsRow, alphaRow, wJawRow } = ws
  // The backend's adjoint row when it has one (kernels.ts), else the js reference: same bits.
  const kAdjoint = k.adjointRow?.bind(k)
  const gVRest = grad.vRest
  const gWJaw = grad.wJaw
  const cellOff = local * T * n
  slotTime.fill(-0x7fffffff)
  gzRing.fill(0)
  gVNext.fill(0)
  sumGV.fill(0)
  sumGVEta.fill(0)
  ws.gBNext.fill(0)
  ws.gzB.fill(0)
  for (let i = 0; i < n; i++) resetAmt[i] = thr - vRest[i]
  wJawRow.set(wJaw)
  alphaRow.set(alpha)
  let rows = 0
  let gjNext = 0
  for (let t = T - 1; t >= 0; t--) {
    const slot = prepareSlot(ws, t, n, R, cellOff, spMin, k)
    const off = slot * n
    const o = cellOff + t * n
    spikeGradRow(gradSpikes, index, t, T, n, gsRow)
    // Jaw (spec §2.7): out = gain·j + bias, j_t = αj·j_{t−1} + (1−αj)·½Σ w_jaw·z.
    const gout = gradJaw ? gradJaw[index * T + t] : 0
    const jt = ws.jaw[local * T + t]
    grad.jawAffine[0] += gout * jt
    grad.jawAffine[1] += gout
    const gj = jawGain * gout + alphaJaw * gjNext
    gjNext = gj
    const gr = (1 - alphaJaw) * gj * 0.5
    // Terms of the spiking neurons only, before gVNext moves on: the reset −(thr − v_rest)·z depends on v_rest,
    // and the jaw reads w_jaw·z.
    for (let q = 0; q < spikeCount[slot]; q++) {
      const i = spikeRing[off + q]
      gVRest[i] += alphaRow[i] * gVNext[i]
      gWJaw[i] += gr
    }
    // dL/dz_t = loss + recurrent (already in gzRing) + reset −(thr − v_rest)·z feeding V_{t+1} + jaw drive, then
    // dL/dV_t; dV_t/dv_rest = (1 − α) − η·s and dV_t/ds = η·(thr − v_rest) are constant factors applied once per
    // trial through the sums Σ gV and Σ gV·η.
    if (d.adaptive) adaptiveAdjointRow(mt, ws, off, o, gr)
    else if (kAdjoint)
      kAdjoint(n, gzRing, off, gsRow, resetAmt, alphaRow, gVNext, wJawRow, gr, spTr, etaTr, o, sumGV, sumGVEta, delta)
    else
      adjointRow(n, gzRing, off, gsRow, resetAmt, alphaRow, gVNext, wJawRow, gr, spTr, etaTr, o, sumGV, sumGVEta, delta)
    for (let g = 0; g < 2; g++) {
      const td = t - d.delays[g]
      if (td >= 0) {
        const s2 = prepareSlot(ws, td, n, R, cellOff, spMin, k)
        rows += activeCount[s2]
        adjointDots(k, mt, mt.wRec[g], gzRing, s2 * n, activeRing, s2 * n, activeCount[s2], delta)
        if (spikeCount[s2] > 0) k.addToRows(grad.wRec[g], spikeRing, s2 * n, spikeCount[s2], n, delta, 0)
      } else if (td >= -D) {
        // Presynaptic spikes from the warm-up still carry a weight gradient (their state has none).
        const pOff = (local * D + td + D) * n
        let c = 0
        for (let i = 0; i < n; i++) if (ws.pre[pOff + i]) ws.preList[c++] = i
        if (c > 0) k.addToRows(grad.wRec[g], ws.preList, 0, c, n, delta, 0)
      }
    }
    const iOff = (local * T + t) * nIn
    let nInSp = 0
    for (let c = 0; c < nIn; c++) if (ws.inputs[iOff + c]) ws.inList[nInSp++] = c
    if (nInSp > 0) k.addToRows(grad.wIn, ws.inList, 0, nInSp, n, delta, 0)
  }
  const gNoise = grad.noiseScale
  for (let i = 0; i < n; i++) {
    const oneMinusA = 1 - alpha[i]
    gVRest[i] += oneMinusA * sumGV[i] - noiseScale[i] * sumGVEta[i]
    gNoise[i] += resetAmt[i] * sumGVEta[i]
    // The latent offset o enters V as (1 − α)·o, like the input current (δ = (1 − α)·dL/dV).
    latentAcc[i] = oneMinusA * sumGV[i]
  }
  if (d.warmup === 0) {
    // Without warm-up the state starts at v = v_rest, so V_0 = α·v_rest + …
    for (let i = 0; i < n; i++) gVRest[i] += alpha[i] * gVNext[i]
  }
  for (let l = 0; l < L; l++) {
    const u = ws.latentU[local * L + l]
    const base = l * n
    for (let i = 0; i < n; i++) grad.latent[base + i] += u * latentAcc[i]
  }
  return rows
}

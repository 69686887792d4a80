// BPTT of one trial through the stored forward trace (spec §2.2): straight-through surrogate
// dz/dV = γ·c·T·σ(1−σ)/(thr − v_rest0), refractory steps blocked, reset by subtraction, two delays.
// Weight gradients are sparse outer products over presynaptic spikes (kernels.addToRows); the adjoint W·δ is
// computed only for presynaptic neurons whose surrogate derivative is ≥ cutoff × its peak (kernels.dotRows).
import type { FloatArray, Kernels } from '../kernels/kernels'
import type { ShardGrad } from './grads'
import type { ModelTensors } from './params'
import { REFRACTORY, SPIKE, type ShardWorkspace } from './trace'

/** Peak of the surrogate derivative dz/dV (at V = thr): γ·c·T/(4·(thr − v_rest0)). */
export function surrogatePeak(mt: ModelTensors): number {
  const { gamma, probScale, temperature, thr, vr0 } = mt.dyn
  return (gamma * probScale * temperature) / (4 * (thr - vr0))
}

/**
 * Accumulates dL/dθ of trial `local` into `grad`.
 * @param gradSpikes dL/dz, global B × T × N; trial `index` is read.
 * @param gradJaw dL/d(jaw output), global B × T, or null.
 * @param cutoff skip adjoint rows whose surrogate derivative < cutoff·peak (0 = exact).
 * @returns number of (neuron, step) adjoint rows computed (for the active-fraction report).
 */
export function backwardTrial(
  mt: ModelTensors,
  ws: ShardWorkspace,
  local: number,
  index: number,
  gradSpikes: FloatArray,
  gradJaw: FloatArray | null,
  grad: ShardGrad,
  k: Kernels,
  cutoff: number
): number {
  const { dims: d, dyn } = mt
  const { n, nIn, nBins: T, maxDelay: D, latentDim: L } = d
  const R = D + 1
  const { alpha, thr, vr0, temperature, probScale, gamma, alphaJaw } = dyn
  const uScale = temperature / (thr - vr0)
  const spScale = gamma * probScale * uScale
  const spMin = cutoff * surrogatePeak(mt)
  const { vRest, noiseScale, wJaw, jawGain } = mt
  const { delta, gzRing, spRing, spikeRing, spikeCount, activeRing, activeCount, slotTime, gVNext, latentAcc } = ws
  const cellOff = local * T * n
  const gsOff = index * T * n
  slotTime.fill(-0x7fffffff)
  gzRing.fill(0)
  gVNext.fill(0)
  latentAcc.fill(0)
  let rows = 0

  /** Surrogate derivatives, active list and spike list of time t into its ring slot. */
  const prepare = (t: number): number => {
    const slot = t % R
    if (slotTime[slot] === t) return slot
    slotTime[slot] = t
    const off = slot * n
    const o = cellOff + t * n
    let na = 0
    let ns = 0
    for (let i = 0; i < n; i++) {
      const f = ws.flags[o + i]
      if (f & SPIKE) spikeRing[off + ns++] = i
      let sp = 0
      if (!(f & REFRACTORY)) {
        const sg = 1 / (1 + Math.exp(-uScale * (ws.v[o + i] - thr)))
        sp = spScale * sg * (1 - sg)
        if (sp > 0 && sp >= spMin) activeRing[off + na++] = i
      }
      spRing[off + i] = sp
    }
    activeCount[slot] = na
    spikeCount[slot] = ns
    return slot
  }

  let gjNext = 0
  for (let t = T - 1; t >= 0; t--) {
    const slot = prepare(t)
    const off = slot * n
    const o = cellOff + t * n
    // Jaw (spec §2.7): out = gain·j + bias, j_t = αj·j_{t−1} + (1−αj)·½Σ w_jaw·z.
    const gout = gradJaw ? gradJaw[index * T + t] : 0
    const jt = ws.jaw[local * T + t]
    grad.jawAffine[0] += gout * jt
    grad.jawAffine[1] += gout
    const gj = jawGain * gout + alphaJaw * gjNext
    gjNext = gj
    const gr = (1 - alphaJaw) * gj * 0.5
    for (let i = 0; i < n; i++) {
      const a = alpha[i]
      const vr = vRest[i]
      const gvn = gVNext[i]
      const z = ws.flags[o + i] & SPIKE
      // dL/dz_t: loss + recurrent (already in gzRing) + reset −(thr − v_rest)·z feeding V_{t+1} + jaw drive.
      const gz = gzRing[off + i] + gradSpikes[gsOff + t * n + i] - (thr - vr) * a * gvn + gr * wJaw[i]
      gzRing[off + i] = 0
      if (z) {
        grad.vRest[i] += a * gvn // reset term −(thr − v_rest)·z depends on v_rest
        grad.wJaw[i] += gr
      }
      const gV = a * gvn + spRing[off + i] * gz
      const eta = ws.eta[o + i]
      grad.vRest[i] += gV * ((1 - a) - eta * noiseScale[i])
      grad.noiseScale[i] += gV * eta * (thr - vr)
      const dl = (1 - a) * gV
      delta[i] = dl
      latentAcc[i] += dl
      gVNext[i] = gV
    }
    for (let g = 0; g < 2; g++) {
      const td = t - d.delays[g]
      if (td >= 0) {
        const s2 = prepare(td)
        rows += activeCount[s2]
        k.dotRows(gzRing, s2 * n, mt.wRec[g], activeRing, s2 * n, activeCount[s2], n, delta, 0)
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
  if (d.warmup === 0) {
    // Without warm-up the state starts at v = v_rest, so V_0 = α·v_rest + …
    for (let i = 0; i < n; i++) grad.vRest[i] += alpha[i] * gVNext[i]
  }
  for (let l = 0; l < L; l++) {
    const u = ws.latentU[local * L + l]
    const base = l * n
    for (let i = 0; i < n; i++) grad.latent[base + i] += u * latentAcc[i]
  }
  return rows
}

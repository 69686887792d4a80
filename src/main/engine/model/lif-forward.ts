// Event-driven LIF forward of one trial (spec §2.2–§2.7): warm-up without trace, then T recorded steps.
// Each spike adds its row of the effective weights (kernels.addRows); the per-neuron work of a step is one fused
// pass over typed arrays (membrane, noise, Bernoulli draw, refractoriness, reset) on draws made a row at a time.
// Only what the backward needs is kept: surrogate derivative, noise and flags.
import { membraneRow } from '../kernels/js'
import { spikeStep } from '../kernels/spike-step'
import type { Kernels } from '../kernels/kernels'
import type { Rng } from '../rng'
import { fastExp } from '../fast-exp'
import { fillNormal4, seedNormal4 } from '../normal4'
import { adaptiveStep } from './adaptation'
import { addLight, type LightPlan } from '../perturb/light'
import { drawTrialInputs, drawWarmupInputs } from './input'
import type { ModelTensors } from './params'
import { tallyStep, type SpikeTally } from '../spike-tally'
import type { ShardWorkspace } from './trace'

/**
 * Where a trial's outputs go: global B × T × N spikes (0/1) and B × T jaw, at trial index `index`; spike counts
 * into `tally` (its groupSum rows of this trial are overwritten, colSum — this thread's partial — is added to).
 */
export interface TrialOutput {
  spikes: Float32Array | null
  jaw: Float32Array | null
  index: number
  tally?: SpikeTally | null
}

/**
 * Simulates one trial into workspace slot `local`. Random draws, in this order, all from `rng`: latent u (L),
 * warm-up inputs, trial inputs, 16 words seeding the 4-lane noise generator (normal4.ts), then per step N
 * uniforms (spikes); the N normals of each step's noise come from the 4-lane generator (fillNormal4).
 * @param stimulus stimulus amplitude s ≥ 0 (0 = no stimulus)
 * @param light in-silico optogenetics: currents added to the synaptic current of recorded steps. It changes no
 *   draw (the draws above never depend on the state), so a trial with and without light shares its noise.
 * @returns number of spikes in the T recorded steps
 */
export function forwardTrial(
  mt: ModelTensors,
  ws: ShardWorkspace,
  local: number,
  stimulus: number,
  rng: Rng,
  k: Kernels,
  out: TrialOutput,
  light: LightPlan | null = null
): number {
  const { dims: d, dyn } = mt
  const { n, nIn, nBins: T, warmup: W, latentDim: L, maxDelay: D, nRef } = d
  const R = D + 1
  const { alpha, thr, vr0, temperature, probScale, gamma, noiseStd, alphaJaw } = dyn
  const uScale = temperature / (thr - vr0)
  const spScale = gamma * probScale * uScale
  const lnC = Math.log(probScale)
  const { vRest, noiseScale, wJaw } = mt
  const { cur, spikeRing, spikeCount, inList, vState, ref, offset, noiseRow, uniRow, drive, noiseGain, vRow, sgRow } =
    ws
  const { sp: spTr, eta: etaTr, flags: flagTr, alphaRow } = ws
  // The backend's fused membrane row and spike step when it has them (kernels.ts), else the js references: same bits.
  const kRow = k.membraneRow?.bind(k)
  const kStep = k.spikeStep?.bind(k)
  const { resetAmt } = ws
  // The backend's 4-lane normals (kernels.ts) when it has them, else the reference: same bits.
  const kNormal = k.fillNormal4?.bind(k) ?? fillNormal4
  const { normalState } = ws
  alphaRow.set(alpha)
  // Latent offset o = u·Θ (spec §2.6), drawn at the start of the warm-up and kept for the trial.
  offset.fill(0)
  for (let l = 0; l < L; l++) {
    const u = rng.uniform() - 0.5
    ws.latentU[local * L + l] = u
    const base = l * n
    for (let i = 0; i < n; i++) offset[i] += u * mt.latent[base + i]
  }
  // V = α·v + (1 − α)·(I + o + v_rest) + η·s·(thr − v_rest): the I-free terms are fixed for the trial.
  for (let i = 0; i < n; i++) {
    const vr = vRest[i]
    drive[i] = (1 - alpha[i]) * (offset[i] + vr)
    noiseGain[i] = noiseScale[i] * (thr - vr)
    resetAmt[i] = thr - vr
    vState[i] = vr
  }
  drawWarmupInputs(ws.warmInputs, d, dyn, rng)
  const inOff = local * T * nIn
  drawTrialInputs(ws.inputs, inOff, d, dyn, d.nStim, stimulus, rng)
  seedNormal4(normalState, rng)
  ref.fill(0)
  ws.bState.fill(0)
  spikeCount.fill(0)
  ws.pre.fill(0, local * D * n, (local + 1) * D * n)
  let jaw = 0
  let total = 0
  const cellOff = local * T * n
  if (out.spikes) out.spikes.fill(0, out.index * T * n, (out.index + 1) * T * n)
  const tally = out.tally ?? null
  if (tally) tally.groupSum.fill(0, out.index * T * tally.groups, (out.index + 1) * T * tally.groups)
  for (let s = 0; s < W + T; s++) {
    const t = s - W
    cur.fill(0)
    for (let g = 0; g < 2; g++) {
      const sd = s - d.delays[g]
      if (sd < 0) continue
      const slot = sd % R
      k.addRows(cur, 0, mt.wRec[g], spikeRing, slot * n, spikeCount[slot], n)
    }
    const raster = t < 0 ? ws.warmInputs : ws.inputs
    const rOff = t < 0 ? s * nIn : inOff + t * nIn
    let nInSp = 0
    for (let c = 0; c < nIn; c++) if (raster[rOff + c]) inList[nInSp++] = c
    if (nInSp > 0) k.addRows(cur, 0, mt.wIn, inList, 0, nInSp, n)
    if (light && t >= 0 && light.groups.length > 0) addLight(cur, light, t)
    kNormal(normalState, noiseRow, n, noiseStd)
    rng.fillUniform(uniRow, 0, n)
    const listOff = (s % R) * n
    const o = cellOff + t * n
    let cnt = 0
    if (d.adaptive) {
      cnt = adaptiveStep(mt, ws, listOff, t >= 0 ? o : -1)
    } else if (t >= 0) {
      // Pass 1, branch-free: pre-reset voltage and σ(x) of every neuron (the exp pipelines across neurons).
      // A direct call to the reference lets the JIT inline it (through a variable it cost ~7 %).
      if (kRow) kRow(n, alphaRow, vState, cur, drive, noiseRow, noiseGain, uScale, thr, vRow, sgRow)
      else membraneRow(n, alphaRow, vState, cur, drive, noiseRow, noiseGain, uScale, thr, vRow, sgRow)
      // Pass 2: refractoriness, Bernoulli draw, reset; p = c·σ(x), dz/dV = γ·c·(T/(thr − v_rest0))·σ(1 − σ).
      if (kStep)
        cnt = kStep(
          n,
          vRow,
          sgRow,
          uniRow,
          ref,
          resetAmt,
          vState,
          nRef,
          spScale,
          probScale,
          noiseRow,
          spTr,
          etaTr,
          flagTr,
          o,
          spikeRing,
          listOff
        )
      else
        cnt = spikeStep(
          n,
          vRow,
          sgRow,
          uniRow,
          ref,
          resetAmt,
          vState,
          nRef,
          spScale,
          probScale,
          noiseRow,
          spTr,
          etaTr,
          flagTr,
          o,
          spikeRing,
          listOff
        )
    } else {
      // Warm-up: the same dynamics, draws and decisions, nothing recorded, and no surrogate needed, so the exp
      // is skipped wherever the draw already rules a spike out: c·σ(x) < c·e^x ≤ 2^(−1−clz32(u)) ≤ U for
      // x ≤ (−1 − clz32(u))·ln2 − ln c (u = U·2^32; the 1e-9 margin covers rounding). Exact: same spikes.
      for (let i = 0; i < n; i++) {
        const a = alpha[i]
        const V = a * vState[i] + (1 - a) * cur[i] + drive[i] + noiseRow[i] * noiseGain[i]
        let v = V
        if (ref[i] > 0) {
          ref[i]--
        } else {
          const U = uniRow[i]
          const x = uScale * (V - thr)
          if (
            (U === 0 || x > (-1 - Math.clz32(U * 4294967296)) * Math.LN2 - lnC - 1e-9) &&
            U < probScale * (1 / (1 + fastExp(-uScale * (V - thr))))
          ) {
            ref[i] = nRef
            spikeRing[listOff + cnt++] = i
            v = V - (thr - vRest[i])
          }
        }
        vState[i] = v
      }
    }
    spikeCount[s % R] = cnt
    let r = 0
    for (let q = 0; q < cnt; q++) r += wJaw[spikeRing[listOff + q]]
    jaw = alphaJaw * jaw + (1 - alphaJaw) * 0.5 * r
    if (t < 0) {
      if (t >= -D) for (let q = 0; q < cnt; q++) ws.pre[(local * D + t + D) * n + spikeRing[listOff + q]] = 1
      continue
    }
    total += cnt
    ws.jaw[local * T + t] = jaw
    if (out.jaw) out.jaw[out.index * T + t] = mt.jawGain * jaw + mt.jawBias
    if (out.spikes) {
      const so = (out.index * T + t) * n
      for (let q = 0; q < cnt; q++) out.spikes[so + spikeRing[listOff + q]] = 1
    }
    if (tally) tallyStep(tally, tally.colSum, tally.groupSum, out.index, t, T, n, spikeRing, listOff, cnt)
  }
  return total
}

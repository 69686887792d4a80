// BPTT vs central finite differences of an independent, surrogate-relaxed dense forward (float64 kernels),
// for every parameter group; and the error introduced by skipping adjoint rows below the surrogate cutoff.
import { describe, expect, it } from 'vitest'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { blockCount, GradPool } from '../../../src/main/engine/model/grad-tree'
import { finalizeGrad } from '../../../src/main/engine/model/grads'
import { initParams } from '../../../src/main/engine/model/init'
import { buildLayout } from '../../../src/main/engine/model/layout'
import {
  allocModelTensors,
  buildDims,
  cloneParams,
  PARAM_NAMES,
  refreshModelTensors,
  type ParamName,
  type ParamSet
} from '../../../src/main/engine/model/params'
import { backwardNode, forwardShard } from '../../../src/main/engine/model/shard'
import { allocWorkspace } from '../../../src/main/engine/model/trace'
import { Rng } from '../../../src/main/engine/rng'
import { relaxedTrial, type Frozen } from '../helpers/relaxed-lif'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

const B = 3
const k = createJsKernels('f64')

function setup(warmupMs: number) {
  const data = tinyData({ withJaw: true, nBins: 40 })
  const cfg = tinyConfig({ model: { warmupMs, inputRateHz: 150, latentDim: 2, noiseLevel: 0.1 } })
  const layout = buildLayout(data, cfg.model)
  const { dims, dyn } = buildDims(cfg.model, layout, data.dt, data.nBins, data.stimBin)
  const params = initParams(layout, dims, new Rng(1, 5), cfg.model.threshold, cfg.model.vRest, 'f64')
  // Livelier than the default init so every group carries a visible gradient: stronger input, some
  // inter-area excitation (starts at 0 by design), noise scales and jaw gain away from their defaults.
  for (let q = 0; q < params.w_in.length; q++) params.w_in[q] *= 6
  const n = dims.n
  for (let j = 0; j < layout.nE; j++) {
    for (let i = 0; i < n; i++) if (layout.recMask[j * n + i] && params.w_rec_d1[j * n + i] === 0) params.w_rec_d1[j * n + i] = 0.05
  }
  for (let i = 0; i < n; i++) params.noise_scale[i] = 0.7 + 0.05 * i
  params.jaw_affine[1] = 0.3
  const mt = allocModelTensors(dims, dyn, layout.motor, k)
  refreshModelTensors(mt, params)
  const ws = allocWorkspace(dims, B, k)
  const T = dims.nBins
  const spikes = new Float32Array(B * T * n)
  const jaw = new Float32Array(B * T)
  forwardShard(mt, ws, { key: [3, 1, 0], stimulus: Float32Array.from([4, 0, 2]) }, 0, B, k, { spikes, jaw })
  const frozen: Frozen[] = []
  const L = dims.latentDim
  for (let b = 0; b < B; b++) {
    frozen.push({
      flags: ws.flags.slice(b * T * n, (b + 1) * T * n),
      inputs: ws.inputs.slice(b * T * dims.nIn, (b + 1) * T * dims.nIn),
      eta: Float64Array.from(ws.eta.subarray(b * T * n, (b + 1) * T * n)),
      latentU: ws.latentU.slice(b * L, (b + 1) * L),
      pHat: null
    })
  }
  const rng = new Rng(11)
  const w1 = Float64Array.from({ length: B * T * n }, () => rng.normal())
  const w2 = Float64Array.from({ length: B * T * n }, () => rng.normal())
  const w3 = Float64Array.from({ length: B * T }, () => rng.normal())
  const w4 = Float64Array.from({ length: B * T }, () => rng.normal())
  const loss = (p: ParamSet): number => {
    let s = 0
    for (let b = 0; b < B; b++) {
      const r = relaxedTrial(p, dims, dyn, frozen[b])
      for (let q = 0; q < T * n; q++) s += w1[b * T * n + q] * r.z[q] + 0.5 * w2[b * T * n + q] * r.z[q] * r.z[q]
      for (let t = 0; t < T; t++) s += w3[b * T + t] * r.jaw[t] + 0.5 * w4[b * T + t] * r.jaw[t] * r.jaw[t]
    }
    return s
  }
  return { data, layout, dims, dyn, params, mt, ws, spikes, jaw, frozen, w1, w2, w3, w4, loss, T, n }
}

function bptt(s: ReturnType<typeof setup>, cutoff: number) {
  const { dims, T, n } = s
  const gs = new Float64Array(B * T * n)
  const gj = new Float64Array(B * T)
  for (let b = 0; b < B; b++) {
    const r = relaxedTrial(s.params, dims, s.dyn, s.frozen[b])
    for (let q = 0; q < T * n; q++) gs[b * T * n + q] = s.w1[b * T * n + q] + s.w2[b * T * n + q] * r.z[q]
    for (let t = 0; t < T; t++) gj[b * T + t] = s.w3[b * T + t] + s.w4[b * T + t] * r.jaw[t]
  }
  const pool = new GradPool(dims, k)
  const { grad, rows } = backwardNode(s.mt, s.ws, 0, B, 0, blockCount(B), gs, gj, cutoff, pool, k)
  return { g: finalizeGrad(grad, s.layout, dims, true, 'f64'), rows }
}

/** Up to `count` entries of a group with a non-negligible finite-difference gradient candidate. */
function pickEntries(s: ReturnType<typeof setup>, name: ParamName, count: number): number[] {
  const rng = new Rng(5, name.length)
  const len = s.params[name].length
  const out: number[] = []
  const n = s.n
  for (let tries = 0; out.length < count && tries < 50 * count; tries++) {
    const q = rng.int(len)
    if ((name === 'w_rec_d0' || name === 'w_rec_d1') && !s.layout.recMask[q]) continue
    if (name === 'w_jaw' && !s.layout.motor.includes(q % n)) continue
    if (!out.includes(q)) out.push(q)
  }
  return out
}

describe('BPTT gradient vs finite differences (float64, frozen draws, relaxed spikes)', () => {
  const s = setup(0)

  it('the relaxed reference reproduces the product forward at the unperturbed parameters', () => {
    const uScale = s.dyn.temperature / (s.dyn.thr - s.dyn.vr0)
    const spScale = s.dyn.gamma * s.dyn.probScale * uScale
    for (let b = 0; b < B; b++) {
      const r = relaxedTrial(s.params, s.dims, s.dyn, s.frozen[b])
      for (let q = 0; q < s.T * s.n; q++) {
        expect(r.z[q]).toBe(s.spikes[b * s.T * s.n + q])
        // The trace keeps the surrogate derivative at V (0 when refractory) rather than V itself.
        const sg = 1 / (1 + Math.exp(-uScale * (r.v[q] - s.dyn.thr)))
        const sp = s.frozen[b].flags[q] & 2 ? 0 : spScale * sg * (1 - sg)
        expect(Math.abs(sp - s.ws.sp[b * s.T * s.n + q])).toBeLessThan(1e-10)
      }
      for (let t = 0; t < s.T; t++) expect(Math.abs(r.jaw[t] - s.jaw[b * s.T + t])).toBeLessThan(1e-5)
    }
    let total = 0
    for (let q = 0; q < s.spikes.length; q++) total += s.spikes[q]
    expect(total).toBeGreaterThan(20) // the check needs spikes to be meaningful
  })

  const { g } = bptt(s, 0)
  it.each(PARAM_NAMES.map((n) => [n]))('%s: relative error ≤ 1e-6', (name) => {
    const idx = pickEntries(s, name as ParamName, name === 'jaw_affine' ? 2 : 10)
    const h = 1e-6
    let num = 0
    let den = 0
    for (const q of idx) {
      const plus = cloneParams(s.params)
      const minus = cloneParams(s.params)
      plus[name as ParamName][q] += h
      minus[name as ParamName][q] -= h
      const fd = (s.loss(plus) - s.loss(minus)) / (2 * h)
      const an = g[name as ParamName][q]
      num += (fd - an) ** 2
      den += fd * fd
    }
    expect(den).toBeGreaterThan(1e-8) // a group with no gradient would make the check vacuous
    expect(Math.sqrt(num / den)).toBeLessThan(1e-6)
  })

  it('skipping adjoint rows below cutoff × peak changes the gradient by a bounded, shrinking amount', () => {
    const exact = g
    const errs: number[] = []
    const fracs: number[] = []
    for (const cutoff of [1e-2, 1e-3, 1e-4]) {
      const { g: approx, rows } = bptt(s, cutoff)
      fracs.push(rows)
      let num = 0
      let den = 0
      for (const name of PARAM_NAMES) {
        for (let q = 0; q < exact[name].length; q++) {
          num += (approx[name][q] - exact[name][q]) ** 2
          den += exact[name][q] ** 2
        }
      }
      errs.push(Math.sqrt(num / den))
    }
    // Measured here: 1.2e-3, 4.0e-4, 6.0e-5 relative (all groups); bound at 10 × cutoff.
    expect(errs[0]).toBeLessThan(1e-1)
    expect(errs[1]).toBeLessThan(1e-2)
    expect(errs[2]).toBeLessThan(1e-3)
    expect(errs[2]).toBeLessThanOrEqual(errs[0])
    expect(fracs[0]).toBeLessThan(fracs[2]) // a larger cutoff skips more rows
  })
})

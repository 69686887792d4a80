// Spike-frequency adaptation (adaptive threshold A = thr + β·b, spec §2.2 step 1): the product forward against the
// independent relaxed float64 reference, BPTT against central finite differences for every parameter group, and
// the adaptation visibly changing both the spikes and the gradient.
import { describe, expect, it } from 'vitest'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { blockCount, GradPool } from '../../../src/main/engine/model/grad-tree'
import { finalizeGrad } from '../../../src/main/engine/model/grads'
import { initParams } from '../../../src/main/engine/model/init'
import { buildLayout } from '../../../src/main/engine/model/layout'
import {
  adaptationStrengths,
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

/** A lively tiny network, half of its neurons adaptive (or none), its product forward and a frozen copy of its draws. */
function setup(adaptiveFraction: number) {
  const data = tinyData({ withJaw: true, nBins: 40 })
  const cfg = tinyConfig({
    model: { warmupMs: 0, inputRateHz: 150, latentDim: 2, noiseLevel: 0.1, adaptiveFraction, adaptationBeta: 3, tauAdaptationMs: 20 }
  })
  const layout = buildLayout(data, cfg.model)
  const { dims, dyn } = buildDims(cfg.model, layout, data.dt, data.nBins, data.stimBin)
  const params = initParams(layout, dims, new Rng(1, 5), cfg.model.threshold, cfg.model.vRest, 'f64')
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
  for (let b = 0; b < B; b++) {
    frozen.push({
      flags: ws.flags.slice(b * T * n, (b + 1) * T * n),
      inputs: ws.inputs.slice(b * T * dims.nIn, (b + 1) * T * dims.nIn),
      eta: Float64Array.from(ws.eta.subarray(b * T * n, (b + 1) * T * n)),
      latentU: ws.latentU.slice(b * dims.latentDim, (b + 1) * dims.latentDim),
      pHat: null
    })
  }
  const rng = new Rng(11)
  const w1 = Float64Array.from({ length: B * T * n }, () => rng.normal())
  const w3 = Float64Array.from({ length: B * T }, () => rng.normal())
  const loss = (p: ParamSet): number => {
    let s = 0
    for (let b = 0; b < B; b++) {
      const r = relaxedTrial(p, dims, dyn, frozen[b])
      for (let q = 0; q < T * n; q++) s += w1[b * T * n + q] * r.z[q] + 0.5 * r.z[q] * r.z[q]
      for (let t = 0; t < T; t++) s += w3[b * T + t] * r.jaw[t]
    }
    return s
  }
  const bptt = (): Record<ParamName, Float64Array> => {
    const gs = new Float64Array(B * T * n)
    for (let b = 0; b < B; b++) {
      const r = relaxedTrial(params, dims, dyn, frozen[b])
      for (let q = 0; q < T * n; q++) gs[b * T * n + q] = w1[b * T * n + q] + r.z[q]
    }
    const { grad } = backwardNode(mt, ws, 0, B, 0, blockCount(B), gs, Float64Array.from(w3), 0, new GradPool(dims, k), k)
    return finalizeGrad(grad, layout, dims, true, 'f64') as Record<ParamName, Float64Array>
  }
  return { layout, dims, dyn, params, ws, spikes, frozen, loss, bptt, T, n }
}

describe('spike-frequency adaptation', () => {
  const s = setup(0.5)

  it('spreads β evenly over round(fraction·n) neurons, and none at fraction 0', () => {
    expect(Array.from(adaptationStrengths(6, 0.5, 2) ?? [])).toEqual([0, 2, 0, 2, 0, 2])
    expect(Array.from(adaptationStrengths(4, 0.25, 1) ?? [])).toEqual([0, 0, 0, 1])
    expect(adaptationStrengths(6, 0, 2)).toBeNull()
    expect(s.dims.adaptive).toBe(true)
    expect(setup(0).dims.adaptive).toBe(false)
  })

  it('the relaxed reference reproduces the product forward, thresholds included', () => {
    const { dyn, dims, T, n } = s
    let raised = 0
    for (let b = 0; b < B; b++) {
      const r = relaxedTrial(s.params, dims, dyn, s.frozen[b])
      for (let q = 0; q < T * n; q++) expect(r.z[q]).toBe(s.spikes[b * T * n + q])
      for (let q = 0; q < T * n; q++) if ((s.ws.thrA as Float64Array)[b * T * n + q] > dyn.thr + 1e-6) raised++
    }
    expect(raised).toBeGreaterThan(20) // the thresholds do move
  })

  it('changes the spikes compared with the same network without adaptation', () => {
    const fixed = setup(0)
    expect(Array.from(fixed.spikes)).not.toEqual(Array.from(s.spikes))
  })

  const g = s.bptt()
  it.each(PARAM_NAMES.map((name) => [name]))('%s: BPTT matches central differences (relative error ≤ 1e-6)', (name) => {
    const key = name as ParamName
    const rng = new Rng(5, name.length)
    const len = s.params[key].length
    const idx: number[] = []
    for (let tries = 0; idx.length < (key === 'jaw_affine' ? 2 : 10) && tries < 500; tries++) {
      const q = rng.int(len)
      if ((key === 'w_rec_d0' || key === 'w_rec_d1') && !s.layout.recMask[q]) continue
      if (key === 'w_jaw' && !s.layout.motor.includes(q % s.n)) continue
      if (!idx.includes(q)) idx.push(q)
    }
    const h = 1e-6
    let num = 0
    let den = 0
    for (const q of idx) {
      const plus = cloneParams(s.params)
      const minus = cloneParams(s.params)
      plus[key][q] += h
      minus[key][q] -= h
      const fd = (s.loss(plus) - s.loss(minus)) / (2 * h)
      num += (fd - g[key][q]) ** 2
      den += fd * fd
    }
    expect(den).toBeGreaterThan(1e-8)
    expect(Math.sqrt(num / den)).toBeLessThan(1e-6)
  })

  it('gives a gradient that differs from the fixed-threshold one (the adaptive paths matter)', () => {
    // Same network and draws, adaptation switched off in the backward only: the gradient must move visibly.
    const beta = s.dyn.beta
    const saved = s.ws.thrA
    s.dyn.beta = new Float64Array(s.n)
    const without = s.bptt()
    s.dyn.beta = beta
    s.ws.thrA = saved
    let num = 0
    let den = 0
    for (const name of PARAM_NAMES) {
      for (let q = 0; q < g[name].length; q++) {
        num += (without[name][q] - g[name][q]) ** 2
        den += g[name][q] ** 2
      }
    }
    expect(Math.sqrt(num / den)).toBeGreaterThan(1e-3)
  })
})

// A tiny network made lively enough that every parameter group carries a visible gradient, simulated once by the
// product forward (js float64 kernels), with its random draws frozen for the relaxed reference (relaxed-lif.ts).
// Shared by the BPTT-vs-finite-difference tests.
import type { ModelConfig } from '@shared/domain/model-config'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { initParams } from '../../../src/main/engine/model/init'
import { buildLayout } from '../../../src/main/engine/model/layout'
import {
  allocModelTensors,
  buildDims,
  cloneParams,
  refreshModelTensors,
  type ParamName,
  type ParamSet
} from '../../../src/main/engine/model/params'
import { forwardShard } from '../../../src/main/engine/model/shard'
import { allocWorkspace } from '../../../src/main/engine/model/trace'
import { Rng } from '../../../src/main/engine/rng'
import type { Frozen } from './relaxed-lif'
import { tinyConfig, tinyData } from './tiny-data'

export const kernelsF64 = createJsKernels('f64')

/** B trials (stimuli 4, 0, 2, …) of the tiny two-area network with `model` settings on top of the lively ones. */
export function livelyNetwork(B: number, model: Partial<ModelConfig>) {
  const k = kernelsF64
  const data = tinyData({ withJaw: true, nBins: 40 })
  const cfg = tinyConfig({ model: { inputRateHz: 150, latentDim: 2, noiseLevel: 0.1, ...model } })
  const layout = buildLayout(data, cfg.model)
  const { dims, dyn } = buildDims(cfg.model, layout, data.dt, data.nBins, data.stimBin)
  const params = initParams(layout, dims, new Rng(1, 5), cfg.model.threshold, cfg.model.vRest, 'f64')
  // Livelier than the default init: stronger input, some inter-area excitation (starts at 0 by design), noise
  // scales and jaw gain away from their defaults.
  for (let q = 0; q < params.w_in.length; q++) params.w_in[q] *= 6
  const n = dims.n
  for (let j = 0; j < layout.nE; j++) {
    for (let i = 0; i < n; i++)
      if (layout.recMask[j * n + i] && params.w_rec_d1[j * n + i] === 0) params.w_rec_d1[j * n + i] = 0.05
  }
  for (let i = 0; i < n; i++) params.noise_scale[i] = 0.7 + 0.05 * i
  params.jaw_affine[1] = 0.3
  const mt = allocModelTensors(dims, dyn, layout.motor, k)
  refreshModelTensors(mt, params)
  const ws = allocWorkspace(dims, B, k)
  const T = dims.nBins
  const spikes = new Float32Array(B * T * n)
  const jaw = new Float32Array(B * T)
  const stimulus = Float32Array.from({ length: B }, (_, b) => [4, 0, 2][b % 3])
  forwardShard(mt, ws, { key: [3, 1, 0], stimulus }, 0, B, k, { spikes, jaw })
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
  return { data, layout, dims, dyn, params, mt, ws, spikes, jaw, frozen, T, n }
}

/** Up to `count` entries of a parameter group, drawn reproducibly, skipping masked weights and non-motor jaw weights. */
export function pickEntries(net: ReturnType<typeof livelyNetwork>, name: ParamName, count: number): number[] {
  const rng = new Rng(5, name.length)
  const len = net.params[name].length
  const out: number[] = []
  for (let tries = 0; out.length < count && tries < 50 * count; tries++) {
    const q = rng.int(len)
    if ((name === 'w_rec_d0' || name === 'w_rec_d1') && !net.layout.recMask[q]) continue
    if (name === 'w_jaw' && !net.layout.motor.includes(q % net.n)) continue
    if (!out.includes(q)) out.push(q)
  }
  return out
}

/**
 * Relative error ‖fd − g‖/‖fd‖ over entries `idx` of group `name`, fd by central differences (step h) of `loss`;
 * also returns ‖fd‖² so that a caller can refuse a vacuous check.
 */
export function finiteDifferenceError(
  params: ParamSet,
  loss: (p: ParamSet) => number,
  grad: ParamSet,
  name: ParamName,
  idx: number[],
  h = 1e-6
): { relError: number; fdNormSq: number } {
  let num = 0
  let den = 0
  for (const q of idx) {
    const plus = cloneParams(params)
    const minus = cloneParams(params)
    plus[name][q] += h
    minus[name][q] -= h
    const fd = (loss(plus) - loss(minus)) / (2 * h)
    num += (fd - grad[name][q]) ** 2
    den += fd * fd
  }
  return { relError: Math.sqrt(num / den), fdNormSq: den }
}

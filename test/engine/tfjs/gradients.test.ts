// Hand-written BPTT (model/lif-backward.ts, float64 kernels) against tfjs autodiff of the same network
// (tfjs-model/, float32) on a frozen trace: relative L2 error ≤ 1e-5 for every parameter group.
import { describe, expect, it } from 'vitest'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { loadTfjs } from '../../../src/main/engine/kernels/tfjs'
import { allocGrad, finalizeGrad } from '../../../src/main/engine/model/grads'
import { allocModelTensors, PARAM_NAMES, refreshModelTensors } from '../../../src/main/engine/model/params'
import { forwardShard } from '../../../src/main/engine/model/shard'
import { backwardTrial } from '../../../src/main/engine/model/lif-backward'
import { allocWorkspace } from '../../../src/main/engine/model/trace'
import { setupFit } from '../../../src/main/engine/train/setup'
import { frozenTraceFromWorkspace } from '../../../src/main/engine/tfjs-model/frozen-trace'
import { tfjsGradients } from '../../../src/main/engine/tfjs-model/lif-model'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0
  let den = 0
  for (let q = 0; q < a.length; q++) {
    num += (a[q] - b[q]) ** 2
    den += a[q] ** 2
  }
  return Math.sqrt(num / Math.max(den, 1e-300))
}

async function compare(backend: 'cpu' | 'wasm'): Promise<void> {
  const { tf } = await loadTfjs(backend)
  const data = tinyData({ withJaw: true, nBins: 24, unitsPerArea: 3 })
  // Warm-up 0 (the replay starts from v = v_rest); a strong input drive and high temperature make both
  // spikes and refractory steps frequent; latent offsets and trained noise scale on.
  const cfg = tinyConfig({ model: { warmupMs: 0, inputRateHz: 150, latentDim: 3, motorAreas: ['A2'] } })
  const s = setupFit(data, cfg)
  // Make every parameter group matter: non-zero jaw weights on motor neurons, jaw gain, noise scale ≠ 1.
  for (const i of s.layout.motor) s.params.w_jaw[i] = 0.3 + 0.01 * i
  s.params.jaw_affine[0] = 1.3
  s.params.jaw_affine[1] = 0.2
  for (let i = 0; i < s.dims.n; i++) s.params.noise_scale[i] = 0.8 + 0.02 * i
  for (let q = 0; q < s.params.latent.length; q++) s.params.latent[q] = 0.05 * Math.sin(q)

  const k = createJsKernels('f64')
  const mt = allocModelTensors(s.dims, s.dyn, s.layout.motor, k)
  refreshModelTensors(mt, s.params)
  const B = 5
  const T = s.dims.nBins
  const ws = allocWorkspace(s.dims, B, k)
  const out = { spikes: new Float32Array(B * T * s.dims.n), jaw: new Float32Array(B * T) }
  forwardShard(mt, ws, { key: [3, 1, 4], stimulus: Float32Array.from([4, 0, 4, 2, 0]) }, 0, B, k, out)
  // A fixed linear loss in z and jaw: its gradient is exactly (gradSpikes, gradJaw).
  const gradSpikes = Float32Array.from({ length: B * T * s.dims.n }, (_, q) => Math.sin(0.37 * q))
  const gradJaw = Float32Array.from({ length: B * T }, (_, q) => Math.cos(0.91 * q))
  const g = allocGrad(s.dims, k)
  for (let b = 0; b < B; b++) backwardTrial(mt, ws, b, b, gradSpikes, gradJaw, g, k, 0)
  const hand = finalizeGrad(g, s.layout, s.dims, true, 'f64')

  const trace = frozenTraceFromWorkspace(ws, s.dims, B)
  let spikes = 0
  let refractory = 0
  for (let q = 0; q < trace.spikes.length; q++) {
    spikes += trace.spikes[q]
    refractory += trace.refractory[q]
  }
  expect(spikes).toBeGreaterThan(20)
  expect(refractory).toBeGreaterThan(20)
  const ref = tfjsGradients(tf, {
    dims: s.dims,
    dyn: s.dyn,
    params: s.params,
    recMask: s.layout.recMask,
    motor: s.layout.motor,
    trace,
    gradSpikes,
    gradJaw
  })
  // The replay reproduces the engine's forward (jaw output from the same spikes).
  expect(relErr(out.jaw, ref.jaw)).toBeLessThan(1e-5)
  for (const name of PARAM_NAMES) {
    const h = hand[name]
    let norm = 0
    for (let q = 0; q < h.length; q++) norm += h[q] * h[q]
    expect(norm, `${name} gradient is non-zero`).toBeGreaterThan(0)
    expect(relErr(h, ref.grads[name]), name).toBeLessThanOrEqual(1e-5)
  }
}

describe('hand-written BPTT vs tfjs autodiff (frozen trace)', () => {
  it('agree on the cpu backend', async () => {
    await compare('cpu')
  })
  it('agree on the wasm backend', async () => {
    await compare('wasm')
  })
})

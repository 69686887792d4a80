// AdamW against a hand-computed update (PyTorch semantics: decoupled decay, bias correction).
import { describe, expect, it } from 'vitest'
import { adamStep, createAdamState } from '../../../src/main/engine/optim/adam'
import { allocParams, PARAM_NAMES, type Dims } from '../../../src/main/engine/model/params'

const dims: Dims = {
  n: 2,
  nE: 1,
  nIn: 1,
  nInE: 1,
  nStim: 1,
  nBins: 2,
  warmup: 0,
  latentDim: 1,
  delays: [1, 2],
  maxDelay: 2,
  nRef: 2,
  adaptive: false,
  nAreas: 1
}

describe('adamStep', () => {
  it('matches two hand-computed AdamW steps', () => {
    const p = allocParams(dims, 'f64')
    const g = allocParams(dims, 'f64')
    p.v_rest[0] = 1
    g.v_rest[0] = 0.5
    const s = createAdamState(p)
    const c = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 }
    adamStep(p, g, s, c)
    // Step 1: m̂ = g, v̂ = g², update = lr·sign(g) (+ eps); decay first.
    let w = 1 * (1 - 0.1 * 0.01) - (0.1 * 0.5) / (0.5 + 1e-8)
    expect(p.v_rest[0]).toBeCloseTo(w, 12)
    g.v_rest[0] = -1
    adamStep(p, g, s, c)
    const m = 0.9 * 0.05 + 0.1 * -1
    const v = 0.999 * 0.00025 + 0.001 * 1
    const mh = m / (1 - 0.81)
    const vh = v / (1 - 0.999 ** 2)
    w = w * (1 - 0.001) - (0.1 * mh) / (Math.sqrt(vh) + 1e-8)
    expect(p.v_rest[0]).toBeCloseTo(w, 6)
    expect(s.t).toBe(2)
  })

  it('leaves frozen groups untouched', () => {
    const p = allocParams(dims, 'f64')
    const g = allocParams(dims, 'f64')
    for (const k of PARAM_NAMES) g[k].fill(1)
    p.noise_scale.fill(1)
    adamStep(
      p,
      g,
      createAdamState(p),
      { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 },
      new Set(['noise_scale'])
    )
    expect(Array.from(p.noise_scale)).toEqual([1, 1])
    expect(p.v_rest[0]).toBeCloseTo(-0.1, 6)
  })
})

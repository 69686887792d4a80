// Spike-frequency adaptation (adaptive threshold A = thr + β·b, spec §2.2 step 1): the product forward against the
// independent relaxed float64 reference, BPTT against central finite differences for every parameter group, and
// the adaptation visibly changing both the spikes and the gradient.
import { describe, expect, it } from 'vitest'
import { blockCount, GradPool } from '../../../src/main/engine/model/grad-tree'
import { finalizeGrad } from '../../../src/main/engine/model/grads'
import { adaptationStrengths, PARAM_NAMES, type ParamName, type ParamSet } from '../../../src/main/engine/model/params'
import { backwardNode } from '../../../src/main/engine/model/shard'
import { Rng } from '../../../src/main/engine/rng'
import { finiteDifferenceError, kernelsF64, livelyNetwork, pickEntries } from '../helpers/lively-network'
import { relaxedTrial } from '../helpers/relaxed-lif'

const B = 3

/** The lively tiny network with a fraction of adaptive neurons (or none), and its BPTT of a fixed smooth loss. */
function setup(adaptiveFraction: number) {
  const net = livelyNetwork(B, { warmupMs: 0, adaptiveFraction, adaptationBeta: 3, tauAdaptationMs: 20 })
  const { dims, dyn, frozen, params, T, n } = net
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
  const bptt = (): ParamSet => {
    const gs = new Float64Array(B * T * n)
    for (let b = 0; b < B; b++) {
      const r = relaxedTrial(params, dims, dyn, frozen[b])
      for (let q = 0; q < T * n; q++) gs[b * T * n + q] = w1[b * T * n + q] + r.z[q]
    }
    const k = kernelsF64
    const { grad } = backwardNode(
      net.mt,
      net.ws,
      0,
      B,
      0,
      blockCount(B),
      gs,
      Float64Array.from(w3),
      0,
      new GradPool(dims, k),
      k
    )
    return finalizeGrad(grad, net.layout, dims, true, 'f64')
  }
  return { ...net, loss, bptt }
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
    const idx = pickEntries(s, key, key === 'jaw_affine' ? 2 : 10)
    const { relError, fdNormSq } = finiteDifferenceError(s.params, s.loss, g, key, idx)
    expect(fdNormSq).toBeGreaterThan(1e-8)
    expect(relError).toBeLessThan(1e-6)
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

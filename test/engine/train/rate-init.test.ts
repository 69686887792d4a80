// model.initRatesFromData: the resting potentials are moved so that simulated rates approach the recorded ones.
import { describe, expect, it } from 'vitest'
import { createTrainer } from '../../../src/main/engine'
import { buildLayout } from '../../../src/main/engine/model/layout'
import { stitchSessions } from '../../../src/main/engine/model/stitching'
import { PURPOSE, Rng } from '../../../src/main/engine/rng'
import { restGain, targetRates } from '../../../src/main/engine/train/rate-init'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

const T = 40
const data = tinyData({ nBins: T, trials: 20, unitsPerArea: 4, sessions: 2 })
// recorded rates per unit: 1 % of bins in area A1, 8 % in A2 (5 and 40 Hz at 2 ms)
const rng = new Rng(11, 1)
for (const s of data.sessions) {
  const U = s.unitArea.length
  for (let q = 0; q < s.spikes.length; q++)
    s.spikes[q] = rng.uniform() < (s.unitArea[q % U] === 0 ? 0.01 : 0.08) ? 1 : 0
}
const cfg = (init: boolean) =>
  tinyConfig({ model: { neuronsPerArea: 10, initRatesFromData: init }, optim: { batchSize: 16, seed: 2 } })

/** Mean |logit(model rate) − logit(target)| over the neurons with a target, from a 64-trial simulation. */
async function rateError(init: boolean): Promise<{ err: number; notes: readonly string[] }> {
  const c = cfg(init)
  const t = await createTrainer(data, c)
  const layout = buildLayout(data, c.model)
  const target = targetRates(data, stitchSessions(data, layout, new Rng(c.optim.seed, PURPOSE.stitching)), layout)
  const sim = await t.simulate(new Float32Array(64).fill(4), 5)
  const n = sim.nNeurons
  const rate = new Float64Array(n)
  for (let q = 0; q < sim.spikes.length; q++) rate[q % n] += sim.spikes[q]
  const logit = (p: number): number => Math.log(Math.max(1e-4, p) / (1 - Math.max(1e-4, p)))
  let err = 0
  let count = 0
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(target[i])) continue
    err += Math.abs(logit(rate[i] / (64 * T)) - logit(target[i]))
    count++
  }
  const notes = t.notes ?? []
  await t.dispose()
  return { err: err / count, notes }
}

describe('initRatesFromData', () => {
  it('gives every neuron a target: its unit’s rate over the training trials, else a mean of its area', () => {
    const c = cfg(true)
    const layout = buildLayout(data, c.model)
    const map = stitchSessions(data, layout, new Rng(2, PURPOSE.stitching))
    const target = targetRates(data, map, layout)
    expect(target.every(Number.isFinite)).toBe(true)
    let mapped = 0
    for (let i = 0; i < layout.n; i++) {
      const s = map.session[i]
      if (s < 0) {
        // hidden: a mean of recorded rates of its area, near that area's generating rate
        const want = layout.neuronArea[i] === 0 ? 0.01 : 0.08
        expect(target[i]).toBeGreaterThan(want / 2)
        expect(target[i]).toBeLessThan(want * 2)
        continue
      }
      const sess = data.sessions[s]
      const U = sess.unitArea.length
      let spikes = 0
      let bins = 0
      for (let k = 0; k < sess.outcome.length; k++) {
        if (sess.heldOut[k]) continue
        for (let t = 0; t < T; t++) spikes += sess.spikes[(k * T + t) * U + map.unit[i]]
        bins += T
      }
      expect(target[i]).toBeCloseTo(spikes / bins, 12)
      mapped++
    }
    expect(mapped).toBeGreaterThan(0)
  })

  it('brings the simulated rates closer to the recorded ones and says so', async () => {
    const off = await rateError(false)
    const on = await rateError(true)
    expect(on.err).toBeLessThan(0.5 * off.err)
    expect(on.notes.some((n) => n.startsWith('resting potentials set from the recorded rates'))).toBe(true)
    expect(off.notes.some((n) => n.startsWith('resting potentials'))).toBe(false)
  })
})

describe('restGain', () => {
  const dyn = { alpha: Float64Array.from([0, 0.9]), thr: 0.1, vr0: 0, temperature: 15, noiseStd: 0.1 * Math.sqrt(2) }
  it('is the sigmoid’s inverse slope without noise, and grows with the membrane’s stationary spread', () => {
    const quiet = { v_rest: Float64Array.from([0, 0]), noise_scale: Float64Array.from([0, 0]) }
    expect(restGain(dyn, quiet, 0)).toBeCloseTo(0.1 / 15, 12)
    // α = 0.9, scale 1, thr − v_rest = 0.1: σ_v = 0.1·√2·0.1/√0.19 = 0.032444; k = 150; √(1 + π·150²·σ_v²/8) = 3.2094
    const noisy = { v_rest: Float64Array.from([0, 0]), noise_scale: Float64Array.from([1, 1]) }
    expect(restGain(dyn, noisy, 1)).toBeCloseTo(3.2094 / 150, 5)
  })

  it('matches the mean of the sigmoid over a Gaussian membrane (probit approximation, checked by quadrature)', () => {
    const k = 150
    const sigma = 0.032444
    for (const mu of [-0.05, -0.02, 0]) {
      // ∫ σ(k·x) N(x; μ, σ²) dx by the midpoint rule over ±8σ
      let mean = 0
      const h = sigma / 200
      for (let x = mu - 8 * sigma; x < mu + 8 * sigma; x += h)
        mean +=
          (h * Math.exp(-((x - mu) ** 2) / (2 * sigma * sigma))) /
          (sigma * Math.sqrt(2 * Math.PI) * (1 + Math.exp(-k * x)))
      const approx = 1 / (1 + Math.exp((-k * mu) / Math.sqrt(1 + (Math.PI * k * k * sigma * sigma) / 8)))
      const exact = Math.log(mean / (1 - mean))
      expect(Math.abs(exact - Math.log(approx / (1 - approx)))).toBeLessThan(0.1 * Math.abs(exact) + 1e-3)
    }
  })
})

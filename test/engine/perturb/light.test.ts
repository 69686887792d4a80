// In-silico optogenetics in the engine: the light-sensitive order, compiled light currents, and the invariants a
// perturbation experiment rests on (zero strength and out-of-trial windows change nothing bit for bit; common
// random numbers: the same seed gives the same trials, and a perturbed trial equals its control before the light).
import { beforeAll, describe, expect, it } from 'vitest'
import { perturbationSchema, type PerturbationInput } from '@shared/domain/perturbation'
import { createPoolRunner, createTrainer, type Trainer } from '../../../src/main/engine'
import { compileLight, lightNeurons, lightRanks, lightShape } from '../../../src/main/engine/perturb/light'
import { Rng } from '../../../src/main/engine/rng'
import { setupFit } from '../../../src/main/engine/train/setup'
import { tinyConfig, tinyData } from '../helpers/tiny-data'
import { buildShardWorker } from '../parallel/build-worker'

const data = tinyData({ withJaw: true, nBins: 60 })
const cfg = tinyConfig({ model: { neuronsPerArea: 20, inputRateHz: 120 }, optim: { batchSize: 8, seed: 11 } })
const P = (p: PerturbationInput) => perturbationSchema.parse(p)
// Trial time: bins of 2 ms, alignment at bin 20 → t ∈ [−0.04, 0.08) s.
const stimulus = Float32Array.from({ length: 10 }, (_, b) => (b % 2 ? 4 : 0))

describe('light-sensitive order', () => {
  const s = setupFit(data, cfg)
  it('is a permutation inside every (area, E/I) population, fixed by the seed', () => {
    const { neuronArea: area, neuronInhibitory: inh } = s.layout
    for (let a = 0; a < 2; a++) {
      for (const ty of [0, 1]) {
        const ranks = [...s.lightRank].filter((_, i) => area[i] === a && inh[i] === ty).sort((x, y) => x - y)
        expect(ranks).toEqual(ranks.map((_, i) => i))
      }
    }
    expect([...setupFit(data, cfg).lightRank]).toEqual([...s.lightRank])
    const other = lightRanks(area, inh, new Rng(12, 8))
    expect([...other]).not.toEqual([...s.lightRank])
  })

  it('gives round(f · size) neurons of the chosen population of the target areas, nested in f', () => {
    const m = { ...s.layout, lightRank: s.lightRank }
    const inh51 = lightNeurons(m, [1], 'inh', 0.51)
    expect(inh51.length).toBe(Math.round(0.51 * s.layout.nIPerArea)) // 4 inhibitory of 4 → 2
    for (const i of inh51) expect([s.layout.neuronArea[i], s.layout.neuronInhibitory[i]]).toEqual([1, 1])
    const all = lightNeurons(m, [0, 1], 'all', 1)
    expect(all.length).toBe(s.layout.n)
    const exc = lightNeurons(m, [0], 'exc', 0.5)
    expect(exc.length).toBe(Math.round(0.5 * s.layout.nEPerArea))
    const small = new Set(lightNeurons(m, [0, 1], 'inh', 0.3))
    const big = new Set(lightNeurons(m, [0, 1], 'inh', 0.8))
    for (const i of small) expect(big.has(i)).toBe(true)
  })
})

describe('compiled light', () => {
  const s = setupFit(data, cfg)
  const m = { ...s.layout, lightRank: s.lightRank }
  const time = { nBins: 60, dtS: 0.002, stimBin: 20 }

  it('is a raised sine with ramps inside the window, a step for const, and 0 outside', () => {
    const p = P({ areas: ['A2'], window: [0, 0.05], waveform: 'sine', frequencyHz: 100, rampS: 0.01 })
    expect(lightShape(p, -0.002, 0.002)).toBe(0)
    expect(lightShape(p, 0.05, 0.002)).toBe(0)
    // at t = 0.025: envelope 1, sine phase 2.5 periods → ½(1 − cos 5π) = 1
    expect(lightShape(p, 0.025, 0.002)).toBeCloseTo(1, 12)
    // onset ramp: at t = 0.003, envelope 0.5, wave ½(1 − cos 0.6π)
    expect(lightShape(p, 0.003, 0.002)).toBeCloseTo(0.5 * 0.5 * (1 - Math.cos(0.6 * Math.PI)), 12)
    const c = P({ areas: ['A2'], window: [0, 0.05], waveform: 'const', rampS: 0 })
    expect(lightShape(c, 0.049, 0.002)).toBe(1)
    const plan = compileLight([c], m, time, 0.1)
    expect(plan.groups).toHaveLength(1)
    const cur = [...plan.groups[0].current]
    expect(cur.slice(0, 20).every((x) => x === 0)).toBe(true)
    expect(cur[20]).toBeCloseTo(20 * 0.1, 6)
    expect(cur[44]).toBeCloseTo(2, 6)
    expect(cur[45]).toBe(0)
  })

  it('drops sources that drive nothing: zero strength, window outside the trial, empty subset', () => {
    expect(compileLight([P({ areas: ['A1'], window: [0, 0.05], strength: 0 })], m, time, 0.1).groups).toEqual([])
    expect(compileLight([P({ areas: ['A1'], window: [1, 2] })], m, time, 0.1).groups).toEqual([])
    expect(compileLight([P({ areas: ['A1'], window: [-5, -0.05] })], m, time, 0.1).groups).toEqual([])
    expect(compileLight([P({ areas: ['A1'], window: [0, 0.05], fraction: 0 })], m, time, 0.1).groups).toEqual([])
  })

  it('refuses an area the model does not have, naming the field', () => {
    expect(() => compileLight([P({ areas: ['V1'], window: [0, 0.05] })], m, time, 0.1)).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'areas' })
    )
  })
})

describe('perturbed simulation', () => {
  let t: Trainer
  beforeAll(async () => {
    t = await createTrainer(data, cfg)
  })
  const same = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
    a.length === b.length && Array.prototype.every.call(a, (x: number, i: number) => Object.is(x, b[i]))

  it('control vs control differs by exactly 0 (same seed, same trials)', async () => {
    const a = await t.simulate(stimulus, 5)
    const b = await t.simulate(stimulus, 5)
    expect(same(a.spikes, b.spikes) && same(a.jaw, b.jaw)).toBe(true)
    const c = await t.simulate(stimulus, 6)
    expect(same(a.spikes, c.spikes)).toBe(false)
  })

  it('strength 0, and a window outside the simulated time, are bit-identical to control', async () => {
    const control = await t.simulate(stimulus, 5)
    for (const p of [
      P({ areas: ['A1', 'A2'], window: [0, 0.05], strength: 0 }),
      P({ areas: ['A1', 'A2'], window: [0.2, 0.5], population: 'all' })
    ]) {
      const sim = await t.simulate(stimulus, 5, [p])
      expect(same(sim.spikes, control.spikes)).toBe(true)
      expect(same(sim.jaw, control.jaw)).toBe(true)
    }
  })

  it('equals the control up to the light onset, then drives the lit neurons (common random numbers)', async () => {
    const control = await t.simulate(stimulus, 5)
    const p = P({ areas: ['A2'], window: [0.02, 0.06], waveform: 'const', rampS: 0 })
    const lit = await t.simulate(stimulus, 5, [p])
    const T = 60
    const n = control.nNeurons
    const onset = 20 + 10 // bin of t = 0.02 s
    for (let b = 0; b < stimulus.length; b++) {
      const lo = b * T * n
      expect(same(lit.spikes.subarray(lo, lo + onset * n), control.spikes.subarray(lo, lo + onset * n))).toBe(true)
    }
    expect(same(lit.spikes, control.spikes)).toBe(false)
    const plan = t.compileLight([p])
    const driven = plan.groups[0].neurons
    const count = (s: Uint8Array): number => {
      let c = 0
      for (let b = 0; b < stimulus.length; b++)
        for (let tt = onset; tt < onset + 20; tt++) for (const i of driven) c += s[(b * T + tt) * n + i]
      return c
    }
    expect(count(lit.spikes)).toBeGreaterThan(count(control.spikes) + 5 * stimulus.length)
  })

  it('gives the same bits on the worker pool as in process (the fast path)', async () => {
    const workerPath = await buildShardWorker()
    const pooled = await createTrainer(data, cfg, undefined, {
      createRunner: (o) => createPoolRunner({ ...o, backend: 'wasm', threads: 2, workerPath })
    })
    try {
      const p = [
        P({ areas: ['A1'], window: [0, 0.04] }),
        P({ areas: ['A2'], window: [0.03, 0.07], population: 'exc', strength: 2 })
      ]
      const a = await pooled.simulate(stimulus, 9, p)
      const b = await t.simulate(stimulus, 9, p)
      expect(same(a.spikes, b.spikes) && same(a.jaw, b.jaw)).toBe(true)
    } finally {
      await pooled.dispose()
    }
  })

  it('keeps the light order through saveState, as stored (not re-derived)', async () => {
    const rank = t.exportParams().lightRank!
    const again = await createTrainer(data, cfg, t.saveState())
    expect([...again.exportParams().lightRank!]).toEqual([...rank])
    // A checkpoint whose stored order differs (another model's) is restored as stored, not re-derived.
    const shuffled = await createTrainer(
      data,
      tinyConfig({ model: { neuronsPerArea: 20, inputRateHz: 120 }, optim: { batchSize: 8, seed: 12 } })
    )
    const moved = await createTrainer(data, cfg, shuffled.saveState())
    expect([...moved.exportParams().lightRank!]).toEqual([...shuffled.exportParams().lightRank!])
    expect([...moved.exportParams().lightRank!]).not.toEqual([...rank])
    await Promise.all([again.dispose(), shuffled.dispose(), moved.dispose()])
  })
})

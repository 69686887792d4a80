// evaluateMetrics end to end: a "model" that replays the held-out trials scores exactly 1 / 0 where it must.
import { describe, expect, it } from 'vitest'
import { prepareLossTargets, tallyLayout } from '../../../src/main/engine/losses'
import { allocTally, tallyStep, type SpikeTally } from '../../../src/main/engine/spike-tally'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { evaluateMetrics } from '../../../src/main/engine/metrics'
import { fitData, lossConfig, neuronMap, session } from '../losses/fixtures'

const T = 20
const K = 12
const U = 4
const rnd = mulberry32(8)
const outcome = Array.from({ length: K }, (_, k) => k % 2) // Hit, Miss, …
const spikes = Array.from({ length: K }, () =>
  Array.from({ length: T }, () => Array.from({ length: U }, () => (rnd() < 0.3 ? 1 : 0)))
)
// lick trials open the jaw in the second half
const jaw = Array.from({ length: K }, (_, k) =>
  Array.from({ length: T }, (_, t) => (outcome[k] === 0 && t >= 10 ? 2 : 0) + 0.1 * rnd())
)
const heldOut = Array.from({ length: K }, (_, k) => (k % 3 === 2 ? 1 : 0)) // trials 2, 5, 8, 11
const s = session('s', [0, 0, 1, 1], spikes, { outcome, jaw, heldOut })
const targets = prepareLossTargets(
  fitData([s], T, 0.002),
  neuronMap([
    [0, 0],
    [0, 1],
    [0, 2],
    [0, 3]
  ]),
  lossConfig({ filterMs: 4, resample: 2 }),
  { minAreaNeurons: 2 }
)
const held = Int32Array.of(2, 5, 8, 11)
const replay = {
  modelSpikes: Uint8Array.from([...held].flatMap((k) => spikes[k].flat())),
  modelJaw: Float32Array.from([...held].flatMap((k) => jaw[k])),
  modelStimulus: new Float32Array(4).fill(1),
  heldOut: [held]
}

/** The spike counts a forward tallies (spike-tally.ts), step by step from spike lists. */
function tallyOf(z: Uint8Array, B: number): SpikeTally {
  const N = targets.nNeurons
  const tally = allocTally(tallyLayout(targets), B, T, N)
  const list = new Int32Array(N)
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      let c = 0
      for (let n = 0; n < N; n++) if (z[(b * T + t) * N + n]) list[c++] = n
      tallyStep(tally, tally.colSum, tally.groupSum, b, t, T, N, list, 0, c)
    }
  }
  return tally
}

describe('evaluateMetrics', () => {
  it('scores a replay of the held-out trials as perfect', () => {
    const m = evaluateMetrics(targets, replay)
    expect(m.t_trial_pearson).toBeCloseTo(1, 12)
    expect(m.t_trial_pairs).toBe(4)
    expect(m.psth_pearson).toBeCloseTo(1, 12)
    expect(m.psth_pearson_per_area.a1).toBeCloseTo(1, 12)
    expect(m.psth_pearson_per_area.a2).toBeCloseTo(1, 12)
    expect(m.jaw_pearson).toBeCloseTo(1, 12)
    expect(m.lick_accuracy).toBe(1)
    expect(m.trial_type_method).toBe('lick')
    expect(m.trial_type_model).toEqual({ Hit: 0.5, Miss: 0.5, CR: 0, FA: 0 })
    expect(m.trial_type_data).toEqual({ Hit: 0.5, Miss: 0.5, CR: 0, FA: 0 })
    expect(m.eval_loss).toBeCloseTo(0, 10)
    // the ceiling is a real data-vs-data value, strictly below a perfect replay here
    expect(m.t_trial_pearson_ceiling).toBeGreaterThan(-1)
    expect(m.t_trial_pearson_ceiling).toBeLessThan(1)
    expect(m.psth_pearson_ceiling).toBeLessThan(1)
  })

  it('scores a shuffled (time-reversed) replay lower, and is deterministic per seed', () => {
    const reversed = new Uint8Array(replay.modelSpikes.length)
    for (let b = 0; b < 4; b++) {
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < U; u++) reversed[(b * T + t) * U + u] = replay.modelSpikes[(b * T + (T - 1 - t)) * U + u]
      }
    }
    const args = { ...replay, modelSpikes: reversed, seed: 3 }
    const a = evaluateMetrics(targets, args)
    expect(a.t_trial_pearson).toBeLessThan(0.9)
    expect(a.eval_loss).toBeGreaterThan(0)
    expect(evaluateMetrics(targets, args)).toEqual(a)
  })

  it('keeps the data ceiling fixed across evaluations (other model batches, other seeds)', () => {
    const a = evaluateMetrics(targets, { ...replay, seed: 1 })
    const shuffled = Uint8Array.from(replay.modelSpikes).reverse()
    const b = evaluateMetrics(targets, { ...replay, modelSpikes: shuffled, seed: 99 })
    expect(b.t_trial_pearson).not.toBe(a.t_trial_pearson)
    expect(b.t_trial_pearson_ceiling).toBe(a.t_trial_pearson_ceiling)
    expect(b.psth_pearson_ceiling).toBe(a.psth_pearson_ceiling)
  })

  it('gives the same metrics with the data-side cache as without it, evaluation after evaluation', () => {
    const cache = new Map<string, unknown>()
    const shuffled = Uint8Array.from(replay.modelSpikes).reverse()
    for (const [spikes, seed] of [
      [replay.modelSpikes, 1],
      [shuffled, 99],
      [replay.modelSpikes, 5]
    ] as const) {
      const args = { ...replay, modelSpikes: spikes, seed }
      expect(evaluateMetrics(targets, { ...args, cache })).toEqual(evaluateMetrics(targets, args))
    }
    expect(cache.size).toBeGreaterThan(0)
  })

  it("reads the trial features' group means from the forward's spike tally: the same metrics, bit for bit", () => {
    const shuffled = Uint8Array.from(replay.modelSpikes).reverse()
    for (const spikes of [replay.modelSpikes, shuffled]) {
      const args = { ...replay, modelSpikes: spikes, seed: 4 }
      expect(evaluateMetrics(targets, { ...args, tally: tallyOf(spikes, 4) })).toEqual(evaluateMetrics(targets, args))
    }
    // the tally is what is read: another batch's tally changes the T'trial
    const other = evaluateMetrics(targets, { ...replay, seed: 4, tally: tallyOf(shuffled, 4) })
    expect(other.t_trial_pearson).not.toBe(evaluateMetrics(targets, { ...replay, seed: 4 }).t_trial_pearson)
  })

  it('without a model jaw: template trial types, NaN jaw metrics', () => {
    const m = evaluateMetrics(targets, { ...replay, modelJaw: null })
    expect(m.trial_type_method).toBe('template')
    expect(m.jaw_pearson).toBeNaN()
    expect(m.lick_accuracy).toBeNaN()
    expect(m.t_trial_pearson).toBeCloseTo(1, 12)
    const sum = Object.values(m.trial_type_model).reduce((x, y) => x + y, 0)
    expect(sum).toBeCloseTo(1, 12)
  })

  it('gives NaN (not a fake number) when there are no held-out trials', () => {
    const m = evaluateMetrics(targets, { ...replay, heldOut: [new Int32Array(0)] })
    expect(m.t_trial_pearson).toBeNaN()
    expect(m.psth_pearson).toBeNaN()
    expect(m.eval_loss).toBeNaN()
  })
})

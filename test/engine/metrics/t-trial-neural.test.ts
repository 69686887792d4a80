// The neural-only T'trial: the T'trial construction on the per-area population means, without the jaw block.
import { describe, expect, it } from 'vitest'
import { evaluateMetrics } from '../../../src/main/engine/metrics'
import { held, randomModel, replayOfHeld, T, twoSessionTargets } from './two-sessions'

const flatJaw = new Float32Array(held.length * T)

describe('neural-only T′trial', () => {
  const targets = twoSessionTargets()

  it('is 1 for model trials whose neurons replay the held-out trials, whatever their jaw; the full T′trial is lower', () => {
    const m = evaluateMetrics(targets, replayOfHeld(flatJaw))
    expect(m.t_trial_neural_pearson).toBeCloseTo(1, 12)
    expect(m.t_trial_pearson).toBeLessThan(0.95)
    // the neural ceiling leaves the jaw out too: it is above the full one on these data (jaw partly noise)
    expect(m.t_trial_neural_pearson_ceiling).not.toBe(m.t_trial_pearson_ceiling)
  })

  it('is the T′trial of the same fit with the jaw left out of the features (matchJaw false): same ceiling bits', () => {
    const neuralOnly = twoSessionTargets(false)
    for (const [model, seed] of [
      [replayOfHeld(flatJaw), 0],
      [randomModel(5, 6), 7],
      [randomModel(9, 12), 3]
    ] as const) {
      const m = evaluateMetrics(targets, { ...model, seed })
      const ref = evaluateMetrics(neuralOnly, { ...model, seed })
      expect(m.t_trial_neural_pearson_ceiling).toBe(ref.t_trial_pearson_ceiling)
      // the model side draws its subsets from its own stream: equal where every trial is used (the replay)
      if (model.modelStimulus.length === held.length) {
        expect(m.t_trial_neural_pearson).toBeCloseTo(ref.t_trial_pearson, 12)
      }
      expect(ref.t_trial_neural_pearson).toBe(ref.t_trial_pearson)
    }
  })

  it('equals the full T′trial, bit for bit, where no session has a jaw block (no model jaw, or matchJaw false)', () => {
    for (const [t, jaw] of [
      [targets, null],
      [twoSessionTargets(false), randomModel(4, 6).modelJaw]
    ] as const) {
      const m = evaluateMetrics(t, { ...randomModel(4, 6), modelJaw: jaw, seed: 11 })
      expect(Number.isFinite(m.t_trial_pearson)).toBe(true)
      expect(m.t_trial_neural_pearson).toBe(m.t_trial_pearson)
      expect(m.t_trial_neural_pearson_ceiling).toBe(m.t_trial_pearson_ceiling)
    }
  })

  it('is deterministic per seed, keeps its ceiling across evaluations and under its own cache keys', () => {
    const cache = new Map<string, unknown>()
    const a = evaluateMetrics(targets, { ...randomModel(5, 6), seed: 7, cache })
    expect(evaluateMetrics(targets, { ...randomModel(5, 6), seed: 7 })).toEqual(a)
    const b = evaluateMetrics(targets, { ...randomModel(8, 6), seed: 1, cache })
    expect(b.t_trial_neural_pearson_ceiling).toBe(a.t_trial_neural_pearson_ceiling)
    expect(b.t_trial_neural_pearson).not.toBe(a.t_trial_neural_pearson)
    expect([...cache.keys()].some((k) => k.startsWith('tt-neural-ceiling:0:'))).toBe(true)
    // session 1 has no jaw block: its pairs are the full T'trial's, so no neural ceiling of its own is drawn
    expect([...cache.keys()].some((k) => k.startsWith('tt-neural-ceiling:1:'))).toBe(false)
  })

  it('is NaN when there are no held-out trials', () => {
    const m = evaluateMetrics(targets, { ...replayOfHeld(flatJaw), heldOut: [new Int32Array(0), new Int32Array(0)] })
    expect(m.t_trial_neural_pearson).toBeNaN()
    expect(m.t_trial_neural_pearson_ceiling).toBeNaN()
  })
})

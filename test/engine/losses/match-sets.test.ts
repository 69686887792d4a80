// matchTrialSets (matched recorded/generated pairs for views) and the sample sizes of the T'trial ceiling.
import { describe, expect, it } from 'vitest'
import { matchTrialSets, prepareLossTargets } from '../../../src/main/engine/losses'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { tTrialPearson } from '../../../src/main/engine/metrics'
import { fitData, lossConfig, neuronMap, randomSession, trialsOf } from './fixtures'

const T = 16
const s = randomSession(31, 's', 12, T, [0, 0, 1, 1], false)
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
/** Generated batch that replays recorded trials `ks` (model neuron n = unit n). */
const replay = (ks: number[]) =>
  Float32Array.from(ks.flatMap((k) => Array.from(s.spikes.subarray(k * T * 4, (k + 1) * T * 4))))

describe('matchTrialSets', () => {
  it('pairs each replayed trial with its original at zero cost', () => {
    const m = matchTrialSets(
      targets,
      0,
      replay([5, 2, 9]),
      null,
      3,
      Int32Array.from({ length: 12 }, (_, k) => k)
    )
    expect(m.pairs.map((p) => [p.model, p.data])).toEqual([
      [0, 5],
      [1, 2],
      [2, 9]
    ])
    m.pairs.forEach((p) => expect(p.cost).toBeCloseTo(0, 12))
    expect(m.dim).toBe(2 * targets.featureFilter.outLen)
  })

  it('matches every recorded trial when there are more generated ones', () => {
    const m = matchTrialSets(targets, 0, replay([0, 1, 2, 3, 4]), null, 5, Int32Array.of(3, 1))
    expect(m.pairs.map((p) => [p.model, p.data])).toEqual([
      [1, 1],
      [3, 3]
    ])
  })
})

describe("T'trial ceiling sample sizes", () => {
  it('matches the same number of pairs as the model when the training pool is large enough', () => {
    const held = trialsOf(s, 1) // 3 held-out trials
    const r = tTrialPearson(targets, replay([0, 1]), null, Float32Array.of(1, 1), [held], mulberry32(1))
    expect(r.model).toHaveLength(2)
    expect(r.ceiling).toHaveLength(2)
  })
})

// Metric functions against hand-computed values (issue 4): Pearson, matched Pearson, PSTH r, types, PCA, responses.
import { describe, expect, it } from 'vitest'
import { prepareLossTargets } from '../../../src/main/engine/losses'
import { lossFilters } from '../../../src/main/engine/losses/filters'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import {
  areaResponses,
  classifyByTemplate,
  matchedPearson,
  pca,
  pearson,
  psthPearson,
  typeFractions
} from '../../../src/main/engine/metrics'
import { fitData, lossConfig, neuronMap, session } from '../losses/fixtures'

describe('pearson', () => {
  it('is the true Pearson r (hand-computed), offset-invariant, NaN when constant', () => {
    // a = [−1,0,1], b = [−7/3, −1/3, 8/3]: r = 5 / √(2 · 38/3)
    expect(pearson([1, 2, 3], [2, 4, 7])).toBeCloseTo(5 / Math.sqrt(76 / 3), 12)
    // the reference centred both on the data's mean: x vs x + 10 would not give 1 there
    expect(pearson([1, 2, 4], [11, 12, 14])).toBeCloseTo(1, 12)
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN()
    expect(pearson([1], [2])).toBeNaN()
  })
})

describe('matchedPearson', () => {
  it('matches rows by cost, then correlates each pair (hand-computed 0.98198)', () => {
    const X = Float64Array.of(1, 2, 3, 3, 2, 1)
    const Y = Float64Array.of(3, 2, 1.5, 1, 2, 2.5)
    const out: number[] = []
    matchedPearson(X, Int32Array.of(0, 1), Y, Int32Array.of(0, 1), 3, mulberry32(0), out)
    // X0 ↔ Y1 and X1 ↔ Y0: r = 1.5 / √(2 · 7/6) for both
    expect(out).toEqual([1.5 / Math.sqrt(7 / 3), 1.5 / Math.sqrt(7 / 3)].map((v) => expect.closeTo(v, 12)))
  })
})

describe('psthPearson', () => {
  // held-out trials 2, 3: PSTH [1, .5, 0]; training trials 0, 1: [.5, 0, 0]; model: [1, 0, .5]
  const s = session(
    's',
    [0],
    [
      [[0], [0], [0]],
      [[1], [0], [0]],
      [[1], [0], [0]],
      [[1], [1], [0]]
    ],
    {
      heldOut: [0, 0, 1, 1]
    }
  )
  const targets = prepareLossTargets(
    fitData([s], 3, 0.001),
    neuronMap([[0, 0]]),
    lossConfig({ filterMs: 1, resample: 1 })
  )

  it('gives r = .5 (model) and √3/2 (training vs held-out)', () => {
    const rows = psthPearson(targets, Float32Array.of(1, 0, 1, 1, 0, 0), Float32Array.of(1, 1), [Int32Array.of(2, 3)])
    expect(rows).toHaveLength(1)
    expect(rows[0].r).toBeCloseTo(0.5, 12)
    expect(rows[0].ceiling).toBeCloseTo(Math.sqrt(3) / 2, 12)
  })

  it('ignores model trials of a stimulus condition the held-out trials lack', () => {
    const rows = psthPearson(targets, Float32Array.of(1, 0, 1, 1, 0, 0, 1, 1, 1), Float32Array.of(1, 1, 0), [
      Int32Array.of(2, 3)
    ])
    expect(rows[0].r).toBeCloseTo(0.5, 12)
  })
})

describe('trial types', () => {
  it('counts fractions', () => {
    expect(typeFractions([0, 0, 1, 3])).toEqual({ Hit: 0.5, Miss: 0.25, CR: 0, FA: 0.25 })
  })

  it('assigns the nearest training template among the types the stimulus allows', () => {
    // Hit template [1,1,1] → features [1,1]; Miss [0,0,0] → [0,0]; model [1,1,0] → [1,.5] (Hit), [0,0,1] → [0,.5] (Miss)
    const s = session(
      's',
      [0],
      [
        [[1], [1], [1]],
        [[0], [0], [0]]
      ],
      { outcome: [0, 1] }
    )
    const targets = prepareLossTargets(
      fitData([s], 3, 0.001),
      neuronMap([[0, 0]]),
      lossConfig({ filterMs: 1, resample: 1 })
    )
    const types = classifyByTemplate(
      targets,
      Float32Array.of(1, 1, 0, 0, 0, 1, 1, 1, 1),
      null,
      Float32Array.of(1, 1, 0)
    )
    // the catch trial has no CR/FA template: it falls back to the nearest available one (Hit)
    expect(Array.from(types)).toEqual([0, 1, 0])
  })
})

describe('pca', () => {
  it('recovers axes and explained variance of a hand-made cloud', () => {
    // (±1, 0) and (0, ±.5): variances 2 and .5 of 2.5
    const r = pca(Float64Array.of(1, 0, -1, 0, 0, 0.5, 0, -0.5), 4, 2, 2)
    expect(r.explained[0]).toBeCloseTo(0.8, 10)
    expect(r.explained[1]).toBeCloseTo(0.2, 10)
    expect(Array.from(r.components)).toEqual([1, 0, 0, 1].map((v) => expect.closeTo(v, 8)))
    expect(Array.from(r.coords)).toEqual([1, 0, -1, 0, 0, 0.5, 0, -0.5].map((v) => expect.closeTo(v, 8)))
  })

  it('finds the direction of a noisy line, sign-normalised', () => {
    const rnd = mulberry32(3)
    const x: number[] = []
    for (let i = 0; i < 50; i++) {
      const t = rnd() * 4 - 2
      x.push(t / 3 + 0.01 * rnd(), (2 * t) / 3 + 0.01 * rnd(), (2 * t) / 3 + 0.01 * rnd())
    }
    const r = pca(Float64Array.from(x), 50, 3, 1)
    const c = Array.from(r.components)
    ;[1 / 3, 2 / 3, 2 / 3].forEach((v, j) => expect(c[j]).toBeCloseTo(v, 2))
    expect(r.explained[0]).toBeGreaterThan(0.999)
  })
})

describe('areaResponses', () => {
  it('gives baseline, peak, amplitude and half-amplitude latency (hand-computed)', () => {
    // 2 units of area 0, dt 10 ms, stimulus at bin 2; population rate [0, 0, 50, 100, 0] Hz
    const spikes = Float32Array.of(0, 0, 0, 0, 1, 0, 1, 1, 0, 0)
    const { filter1 } = lossFilters(5, 0.01, 10, 1)
    const r = areaResponses(spikes, 1, 5, Int32Array.of(0, 0), 2, 0.01, 2, filter1)
    expect(r.baselineHz[0]).toBe(0)
    expect(r.peakHz[0]).toBeCloseTo(100, 10)
    expect(r.amplitudeHz[0]).toBeCloseTo(100, 10)
    // first post-stimulus window at ≥ 50 Hz is bin 2, centred 0.5 bin after the stimulus
    expect(r.latencyS[0]).toBeCloseTo(0.005, 12)
    expect(r.peakHz[1]).toBeNaN() // area 1 has no units
  })
})

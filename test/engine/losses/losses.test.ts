// computeLosses on hand-computed tiny cases (PSTH, hard matching, rate penalty) and prepareLossTargets' checks.
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { computeLosses, prepareLossTargets } from '../../../src/main/engine/losses'
import { denseSpikeGrad } from '../../../src/main/engine/spike-grad'
import { fitData, lossConfig, neuronMap, randomSession, session } from './fixtures'

// dt = 1 ms and filterMs = 1 make filter1 the identity; resample = 1 makes filter2 average adjacent bins.
const identity = { filterMs: 1, resample: 1 }

describe('PSTH loss (spec §3.2), hand-computed', () => {
  // data trials [1,0,0], [1,1,0] → PSTH [1, .5, 0], mean .5, unbiased std .5
  // model trials [0,1,0], [0,0,0] → PSTH [0, .5, 0]; z-diff [−2, 0, 0] → L = 4/3
  const data = fitData(
    [
      session(
        's0',
        [0],
        [
          [[1], [0], [0]],
          [[1], [1], [0]]
        ]
      )
    ],
    3,
    0.001
  )
  const targets = prepareLossTargets(
    data,
    neuronMap([[0, 0]]),
    lossConfig({ ...identity, psthCoeff: 10, trialMatching: 'none' })
  )
  const r = computeLosses(targets, {
    spikes: Float32Array.of(0, 1, 0, 0, 0, 0),
    jaw: null,
    stimulus: Float32Array.of(1, 1),
    trials: [Int32Array.of(0, 1)]
  })

  it('gives coeff · 4/3', () => {
    expect(r.report.psth).toBeCloseTo(40 / 3, 12)
    expect(r.report.trial).toBe(0)
    expect(r.report.total).toBeCloseTo(40 / 3, 12)
  })

  it('gives dL/dz = coeff · 2e/s/(L·terms)/B on every trial', () => {
    // 10 · 2·(−2)/0.5/3 / 2 = −40/3 at t = 0, zero elsewhere
    expect(Array.from(denseSpikeGrad(r.gradSpikes, 2, 3, 1))).toEqual(
      [-40 / 3, 0, 0, -40 / 3, 0, 0].map((v) => expect.closeTo(v, 5))
    )
    expect(r.gradJaw).toBeNull()
  })
})

describe('hard trial matching (spec §3.3), hand-computed', () => {
  // one unit, trials [0,0,0] and [1,1,1]; filter2 averages adjacent bins → raw features [0,0], [1,1];
  // z-scoring over the training values {0,0,1,1}: mean .5, std .5 → [−1,−1], [1,1].
  // model a = [1,1,1] → [1,1]; model b = [0,0,1] → [0,.5] → [−1,0].
  // costs (mean square over D = 2): a–t0 4, a–t1 0, b–t0 .5, b–t1 2.5 → a→t1, b→t0, L = (0 + .5)/2 = .25
  const data = fitData(
    [
      session(
        's0',
        [0],
        [
          [[0], [0], [0]],
          [[1], [1], [1]]
        ]
      )
    ],
    3,
    0.001
  )
  const cfg = lossConfig({ ...identity, psthCoeff: 0, trialCoeff: 20, trialMatching: 'hard' })
  const targets = prepareLossTargets(data, neuronMap([[0, 0]]), cfg)
  const r = computeLosses(targets, {
    spikes: Float32Array.of(1, 1, 1, 0, 0, 1),
    jaw: null,
    stimulus: Float32Array.of(1, 1),
    trials: [Int32Array.of(0, 1)]
  })

  it('falls back to areas of ≥ 1 neuron and says so', () => {
    expect(targets.minAreaNeurons).toBe(1)
    expect(targets.notes.join(' ')).toMatch(/≥ 10 mapped neurons/)
    expect(targets.sessions[0].groups[0].mean).toBeCloseTo(0.5, 12)
    expect(targets.sessions[0].groups[0].std).toBeCloseTo(0.5, 12)
  })

  it('gives coeff · 0.25 and the assignment a→t1, b→t0', () => {
    expect(r.report.trial).toBeCloseTo(5, 12)
    expect(Array.from(r.assignments[0])).toEqual([1, 0])
    expect(r.sessions[0]).toMatchObject({ session: 0, nModel: 2, nData: 2 })
  })

  it('gives dL/dz through z-scoring and filter2 (assignment fixed)', () => {
    // dL/dx_b = 2(x_b − y_t0)/(m·D) = [0, .5]; /std → [0, 1]; filter2ᵀ → [0, .5, .5]; × 20
    expect(Array.from(denseSpikeGrad(r.gradSpikes, 2, 3, 1))).toEqual(
      [0, 0, 0, 0, 10, 10].map((v) => expect.closeTo(v, 5))
    )
  })
  it('weighs value and gradient by trialScale (the phase-in), and drops the term at 0', () => {
    const scaled = (trialScale: number) =>
      computeLosses(targets, {
        spikes: Float32Array.of(1, 1, 1, 0, 0, 1),
        jaw: null,
        stimulus: Float32Array.of(1, 1),
        trials: [Int32Array.of(0, 1)],
        trialScale
      })
    const half = scaled(0.5)
    expect(half.report.trial).toBeCloseTo(2.5, 12)
    expect(Array.from(denseSpikeGrad(half.gradSpikes, 2, 3, 1))).toEqual(
      [0, 0, 0, 0, 5, 5].map((v) => expect.closeTo(v, 5))
    )
    const off = scaled(0)
    expect(off.report.trial).toBe(0)
    expect(Array.from(denseSpikeGrad(off.gradSpikes, 2, 3, 1))).toEqual([0, 0, 0, 0, 0, 0])
  })
})

describe('rate regulariser, hand-computed', () => {
  it('penalises ((r̂ − r)/(r + 1 Hz·dt))²', () => {
    // data rate 0.5 spikes/bin; model 0.25; floor 0.001 → e = −0.25/0.501
    const data = fitData(
      [
        session(
          's0',
          [0],
          [
            [[1], [0]],
            [[0], [1]]
          ]
        )
      ],
      2,
      0.001
    )
    const targets = prepareLossTargets(
      data,
      neuronMap([[0, 0]]),
      lossConfig({ ...identity, psthCoeff: 0, trialMatching: 'none', rateRegCoeff: 3 })
    )
    const r = computeLosses(targets, {
      spikes: Float32Array.of(1, 0, 0, 0),
      jaw: null,
      stimulus: Float32Array.of(1, 1),
      trials: [Int32Array.of(0, 1)]
    })
    const e = -0.25 / 0.501
    expect(r.report.reg).toBeCloseTo(3 * e * e, 12)
    expect(denseSpikeGrad(r.gradSpikes, 2, 2, 1)[0]).toBeCloseTo((3 * 2 * e) / 0.501 / 4, 6)
  })
})

describe('random equal-size subsets', () => {
  const s = randomSession(3, 's0', 24, 10, [0, 0, 1, 1], false)
  const targets = prepareLossTargets(
    fitData([s], 10, 0.002),
    neuronMap([
      [0, 0],
      [0, 1],
      [0, 2],
      [0, 3]
    ]),
    lossConfig({ filterMs: 4, resample: 2 }),
    { minAreaNeurons: 2 }
  )
  const trials = [Int32Array.from({ length: 24 }, (_, k) => k)]
  const batch = (seed: number) => ({
    spikes: new Float32Array(3 * 10 * 4).fill(0.2),
    jaw: null,
    stimulus: new Float32Array(3),
    trials,
    seed
  })

  it('matches random data trials (not the first m), deterministically per seed', () => {
    const seen = new Set<number>()
    for (let seed = 0; seed < 10; seed++) computeLosses(targets, batch(seed)).assignments[0].forEach((k) => seen.add(k))
    expect(Math.max(...seen)).toBeGreaterThan(2)
    expect(Array.from(computeLosses(targets, batch(4)).assignments[0])).toEqual(
      Array.from(computeLosses(targets, batch(4)).assignments[0])
    )
  })
})

describe('prepareLossTargets checks', () => {
  const s = randomSession(1, 'rec-A', 4, 5, [0, 1], true)
  it('names the session and field on a shape mismatch', () => {
    const bad = { ...s, stimulus: new Float32Array(3) }
    expect(() => prepareLossTargets(fitData([bad], 5, 0.002), neuronMap([[0, 0]]), lossConfig())).toThrow(
      /rec-A: sessions\[0\]\.stimulus/
    )
  })
  it('rejects a map into a missing unit and non-finite jaw values', () => {
    expect(() => prepareLossTargets(fitData([s], 5, 0.002), neuronMap([[0, 5]]), lossConfig())).toThrow(AppError)
    const jaw = Float32Array.from(s.jaw ?? [])
    jaw[7] = NaN
    expect(() => prepareLossTargets(fitData([{ ...s, jaw }], 5, 0.002), neuronMap([[0, 0]]), lossConfig())).toThrow(
      /trial 1/
    )
  })
  it('keeps the reference minimum of 10 when some area has it', () => {
    const big = randomSession(2, 'big', 4, 8, [...new Array<number>(10).fill(0), 1, 1], false)
    const map = neuronMap(Array.from({ length: 12 }, (_, u) => [0, u] as [number, number]))
    const t = prepareLossTargets(fitData([big], 8, 0.002), map, lossConfig({ filterMs: 4 }))
    expect(t.minAreaNeurons).toBe(10)
    expect(t.sessions[0].groups.map((g) => g.area)).toEqual([0])
    expect(t.notes).toEqual([])
  })
})

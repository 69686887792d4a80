// The suggestion read from a ceiling ladder: plateau rule, dt rule, reason line and the low-ceiling warning.
import { describe, expect, it } from 'vitest'
import {
  lowCeilingWarning,
  suggestDtMs,
  suggestTimescale,
  type CeilingPointWire
} from '../../../src/shared/domain/timescale'

const tau = { tauExcMs: 30, tauInhMs: 10 }
const ladder = (rows: [number, number | null, number | null][]): CeilingPointWire[] =>
  rows.map(([filter_ms, t_trial, psth_r]) => ({ filter_ms, t_trial, psth_r }))

describe('suggestTimescale', () => {
  // the recording: near-zero ceilings at the default smoothing, structure at hundreds of ms
  const slow = ladder([
    [5, 0.03, 0.04],
    [10, 0.08, 0.07],
    [20, 0.15, 0.12],
    [50, 0.3, 0.28],
    [100, 0.52, 0.41],
    [200, 0.55, 0.44]
  ])

  it('takes the smallest width where the lower ceiling reaches 85 % of its best, and says why in one line', () => {
    const s = suggestTimescale(slow, tau)!
    expect(s.filterMs).toBe(100)
    expect(s.dtMs).toBe(2)
    expect(s.reason).toBe(
      'PSTH r ceiling 0.04 at 5 ms, 0.41 at 100 ms; T′trial ceiling 0.03 at 5 ms, 0.52 at 100 ms: smoothing 100 ms, dt 2 ms'
    )
    expect(s.warning).toBeNull()
  })

  it('keeps a smoothing the user set and only chooses dt for it', () => {
    const s = suggestTimescale(slow, { ...tau, filterMs: 12 })!
    expect(s.filterMs).toBe(12)
    expect(s.dtMs).toBe(2) // 12 ms / 4 bins = 3 ms → 2 ms
    expect(s.reason).toMatch(/smoothing 12 ms \(set\), dt 2 ms$/)
  })

  it('ignores widths without a value and gives null when no ceiling is positive', () => {
    expect(
      suggestTimescale(
        ladder([
          [5, null, 0.2],
          [10, null, 0.5],
          [20, null, null]
        ]),
        tau
      )!.filterMs
    ).toBe(10)
    expect(
      suggestTimescale(
        ladder([
          [5, -0.1, 0],
          [10, null, null]
        ]),
        tau
      )
    ).toBeNull()
  })

  it('warns when the best T′trial ceiling stays below 0.3', () => {
    const low = ladder([
      [5, 0.02, 0.01],
      [50, 0.14, 0.2],
      [200, 0.12, 0.3]
    ])
    expect(lowCeilingWarning(low)).toMatch(/below 0.3 at every smoothing \(best 0.14 at 50 ms\)/)
    expect(suggestTimescale(low, tau)!.warning).toBe(lowCeilingWarning(low))
    expect(lowCeilingWarning(slow)).toBeNull()
  })
})

describe('suggestDtMs', () => {
  it('keeps 4 bins per smoothing width and at most a fifth of the shortest membrane time constant', () => {
    expect(suggestDtMs(100, tau)).toBe(2) // τ_inh 10 ms → ≤ 2 ms
    expect(suggestDtMs(100, { tauExcMs: 40, tauInhMs: 40 })).toBe(5) // ≤ 8 ms
    expect(suggestDtMs(200, { tauExcMs: 100, tauInhMs: 100 })).toBe(20) // ≤ 20 ms
    expect(suggestDtMs(20, tau)).toBe(2)
    expect(suggestDtMs(12, tau)).toBe(2)
    expect(suggestDtMs(5, tau)).toBe(1)
    expect(suggestDtMs(2, tau)).toBe(1) // below every choice: the smallest
  })
})

// Binning and resampling against hand-computed values, including spikes on bin edges and on the window end.
import { describe, expect, it } from 'vitest'
import {
  binEvents,
  binSpikes,
  firingRateHz,
  interpolate,
  resampleContinuous,
  resamplePerTrial
} from '../../../src/main/io/binning'

describe('binSpikes', () => {
  const b = { dt: 0.002, start: -0.004, stop: 0.004 } // 4 bins: [−4,−2) [−2,0) [0,2) [2,4) ms

  it('counts spikes per trial × bin × unit (hand-computed)', () => {
    const u0 = Float64Array.of(9.9965, 9.9999, 10.0005, 10.001, 10.0039, 20.0, 20.003)
    const u1 = Float64Array.of(9.997, 20.0021)
    const out = binSpikes([u0, u1], [10, 20], b)
    // index (k·T + t)·U + u with T = 4, U = 2
    expect(Array.from(out)).toEqual([
      // trial 0: bins × units
      1,
      1, // [9.996, 9.998): u0 9.9965, u1 9.997
      1,
      0, // [9.998, 10.0): 9.9999
      2,
      0, // [10.0, 10.002): 10.0005, 10.001
      1,
      0, // [10.002, 10.004): 10.0039
      // trial 1
      0,
      0,
      0,
      0,
      1,
      0, // 20.0 exactly on the alignment edge → bin 2
      1,
      1 // 20.003; u1 20.0021
    ])
  })

  it('puts a spike exactly on an inner edge in the later bin and drops one exactly on the window end', () => {
    const bb = { dt: 0.002, start: -0.2, stop: 1.2 }
    const align = 1234.567
    // Edges computed the way a user would write them: align + start + k·dt.
    const onEdge = align - 0.2 + 100 * 0.002
    const atEnd = align + 1.2
    const atStart = align - 0.2
    const out = binSpikes([Float64Array.of(atStart, onEdge, atEnd)], [align], bb)
    expect(out.length).toBe(700)
    expect(out[0]).toBe(1)
    expect(out[100]).toBe(1)
    expect(out[99]).toBe(0)
    expect(out.reduce((a, v) => a + v, 0)).toBe(2)
  })

  it('clamps counts at 255', () => {
    const many = new Float64Array(300).fill(0.0005)
    expect(binSpikes([many], [0], { dt: 0.001, start: 0, stop: 0.001 })[0]).toBe(255)
  })

  it('handles overlapping windows and unsorted trials', () => {
    const st = Float64Array.of(1.0005, 1.0015)
    const out = binSpikes([st], [1.001, 1.0], { dt: 0.001, start: -0.001, stop: 0.001 })
    // trial 0 window [1.000, 1.002): one spike per bin; trial 1 window [0.999, 1.001): 1.0005 in its second bin
    expect(Array.from(out)).toEqual([1, 1, 0, 1])
  })
})

describe('resampling', () => {
  it('interpolates linearly and returns NaN outside the samples', () => {
    const t = Float64Array.of(0, 1, 2)
    const v = Float64Array.of(0, 10, 30)
    expect(interpolate(t, v, 0.5)).toBe(5)
    expect(interpolate(t, v, 1.5)).toBe(20)
    expect(interpolate(t, v, 2)).toBe(30)
    expect(interpolate(t, v, -0.1)).toBeNaN()
    expect(interpolate(t, v, 2.1)).toBeNaN()
  })

  it('samples a continuous series at bin centres of every trial', () => {
    const times = Float64Array.from({ length: 101 }, (_, i) => i * 0.1) // 0..10 s
    const values = times.map((x) => 2 * x + 1)
    const out = resampleContinuous(times, values, [5, 9.9], { dt: 0.1, start: -0.2, stop: 0.2 })
    // centres −0.15, −0.05, 0.05, 0.15 s
    expect(Array.from(out.subarray(0, 4))).toEqual([4.85, 4.95, 5.05, 5.15].map((x) => Math.fround(2 * x + 1)))
    // trial 2 centres 9.75 … 10.05 s: the last is past the final sample (10 s)
    expect(out[4 + 1]).toBeCloseTo(2 * 9.85 + 1, 4)
    expect(out[4 + 2]).toBeCloseTo(2 * 9.95 + 1, 4)
    expect(out[4 + 3]).toBeNaN()
  })

  it('resamples per-trial traces (500 fps from −1 s) onto the bins of the chosen trials', () => {
    const F = 2000
    const values = new Float64Array(2 * F)
    for (let f = 0; f < F; f++) {
      values[f] = f // trace 0: frame number
      values[F + f] = -f // trace 1
    }
    const out = resamplePerTrial(values, F, -1, 500, [100, 200], [1, 0], [200.5, 100], {
      dt: 0.002,
      start: 0,
      stop: 0.004
    })
    // trial 0 uses trace 1 aligned 0.5 s after its onset: centre 0.501 s → frame (1.501)·500 = 750.5
    expect(out[0]).toBeCloseTo(-750.5, 6)
    expect(out[1]).toBeCloseTo(-751.5, 6)
    // trial 1 uses trace 0 at its onset: centre 0.001 s → frame 500.5
    expect(out[2]).toBeCloseTo(500.5, 6)
  })

  it('bins events and gives per-unit rates over the unit span', () => {
    expect(Array.from(binEvents([0.1, 0.15, 0.31], [0], { dt: 0.1, start: 0, stop: 0.4 }))).toEqual([0, 2, 0, 1])
    expect(firingRateHz(Float64Array.of(1, 2, 3, 5))).toBe(1)
    expect(firingRateHz(Float64Array.of(1))).toBe(0)
  })
})

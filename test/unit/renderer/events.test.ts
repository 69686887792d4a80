import { describe, expect, it } from 'vitest'
import { eventRaster, eventRates } from '../../../src/renderer/src/lib/analysis/events'

describe('behavioural events as rasters and rates', () => {
  // 3 trials × 4 bins of lick counts: trial 0 Miss, 1 Hit, 2 Hit
  const values = Float32Array.of(0, 0, 0, 1, 1, 2, 0, 0, 0, 1, NaN, 1)
  const r = eventRaster(values, ['Miss', 'Hit', 'Hit'], ['Hit', 'Miss'], 4)

  it('orders trials by outcome and keeps their counts', () => {
    expect(r.rows).toBe(3)
    expect(r.rowLabel).toEqual(['Hit', 'Hit', 'Miss'])
    expect(Array.from(r.counts)).toEqual([1, 2, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1])
    expect(r.groups).toEqual([
      { label: 'Hit', start: 0, end: 2 },
      { label: 'Miss', start: 2, end: 3 }
    ])
  })

  it('gives the event rate per outcome in events per second', () => {
    const rates = eventRates(r, 4, 0.1, 1)
    // Hit: (1+0)/2 = 0.5, (2+1)/2 = 1.5, 0, (0+1)/2 = 0.5 events per bin of 0.1 s
    expect(Array.from(rates[0]!.rateHz).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([5, 15, 0, 5])
    expect(rates[1]).toMatchObject({ group: 'Miss', nTrials: 1 })
    expect(Array.from(rates[1]!.rateHz).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 0, 0, 10])
  })

  it('groups by any trials column: rows in the given display order, a rate per value', () => {
    // side of trials 0, 1, 2: R, L, R
    const bySide = eventRaster(values, ['R', 'L', 'R'], ['L', 'R'], 4)
    expect(bySide.order).toEqual([1, 0, 2])
    expect(bySide.rowLabel).toEqual(['L', 'R', 'R'])
    expect(Array.from(bySide.counts)).toEqual([1, 2, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1])
    const rates = eventRates(bySide, 4, 0.1, 1)
    expect(rates.map((x) => [x.group, x.nTrials])).toEqual([
      ['L', 1],
      ['R', 2]
    ])
    // R: trials 0 (0,0,0,1) and 2 (0,1,NaN→0,1): (0, .5, 0, 1) events per 0.1 s bin
    expect(Array.from(rates[1]!.rateHz).map((x) => Math.round(x * 1e6) / 1e6)).toEqual([0, 5, 0, 10])
  })
})

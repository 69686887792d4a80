// Sparse spike lists → dense count matrices, and smoothed population rates.
import { describe, expect, it } from 'vitest'
import { denseCounts, pagedCounts, rowRates } from '../../../src/renderer/src/lib/analysis/raster'
import { rasterView } from '../../../src/main/services/datasets/raster-view'
import { makeSession } from '../services/fake-io'

describe('denseCounts', () => {
  it('counts repeated (row, bin) pairs and drops out-of-range spikes', () => {
    const c = denseCounts({ row: [0, 0, 1, 2, -1], bin: [1, 1, 0, 5, 0] }, 2, 3)
    expect(Array.from(c)).toEqual([0, 2, 0, 1, 0, 0])
  })
  it('filters spikes with keep()', () => {
    const unit = [7, 8, 7]
    const c = denseCounts({ row: [0, 0, 1], bin: [0, 1, 2] }, 2, 3, (i) => unit[i] === 7)
    expect(Array.from(c)).toEqual([1, 0, 0, 0, 0, 1])
  })
})

describe('rowRates', () => {
  it('divides counts by units × bin width (Hz)', () => {
    const r = rowRates([1, 0, 2, 0], 2, 2, 10, 0.002)
    expect(Array.from(r)).toEqual([50, 0, 100, 0])
  })
  it('box-smooths within a row without leaking across rows', () => {
    const r = rowRates([0, 3, 0, 9, 9, 9], 2, 3, 1, 1, 3)
    expect(Array.from(r)).toEqual([1.5, 1, 1.5, 9, 9, 9])
  })
})

describe('pagedCounts', () => {
  // 7 trials × 4 bins × 2 units, 1 to 4 spikes per trial
  const s = makeSession({
    name: 's',
    units: [{ area: 'A1' }, { area: 'A1' }],
    outcomes: ['Hit', 'Miss', 'Hit', 'CR', 'FA', 'Hit', 'Miss'],
    nBins: 4,
    count: (k, t, u) => (t <= k % 4 && u === t % 2 ? 1 : 0) + (k === 6 && t === 0 ? 1 : 0)
  })
  const whole = rasterView(s, 'A1')
  const rows = whole.trials.length

  it('adds every page up to the counts of the raster one reply would give', async () => {
    const asked: number[] = []
    const counts = await pagedCounts(async (fromRow) => {
      asked.push(fromRow)
      return rasterView(s, 'A1', 'outcome', { fromRow, maxSpikes: 3 })
    })
    expect(asked.length).toBeGreaterThan(2)
    expect(asked[0]).toBe(0)
    expect(Array.from(counts!)).toEqual(
      Array.from(denseCounts({ row: whole.spikeTrial, bin: whole.spikeBin }, rows, 4))
    )
    expect(Math.max(...counts!)).toBeGreaterThan(1) // cells with several spikes add up
  })

  it("one unit's pages give that unit's counts", async () => {
    const counts = await pagedCounts(async (fromRow) =>
      rasterView(s, 'A1', 'outcome', { fromRow, unit: 1, maxSpikes: 2 })
    )
    const one = denseCounts({ row: whole.spikeTrial, bin: whole.spikeBin }, rows, 4, (i) => whole.spikeUnit[i] === 1)
    expect(Array.from(counts!)).toEqual(Array.from(one))
  })

  it('stops asking once the view moved on', async () => {
    const asked: number[] = []
    const counts = await pagedCounts(
      async (fromRow) => {
        asked.push(fromRow)
        return rasterView(s, 'A1', 'outcome', { fromRow, maxSpikes: 3 })
      },
      () => asked.length >= 2
    )
    expect(asked).toHaveLength(2)
    expect(counts).toBeUndefined()
  })
})

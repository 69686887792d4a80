// What an import moves to the writing thread instead of copying: the spike-time buffers of the sessions the writer
// bins (400 MB for 50 M spikes), never those of binned sessions (kept for the views) nor Node's pooled small buffers.
import { describe, expect, it } from 'vitest'
import { movableSpikeTimes } from '../../../src/main/services/isolated/isolated-work'
import type { SessionToWrite } from '../../../src/main/io/rsnn-h5/write'

function session(spikeTimes: Float64Array[], binned: boolean): SessionToWrite {
  const base = {
    name: 's',
    sourceFile: 'f.nwb',
    units: spikeTimes.map((_, u) => ({ sourceId: u, area: 'A', type: 'E' as const, firingRateHz: 1 })),
    trials: [],
    binning: { dt: 0.002, start: -0.2, stop: 1.2 },
    nBins: 700,
    spikeTimes,
    behaviour: {}
  }
  return binned ? { ...base, spikes: new Uint8Array(0) } : base
}

describe('movableSpikeTimes', () => {
  it("moves an unbinned session's spike-time buffer once, whatever the number of trains viewing it", () => {
    const all = new Float64Array(10_000)
    const trains = [all.subarray(0, 4000), all.subarray(4000, 10_000)]
    expect(movableSpikeTimes([session(trains, false)])).toEqual([all.buffer])
  })

  it('keeps the spike times of binned sessions and small pooled buffers', () => {
    const big = new Float64Array(10_000)
    const pooled = new Float64Array(Buffer.from(new Uint8Array(64)).buffer, 0, 8) // a view on Node's Buffer pool
    expect(movableSpikeTimes([session([big], true), session([pooled], false)])).toEqual([])
  })
})

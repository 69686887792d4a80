// Binned views against hand-computed values: raster entries, PSTH rates in Hz, box smoothing, behaviour means.
import { describe, expect, it } from 'vitest'
import { behaviourView, boxSmooth, psthView } from '../../../src/main/services/datasets/views'
import { rasterView } from '../../../src/main/services/datasets/raster-view'
import { makeSession } from './fake-io'

// 3 trials (Miss, Hit, Hit), 4 bins of 10 ms, units: A1, A2, A1.
const s = makeSession({
  name: 's',
  units: [{ area: 'A1' }, { area: 'A2' }, { area: 'A1', type: 'I' }],
  outcomes: ['Miss', 'Hit', 'Hit'],
  nBins: 4,
  count: (k, t, u) => (u === 0 && t === k ? 1 : 0) + (u === 2 && t === 3 ? 2 : 0) + (u === 1 && k === 1 ? 1 : 0),
  jaw: (k, t) => (k === 2 && t === 0 ? Number.NaN : k * 10 + t)
})

describe('rasterView', () => {
  it('sorts trials by outcome and lists one entry per spike', () => {
    const r = rasterView(s, 'A1')
    expect(r.trials.map((t) => [t.sourceIndex, t.outcome])).toEqual([
      [1, 'Hit'],
      [2, 'Hit'],
      [0, 'Miss']
    ])
    expect(r.groupBy).toBe('outcome')
    expect(r.groups).toEqual([
      { label: 'Hit', first: 0, count: 2 },
      { label: 'Miss', first: 2, count: 1 }
    ])
    expect(r.units).toEqual([
      { sourceId: 1, type: 'E' },
      { sourceId: 3, type: 'I' }
    ])
    // per trial: unit0 spike at bin k; unit2 two spikes at bin 3 → 3 entries per trial
    const triples = Array.from(r.spikeTrial, (row, i) => [row, r.spikeUnit[i], r.spikeBin[i]])
    expect(triples).toEqual([
      [0, 0, 1],
      [0, 1, 3],
      [0, 1, 3],
      [1, 0, 2],
      [1, 1, 3],
      [1, 1, 3],
      [2, 0, 0],
      [2, 1, 3],
      [2, 1, 3]
    ])
  })

  it('sends the spikes of whole trials up to the page size from the row asked, saying which rows they are', () => {
    const whole = rasterView(s, 'A1')
    expect(whole.spikeRows).toEqual({ first: 0, end: 3 })
    const triples = (r: typeof whole): number[][] =>
      Array.from(r.spikeTrial, (row, i) => [row, r.spikeUnit[i]!, r.spikeBin[i]!])
    // 3 spikes per trial: a page of 7 spikes holds 2 trials, the next the last one
    const first = rasterView(s, 'A1', 'outcome', { fromRow: 0, maxSpikes: 7 })
    expect(first.spikeRows).toEqual({ first: 0, end: 2 })
    expect(triples(first)).toEqual(triples(whole).slice(0, 6))
    const rest = rasterView(s, 'A1', 'outcome', { fromRow: 2, maxSpikes: 7 })
    expect(rest.spikeRows).toEqual({ first: 2, end: 3 })
    expect(triples(rest)).toEqual(triples(whole).slice(6))
    // every row is described on every page
    const { spikeRows: _a, spikeTrial: _b, spikeUnit: _c, spikeBin: _d, ...meta } = whole
    expect(rest).toMatchObject(meta)
    // a trial larger than the page still comes, alone
    expect(rasterView(s, 'A1', 'outcome', { fromRow: 1, maxSpikes: 1 }).spikeRows).toEqual({ first: 1, end: 2 })
    expect(rasterView(s, 'A1', 'outcome', { fromRow: 3 }).spikeRows).toEqual({ first: 3, end: 3 })
    expect(() => rasterView(s, 'A1', 'outcome', { fromRow: 4 })).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'fromRow' }) as Error
    )
  })

  it("sends one unit's spikes when asked, refusing a unit past the area's", () => {
    const whole = rasterView(s, 'A1')
    const one = rasterView(s, 'A1', 'outcome', { unit: 1 })
    const keep = Array.from(whole.spikeUnit, (u, i) => (u === 1 ? i : -1)).filter((i) => i >= 0)
    expect(Array.from(one.spikeTrial)).toEqual(keep.map((i) => whole.spikeTrial[i]))
    expect(Array.from(one.spikeBin)).toEqual(keep.map((i) => whole.spikeBin[i]))
    expect(Array.from(one.spikeUnit)).toEqual(keep.map(() => 1))
    expect(() => rasterView(s, 'A1', 'outcome', { unit: 2 })).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'unit' }) as Error
    )
  })

  it('names the area field and lists the areas when the area has no units', () => {
    expect(() => rasterView(s, 'V1')).toThrow(/area.*no units in area "V1" \(areas: A1, A2\)/)
  })
})

describe('psthView', () => {
  it('averages over trials then units, in Hz', () => {
    const p = psthView([s], 0)
    const a1hit = p.series.find((x) => x.area === 'A1' && x.group === 'Hit')!
    // Hit trials 1,2. unit0 mean over trials per bin: [0, .5, .5, 0]; unit2: [0,0,0,2]; mean units /0.01 s
    expect(Array.from(a1hit.rateHz)).toEqual([0, 25, 25, 100])
    expect(a1hit).toMatchObject({ nTrials: 2, nUnits: 2 })
    const a2miss = p.series.find((x) => x.area === 'A2' && x.group === 'Miss')!
    expect(Array.from(a2miss.rateHz)).toEqual([0, 0, 0, 0])
    expect(p.series.map((x) => `${x.area}/${x.group}`)).toEqual(['A1/Hit', 'A1/Miss', 'A2/Hit', 'A2/Miss'])
  })

  it('pools sessions weighting units equally and refuses different binnings', () => {
    const t = makeSession({ name: 't', units: [{ area: 'A2' }], outcomes: ['Hit'], nBins: 4, count: () => 1 })
    const a2hit = psthView([s, t], 0).series.find((x) => x.area === 'A2' && x.group === 'Hit')!
    // s: unit1 on Hit trials: trial1 all bins 1, trial2 0 → 0.5; t: 1 → mean (0.5 + 1)/2 = 0.75 → 75 Hz
    expect(Array.from(a2hit.rateHz)).toEqual([75, 75, 75, 75])
    expect(a2hit).toMatchObject({ nTrials: 3, nUnits: 2 })
    const u = makeSession({ name: 'u', units: [{ area: 'A2' }], outcomes: ['Hit'], nBins: 5 })
    expect(() => psthView([s, u], 0)).toThrow(/binned differently/)
  })

  it('box smoothing averages the bins available at the edges', () => {
    expect(Array.from(boxSmooth(new Float32Array([3, 0, 0, 3]), 3))).toEqual([1.5, 1, 1, 1.5])
    expect(Array.from(boxSmooth(new Float32Array([1, 2]), 1))).toEqual([1, 2])
  })
})

describe('behaviourView', () => {
  it('defaults to jaw and takes NaN-aware means per outcome', () => {
    const b = behaviourView(s)
    expect(b.key).toBe('jaw')
    expect(b.groupBy).toBe('outcome')
    expect(b.labels).toEqual(['Miss', 'Hit', 'Hit'])
    expect(b.groups).toEqual(['Hit', 'Miss'])
    expect(b.means.map((m) => [m.group, m.nTrials])).toEqual([
      ['Hit', 2],
      ['Miss', 1]
    ])
    // trial1: 10..13, trial2: NaN,21,22,23
    expect(Array.from(b.means[0]!.mean)).toEqual([10, 16, 17, 18])
    expect(Array.from(b.means[1]!.mean)).toEqual([0, 1, 2, 3])
    expect(() => behaviourView(s, 'tongue')).toThrow(/no behaviour "tongue" \(has: jaw\)/)
  })

  it('names each trial by its trials-table row, not its stored position', () => {
    // the import dropped source rows 0 and 2: the stored trials are rows 1, 3 and 4
    const dropped = { ...s, trials: s.trials.map((t, k) => ({ ...t, sourceIndex: [1, 3, 4][k]! })) }
    expect(Array.from(behaviourView(dropped).sourceIndex)).toEqual([1, 3, 4])
  })

  it('returns an empty view for a session without behaviour', () => {
    const b = behaviourView(makeSession({ name: 'n', units: [{ area: 'A' }], outcomes: ['Hit'], nBins: 2 }))
    expect(b).toMatchObject({ key: null, keys: [], means: [] })
    expect(b.values.length).toBe(0)
  })
})

describe('grouping by a trials column, with the task events as markers', () => {
  // Same session, with a categorical column (side: R, L, R) and a go cue at 0.01 / 0.02 / NaN s per trial.
  const g = {
    ...s,
    trialGroups: { side: ['R', 'L', 'R'] },
    taskEvents: { go_cue_time: Float64Array.of(0.01, 0.02, Number.NaN) }
  }

  it('raster rows sorted by the column (display order, then source order), with each row’s events', () => {
    const r = rasterView(g, 'A1', 'side')
    expect(r.groupBy).toBe('side')
    expect(r.trials.map((t) => t.sourceIndex)).toEqual([1, 0, 2])
    expect(r.groups).toEqual([
      { label: 'L', first: 0, count: 1 },
      { label: 'R', first: 1, count: 2 }
    ])
    expect(r.taskEvents.map((e) => e.name)).toEqual(['go_cue_time'])
    expect(Array.from(r.taskEvents[0]!.times)).toEqual([Math.fround(0.02), Math.fround(0.01), Number.NaN])
    // By outcome (the default) the same events follow the rows: trials 1, 2 (Hit), 0 (Miss).
    expect(Array.from(rasterView(g, 'A1').taskEvents[0]!.times)).toEqual([Math.fround(0.02), NaN, Math.fround(0.01)])
  })

  it('PSTH per value of the column; markers = median event time per group over the trials that have it', () => {
    const p = psthView([g], 0, 'side')
    expect(p.groupBy).toBe('side')
    expect(p.series.map((x) => `${x.area}/${x.group}/${x.nTrials}`)).toEqual(['A1/L/1', 'A1/R/2', 'A2/L/1', 'A2/R/2'])
    // side R = trials 0 and 2: unit0 spikes at bin k → [.5, 0, .5, 0]; unit2: 2 at bin 3 → mean /2 units /0.01 s.
    expect(Array.from(p.series[1]!.rateHz)).toEqual([25, 0, 25, 100])
    expect(p.markers).toEqual([
      { name: 'go_cue_time', group: 'L', medianS: 0.02, nTrials: 1 },
      { name: 'go_cue_time', group: 'R', medianS: 0.01, nTrials: 1 }
    ])
    expect(psthView([g], 0).markers).toEqual([
      { name: 'go_cue_time', group: 'Hit', medianS: 0.02, nTrials: 1 },
      { name: 'go_cue_time', group: 'Miss', medianS: 0.01, nTrials: 1 }
    ])
    expect(psthView([s], 0).markers).toEqual([])
  })

  it('behaviour grouped by the column: each trial’s value, the groups in display order, the mean per value', () => {
    const b = behaviourView(g, 'jaw', 'side')
    expect(b.groupBy).toBe('side')
    expect(b.labels).toEqual(['R', 'L', 'R'])
    expect(b.groups).toEqual(['L', 'R'])
    expect(b.means.map((m) => [m.group, m.nTrials])).toEqual([
      ['L', 1],
      ['R', 2]
    ])
    // L = trial 1: 10..13; R = trials 0 (0..3) and 2 (NaN, 21, 22, 23): [0, 11, 12, 13] (NaN left out of bin 0).
    expect(Array.from(b.means[0]!.mean)).toEqual([10, 11, 12, 13])
    expect(Array.from(b.means[1]!.mean)).toEqual([0, 11, 12, 13])
    // The task's events stay in source order, like the labels.
    expect(Array.from(b.taskEvents[0]!.times)).toEqual([Math.fround(0.01), Math.fround(0.02), NaN])
    expect(() => behaviourView(g, 'jaw', 'block')).toThrow(/groupBy.*no trials column "block"/)
  })

  it('names the field and the columns there are when the column is unknown', () => {
    expect(() => rasterView(g, 'A1', 'block')).toThrow(
      /groupBy.*no trials column "block" to group by \(has: outcome, side\)/
    )
    expect(() => psthView([s], 0, 'side')).toThrow(/has: outcome\)/)
  })
})

// Comparison analyses against known answers: generated trials that copy recorded ones in a known order.
import { describe, expect, it } from 'vitest'
import { buildComparison } from '../../../src/main/analysis/compare'
import { connectivity } from '../../../src/main/analysis/connectivity'
import { matchTrials } from '../../../src/main/analysis/matching'
import { pca2 } from '../../../src/main/analysis/pca'
import {
  config,
  copySimulation,
  fixtureData,
  fixtureModel,
  fixtureTrainedModel,
  heldOutRows,
  STIM_BIN,
  T
} from './fixture'

const perm = [5, 2, 7, 0, 3, 6, 1, 4]

describe('matched pairs', () => {
  it('recovers which generated trial copies which recorded held-out trial', () => {
    const data = fixtureData()
    const rows = heldOutRows(data)
    expect(rows.session.length).toBe(8)
    const sim = copySimulation(data, rows, perm)
    const pairs = matchTrials(fixtureTrainedModel(data), data, rows, sim)
    expect(Array.from(pairs)).toEqual(perm.flatMap((b, r) => [r, b]))
  })
})

describe('comparison payloads', () => {
  const data = fixtureData()
  const rows = heldOutRows(data)
  const sim = copySimulation(data, rows, perm)
  const { variability: v, behaviour: b } = buildComparison({
    runId: 'r',
    checkpointStep: 3,
    data,
    params: fixtureModel(),
    config,
    model: fixtureTrainedModel(data),
    rows,
    sim,
    tTrial: { value: 0.5, ceiling: 0.6, neural: { value: 0.55, ceiling: 0.62 } },
    sourceIndex: rows.trial // nothing dropped or left out: the kept position is the trials-table row
  })

  it('classifies each generated copy with the outcome of its recorded trial (jaw threshold)', () => {
    perm.forEach((g, r) => expect(b.trials.generated.outcome[g]).toBe(rows.outcome[r]))
    expect(b.lick.method).toContain('lick classifier')
    expect(b.trialTypeMix.recorded).toEqual({ Hit: 0.5, Miss: 0.5, CR: 0, FA: 0 })
    expect(b.trialTypeMix.generated).toEqual(b.trialTypeMix.recorded)
  })

  it('gives identical area-A activity and features for a recorded trial and its copy', () => {
    const a = v.perArea[0]!
    expect(a.area).toBe('A')
    expect(Array.from(a.recordedRows)).toEqual([0, 1, 2, 3])
    const L = v.timeS.length
    for (const r of [0, 1, 2, 3]) {
      expect(Array.from(a.generated.subarray(perm[r]! * L, (perm[r]! + 1) * L))).toEqual(
        Array.from(a.recorded.subarray(r * L, (r + 1) * L))
      )
      const F = v.features.names.length
      expect(v.features.generated[perm[r]! * F]).toBe(v.features.recorded[r * F])
      expect(v.features.generated[perm[r]! * F + 1]).toBe(v.features.recorded[r * F + 1])
    }
    expect(v.features.names).toEqual([
      'A response amplitude (Hz)',
      'A response latency (s)',
      'B response amplitude (Hz)',
      'B response latency (s)'
    ])
    // Session-1 rows do not record area A: NaN features there.
    expect(v.features.recorded[4 * 4]).toBeNaN()
  })

  it('reports jaw mean ± sd per outcome with the right counts and the matched traces', () => {
    const hit = b.perOutcome.find((o) => o.outcome === 'Hit')!
    expect(hit.recorded.n).toBe(4)
    expect(hit.generated.n).toBe(4)
    expect(hit.recorded.mean[T - 1]).toBeCloseTo(hit.generated.mean[T - 1]!, 6)
    expect(b.perOutcome.find((o) => o.outcome === 'CR')!.recorded.n).toBe(0)
    expect(b.matched.recordedRows.length).toBe(8)
    const r = b.matched.recordedRows[0]!
    expect(b.matched.generatedRows[0]).toBe(perm[r])
    expect(Array.from(b.matched.recorded.subarray(0, T))).toEqual(Array.from(b.matched.generated.subarray(0, T)))
    expect(b.timeS[STIM_BIN]).toBeCloseTo(0.5 * data.dt, 9)
  })

  it('embeds recorded and generated trials in 2-D with explained variance fractions', () => {
    expect(v.embedding.recorded.length).toBe(16)
    expect(v.embedding.generated.length).toBe(16)
    expect(v.embedding.explained[0]).toBeGreaterThanOrEqual(v.embedding.explained[1])
    expect(v.embedding.explained[0] + v.embedding.explained[1]).toBeLessThanOrEqual(1 + 1e-9)
    expect(v.tTrial).toEqual({ value: 0.5, ceiling: 0.6, neural: { value: 0.55, ceiling: 0.62 } })
  })
})

describe('without a recorded jaw', () => {
  it('classifies generated trials by the nearest recorded trial-type template', () => {
    const data = fixtureData()
    for (const s of data.sessions) s.jaw = null
    const rows = heldOutRows(data)
    const sim = copySimulation(fixtureData(), rows, perm, true)
    const { behaviour: b } = buildComparison({
      runId: 'r',
      checkpointStep: 3,
      data,
      params: fixtureModel(),
      config,
      model: fixtureTrainedModel(data),
      rows,
      sim,
      tTrial: { value: 0, ceiling: 0, neural: null },
      sourceIndex: rows.trial
    })
    expect(b.hasBehaviour).toBe(false)
    expect(b.lick.method).toContain('template')
    perm.forEach((g, r) => expect(b.trials.generated.outcome[g]).toBe(rows.outcome[r]))
    expect(b.matched.recordedRows.length).toBe(0)
  })
})

describe('building blocks', () => {
  it('PCA puts collinear points on the first component', () => {
    const A = Float32Array.from([0, 0, 1, 2, 2, 4])
    const B = Float32Array.from([3, 6])
    const e = pca2(A, 3, B, 1, 2)
    expect(e.explained[0]).toBeCloseTo(1, 6)
    expect(e.explained[1]).toBeCloseTo(0, 6)
    const c = Array.from(e.a)
      .filter((_, i) => i % 2 === 0)
      .concat(e.b[0]!)
    for (let i = 1; i < c.length; i++) expect(c[i]! - c[i - 1]!).toBeCloseTo(c[1]! - c[0]!, 5)
  })

  it('connectivity: area-to-area means by presynaptic type and the magnitude histogram', () => {
    // 3 neurons: 0 (A, E), 1 (B, E), 2 (B, I). w[pre·3 + post], delays summed.
    const w0 = Float32Array.from([0, 1, 2, 3, 0, 4, 0, 5, 0])
    const w1 = Float32Array.from([0, 1, 0, 0, 0, 0, 0, 1, 0])
    const c = connectivity(
      {
        areas: ['A', 'B'],
        neuronArea: Int32Array.from([0, 1, 1]),
        neuronInhibitory: Uint8Array.from([0, 0, 1]),
        neuronMap: { session: new Int32Array(3), unit: new Int32Array(3) },
        arrays: {
          w_rec_d0: { data: w0, shape: [3, 3], unit: '1', description: '' },
          w_rec_d1: { data: w1, shape: [3, 3], unit: '1', description: '' }
        }
      },
      6
    )
    // [post × pre]: E from A to B = mean(w(0→1)=2, w(0→2)=2) = 2; E from B to A = w(1→0) = 3; E B→B = w(1→2) = 4.
    expect(Array.from(c.meanExc)).toEqual([0, 3, 2, 4])
    // I (neuron 2, area B): to B = w(2→1) = 6; to A = w(2→0) = 0.
    expect(Array.from(c.meanInh)).toEqual([0, 0, 0, 6])
    expect(c.histogram.edges[6]).toBe(6)
    expect(Array.from(c.histogram.exc)).toEqual([0, 0, 2, 1, 1, 0])
    expect(Array.from(c.histogram.inh)).toEqual([0, 0, 0, 0, 0, 1])
  })
})

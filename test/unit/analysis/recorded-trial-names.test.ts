// A recorded trial is named by its session and its row in the session's trials table (as the Data explorer and the
// source file number it), never by its position among the trials a fit kept: on a dataset where the import dropped
// some source rows and the split left some stored trials out, the payload, the pair label, the matched-pairs and
// features tables and the report's activity figure all name the trials-table row.
import { describe, expect, it } from 'vitest'
import { recordedTrialName } from '@shared/domain/recorded-trial'
import { featuresTable, pairsTable } from '@shared/tables/variability'
import { buildComparison } from '../../../src/main/analysis/compare'
import { recordedSourceIndex } from '../../../src/main/analysis/trial-rows'
import { activityFigure } from '../../../src/main/cli/report/figures'
import { findAll, parseXml, textOf } from '../cli/report/report-parse'
import { config, copySimulation, fixtureData, fixtureModel, fixtureTrainedModel, heldOutRows } from './fixture'

// The fixture's FitData keeps 8 trials per session. Behind it, session s0 stores 10 trials, source rows
// 1, 2, 3, 5, 6, 8, 9, 11, 12, 13 (the import dropped rows 0, 4, 7, 10), and the split leaves out stored trials 1 and
// 6 (e.g. perturbed): kept stored [0, 2, 3, 4, 5, 7, 8, 9] = source rows [1, 3, 5, 6, 8, 11, 12, 13]. Session s1
// stores its 8 trials as source rows 0…7, none left out.
const s0Rows = [1, 2, 3, 5, 6, 8, 9, 11, 12, 13]
const sessions = [
  { name: 's0', trials: s0Rows.map((sourceIndex) => ({ sourceIndex })) as never[] },
  { name: 's1', trials: Array.from({ length: 8 }, (_, sourceIndex) => ({ sourceIndex })) as never[] }
]
const split = [
  { session: 's0', excluded: [1, 6] },
  { session: 's1', excluded: [] }
]
// The fixture holds out kept trials 0–3 of each session: s0's are source rows 1, 3, 5, 6; s1's 0–3.
const expected = [
  ['s0', 1],
  ['s0', 3],
  ['s0', 5],
  ['s0', 6],
  ['s1', 0],
  ['s1', 1],
  ['s1', 2],
  ['s1', 3]
]

describe('recorded trials named by their trials-table row', () => {
  const data = fixtureData()
  const rows = heldOutRows(data)
  const perm = [5, 2, 7, 0, 3, 6, 1, 4]
  const { variability: v } = buildComparison({
    runId: 'r',
    checkpointStep: 1,
    data,
    params: fixtureModel(),
    config,
    model: fixtureTrainedModel(data),
    rows,
    sim: copySimulation(data, rows, perm),
    tTrial: { value: 0, ceiling: 0 },
    sourceIndex: recordedSourceIndex(rows, sessions, split)
  })

  it('the payload and the pair label carry the trials-table row, not the kept position', () => {
    expect(Array.from(rows.trial)).toEqual([0, 1, 2, 3, 0, 1, 2, 3]) // kept positions
    expect(Array.from(v.trials.recorded.sourceIndex)).toEqual(expected.map((e) => e[1]))
    expect(recordedTrialName(v.trials, 0)).toBe('s0 trial 1')
    expect(recordedTrialName(v.trials, 1)).toBe('s0 trial 3')
    expect(recordedTrialName(v.trials, 3)).toBe('s0 trial 6')
  })

  it('the matched-pairs and features tables name the session and the trials-table row', () => {
    const pairs = pairsTable(v)
    expect(pairs.header.slice(0, 4)).toEqual(['recorded_row', 'generated_row', 'session', 'trial'])
    expect(pairs.rows.map((r) => [r[2], r[3]])).toEqual(pairs.rows.map((r) => expected[r[0] as number]))
    expect(pairs.rows.some((r) => r[3] !== rows.trial[r[0] as number])).toBe(true)
    const features = featuresTable(v)
    expect(features.rows.slice(0, 8).map((r) => [r[2], r[3]])).toEqual(expected)
  })

  it('the report’s activity figure names the highlighted pair’s recorded trial the same way', () => {
    const titles = findAll(parseXml(activityFigure(v).svg), (e) => e.attrs['class'] === 'panel-title').map(textOf)
    // Area A is recorded by s0's rows only (rows 0–3); the first pair of one of them names its source row.
    const first = Array.from({ length: v.pairs.length / 2 }, (_, i) => v.pairs[2 * i]!).find((r) => r < 4)!
    const [session, trial] = expected[first]!
    expect(titles[0]).toBe(`A (matched pair: recorded ${session} trial ${trial}, generated row ${perm[first]})`)
  })
})

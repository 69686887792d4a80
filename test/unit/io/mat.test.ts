// MATLAB v7.3 in the structure of Esmaeili et al. 2021 spikeData_v9.mat (built with h5wasm + the MATLAB user block).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectRecording, loadRecording, readRecordingReport } from '../../../src/main/io'
import { buildEsmaeiliMat, type MatSession } from '../../helpers/h5-builders/mat'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-mat-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Jaw trace of trial k: frame f holds 1000·k + f (500 fps from −1 s), so resampled values are checkable. */
const jaw = (K: number): number[][] =>
  Array.from({ length: K }, (_, k) => Array.from({ length: 2000 }, (_, f) => 1000 * k + f))

const sessions: MatSession[] = [
  {
    mouse: 'MS01',
    date: '20190101',
    expert: true,
    onsets: [10, 20, 30, 40, 50],
    outcome: ['Hit', 'Miss', 'EarlyLick', 'CR', 'FA'],
    stim: [4, 2, 3, 0, 0],
    jaw: jaw(5),
    area: ['wS1', 'wS1', 'ALM'],
    width: [0.2, 0.4, 0.5],
    spikets: [
      [10.001, 10.0035, 20.5, 50.002],
      [9.9, 30.0],
      [40.0009, 40.0011]
    ]
  },
  {
    mouse: 'MS02',
    date: '20190202',
    expert: false,
    onsets: [5, 15],
    outcome: ['Hit', 'Hit'],
    stim: [1, 4],
    jaw: jaw(2),
    area: ['tjM1', 'wM2'],
    width: [0.3, 0.25],
    include: [1, 0],
    spikets: [[5.001, 15.2], [6]],
    emptyFields: ['LickOnsets']
  }
]

describe('MATLAB v7.3 (Esmaeili et al. 2021 layout)', () => {
  const file = join(dir, 'spikeData_v9.mat')

  it('loads a struct array of sessions: chars, cells of spike times, one-hot outcomes, include filter', async () => {
    await buildEsmaeiliMat(file, sessions)
    const rec = await loadRecording(file)
    expect(rec.format).toBe('mat-v7.3')
    expect(rec.sessions.map((s) => s.name)).toEqual(['MS01_20190101', 'MS02_20190202'])
    const [a, b] = rec.sessions
    expect(a!.units.areaSources['area']).toEqual(['wS1', 'wS1', 'ALM'])
    expect(a!.units.ids).toEqual([100, 101, 102])
    expect(Array.from(a!.units.spikeTimes[2]!)).toEqual([40.0009, 40.0011])
    expect(a!.trials!.columns['trial_type']).toEqual(['Hit', 'Miss', 'EarlyLick', 'CR', 'FA'])
    expect(b!.units.ids).toEqual([100]) // include = 0 drops the second unit
    expect(b!.warnings.join('\n')).toMatch(/include = 0/)
    expect(b!.trials!.columns['LickOnsets']).toBeUndefined() // MATLAB_empty field
  })

  it('guesses the mapping and bins: EarlyLick excluded, stimulus codes, width → E/I, jaw at 500 fps from −1 s', async () => {
    const g = await inspectRecording(file)
    expect(g.guess).toMatchObject({
      areaColumn: 'area',
      outcomeColumn: 'trial_type',
      stimulusColumn: 'StimIndices_All',
      align: 'start_time'
    })
    expect(g.guess.outcomeMap).toEqual({ CR: 'CR', EarlyLick: 'exclude', FA: 'FA', Hit: 'Hit', Miss: 'Miss' })
    expect(g.behaviourSeries).toEqual(['jaw'])
    const { sessions: out } = await readRecordingReport(file, {
      ...g.guess,
      binning: { dt: 0.002, start: 0, stop: 0.004 }
    })
    const s = out[0]!
    expect(s.trials).toEqual([
      { sourceIndex: 0, outcome: 'Hit', stimulus: 4, alignTime: 10 },
      { sourceIndex: 1, outcome: 'Miss', stimulus: 2, alignTime: 20 },
      { sourceIndex: 3, outcome: 'CR', stimulus: 0, alignTime: 40 },
      { sourceIndex: 4, outcome: 'FA', stimulus: 0, alignTime: 50 }
    ])
    expect(s.units.map((u) => [u.area, u.type])).toEqual([
      ['wS1', 'I'],
      ['wS1', 'E'],
      ['ALM', 'E']
    ])
    // K=4 × T=2 × U=3. Trial 0: 10.001 (bin 0), 10.0035 (bin 1); trial 2 (t=40): 40.0009, 40.0011 → bin 0 of unit 2;
    // trial 3 (t=50): 50.002 → bin 1 (on the edge).
    expect(Array.from(s.spikes)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0])
    // Trial with source index 3: frames at centre 0.001 s → frame 500.5 → 3000 + 500.5.
    const jawS = s.behaviour['jaw']!
    expect(jawS[2 * 2]).toBeCloseTo(3500.5, 3)
    expect(jawS[0]).toBeCloseTo(500.5, 3)
    expect(jawS[1]).toBeCloseTo(501.5, 3)
    expect(out[1]!.trials.map((t) => t.outcome)).toEqual(['Hit', 'Hit'])
    expect(out[1]!.units.map((u) => u.area)).toEqual(['tjM1'])
  })
})

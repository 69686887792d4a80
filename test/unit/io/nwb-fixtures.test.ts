// Generated NWB files: index dtypes, electrodes joins, old-style colnames, relative events, one-hot outcomes,
// behaviour series (timestamps / starting_time + rate, conversion, offset), Units tables outside /units.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { inspectRecording, loadRecording, readRecording } from '../../../src/main/io'
import { buildNwb, type IndexDtype } from '../../helpers/h5-builders/nwb'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-nwb-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const path = (): string => join(dir, `f${n++}.nwb`)

const spikeTimes = [[0.5, 1.2, 2.25, 3.001], [0.75], [1.0, 2.0]]

describe('NWB fixtures', () => {
  it.each<IndexDtype>(['<B', '<H', '<i', '<q', '<Q'])('reads a ragged spike_times index of dtype %s', async (dtype) => {
    const f = await buildNwb(path(), { units: { ids: [3, 4, 5], spikeTimes, indexDtype: dtype } })
    const s = (await loadRecording(f)).sessions[0]!
    expect(s.units.spikeTimes.map((t) => Array.from(t))).toEqual(spikeTimes)
  })

  it('joins units/electrodes (ragged region, object-reference table) to free-text locations, fixed-length colnames', async () => {
    const f = await buildNwb(path(), {
      electrodes: {
        location: [
          'brain_region: ALM; brain_subregion: N/A; cortical_layer: 5',
          'brain_region: wS1; hemisphere: left',
          'CA1'
        ]
      },
      units: {
        ids: [1, 2, 3],
        spikeTimes,
        electrodes: { rows: [0, 0, 1, 1, 1, 2], index: [2, 5, 6] },
        fixedColnames: true
      }
    })
    const s = (await loadRecording(f)).sessions[0]!
    expect(s.units.areaSources['electrodes.location']).toEqual(['ALM', 'wS1', 'CA1'])
    expect(s.units.columns).toContain('electrodes')
    const g = await inspectRecording(f)
    expect(g.guess.areaColumn).toBe('electrodes.location')
  })

  it('joins peak_channel_id to electrodes ids (Allen style); unknown ids give an empty area', async () => {
    const f = await buildNwb(path(), {
      electrodes: { ids: [850090614, 850090672], location: ['VISam', 'grey'] },
      units: { ids: [1, 2, 3], spikeTimes, columns: { peak_channel_id: [850090672, 850090614, 12] } }
    })
    const s = (await loadRecording(f)).sessions[0]!
    expect(s.units.areaSources['peak_channel_id']).toEqual(['grey', 'VISam', ''])
    const [sess] = await readRecording(f, { areaColumn: 'peak_channel_id', align: 'start_time' }).catch(() => [
      undefined
    ])
    expect(sess).toBeUndefined() // no trials table → cannot bin
  })

  it('finds a Units table under /processing by neurodata_type', async () => {
    const f = await buildNwb(path(), {
      units: { path: '/processing/ecephys/sorted_units', ids: [1, 2, 3], spikeTimes }
    })
    expect((await loadRecording(f)).sessions[0]!.units.ids).toEqual([1, 2, 3])
  })

  it('converts relative event columns, reads one-hot outcomes and maps them, stimulus from a column', async () => {
    const start = [10, 20, 30, 40]
    const f = await buildNwb(path(), {
      units: {
        ids: [1, 2],
        spikeTimes: [
          [10.55, 20.51, 30.7, 45],
          [12, 40.52]
        ],
        columns: { location: ['wS1', 'wS2'], cell_type: ['FS', 'RS'] }
      },
      trials: {
        start,
        columns: {
          stim_onset_time: [0.5, 0.5, 0.6, 0.5], // relative to start_time
          Hit: [1, 0, 0, 1],
          Miss: [0, 1, 0, 0],
          FA: [0, 0, 1, 0],
          stim_amp: [2, 2, 0, 3]
        }
      }
    })
    const g = await inspectRecording(f)
    expect(g.guess).toMatchObject({ areaColumn: 'location', outcomeColumn: 'Hit|Miss|FA', align: 'stim_onset_time' })
    expect(g.guess.outcomeMap).toEqual({ Hit: 'Hit', Miss: 'Miss', FA: 'FA', none: 'exclude' })
    expect(g.warnings.join('\n')).toMatch(/stim_onset_time are relative to start_time/)
    const [s] = await readRecording(f, {
      ...g.guess,
      stimulusColumn: 'stim_amp',
      binning: { dt: 0.1, start: 0, stop: 0.2 }
    })
    expect(s!.trials).toEqual([
      { sourceIndex: 0, outcome: 'Hit', stimulus: 2, alignTime: 10.5 },
      { sourceIndex: 1, outcome: 'Miss', stimulus: 2, alignTime: 20.5 },
      { sourceIndex: 2, outcome: 'FA', stimulus: 0, alignTime: 30.6 },
      { sourceIndex: 3, outcome: 'Hit', stimulus: 3, alignTime: 40.5 }
    ])
    expect(s!.units.map((u) => [u.area, u.type])).toEqual([
      ['wS1', 'I'],
      ['wS2', 'E']
    ])
    // K=4 × T=2 × U=2: unit 0 spikes at 10.55 (trial 0, bin 0), 20.51 (trial 1, bin 0), 30.7 (trial 2, bin 1)
    expect(Array.from(s!.spikes)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0])
  })

  it('resamples behaviour: timestamps with conversion + offset, starting_time + rate, BehavioralEvents as counts', async () => {
    const f = await buildNwb(path(), {
      units: { ids: [1], spikeTimes: [[0.1, 9.9]] },
      trials: { start: [2, 5], columns: { outcome: ['hit', 'miss'] } },
      series: [
        {
          path: '/processing/behavior/BehavioralTimeSeries/jaw',
          parentType: 'BehavioralTimeSeries',
          data: [0, 100, 200, 300],
          timestamps: [1, 3, 5, 7],
          conversion: 0.5,
          offset: 1
        },
        { path: '/acquisition/whisker', data: Array.from({ length: 101 }, (_, i) => i), startingTime: 0, rate: 10 },
        {
          path: '/acquisition/licks/lick_times',
          parentType: 'BehavioralEvents',
          data: [1, 1, 1],
          timestamps: [2.01, 2.02, 5.15]
        }
      ]
    })
    const g = await inspectRecording(f)
    expect(g.behaviourSeries).toEqual(['jaw', 'lick_times', 'whisker'])
    const [s] = await readRecording(f, { binning: { dt: 0.1, start: 0, stop: 0.2 } })
    // jaw value = data × 0.5 + 1 at 2.05 / 2.15 s (data 52.5 / 57.5) and 5.05 / 5.15 s (202.5 / 207.5)
    expect(Array.from(s!.behaviour['jaw']!)).toEqual([27.25, 29.75, 102.25, 104.75])
    expect(Array.from(s!.behaviour['whisker']!).map((v) => Math.round(v * 1000) / 1000)).toEqual([
      20.5, 21.5, 50.5, 51.5
    ])
    expect(Array.from(s!.behaviour['lick_times']!)).toEqual([2, 0, 0, 1])
    expect(s!.trials.map((t) => t.outcome)).toEqual(['Hit', 'Miss'])
    // what the views need to draw licks as events on a time axis named after the alignment column
    expect(s!.eventSeries).toEqual(['lick_times'])
    expect(s!.alignment).toBe('start_time')
  })

  it('a 2.0-style units type column and a width column decide E/I', async () => {
    const f = await buildNwb(path(), {
      units: { ids: [1, 2, 3], spikeTimes, columns: { waveform_width: [0.2, 0.5, NaN], location: ['a', 'b', 'c'] } },
      trials: { start: [0.9] }
    })
    const [s] = await readRecording(f, { binning: { dt: 0.1, start: 0, stop: 0.2 } })
    expect(s!.units.map((u) => u.type)).toEqual(['I', 'E', 'unknown'])
  })
})

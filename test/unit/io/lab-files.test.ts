// Real recordings as labs write them (issue 12): trials in any interval table, trials from events, outcome codes of
// any type, areas via electrodes or electrode groups, anomalies in unused series as warnings.
import { execFileSync } from 'node:child_process'
import type { Group } from 'h5wasm'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectRecording, readRecordingReport } from '../../../src/main/io'
import { buildLabNwb, labCode, LAB } from '../../helpers/h5-builders/lab-nwb'
import { buildNwb } from '../../helpers/h5-builders/nwb'
import { h5 } from '../../helpers/h5-builders/h5'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-lab-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let lab: string
beforeAll(async () => {
  lab = await buildLabNwb(join(dir, 'lab.nwb'))
})
const codes = { '2': 'Hit', '1': 'Miss' } as const
const window = { dt: 0.01, start: -0.1, stop: 0.5 }

describe('the issue 12 recording', () => {
  it('lists every interval table with its rows and columns, and guesses none (no name says trials)', async () => {
    const g = await inspectRecording(lab)
    expect(g.trialTables).toEqual([
      { path: LAB.encoding.path, rows: 40, columns: ['start_time', 'stop_time', 'outcome', 'cue_time'] },
      { path: LAB.recognition.path, rows: 30, columns: ['start_time', 'stop_time', 'outcome', 'probe_time'] },
      { path: LAB.fixation.path, rows: 12, columns: ['start_time', 'stop_time'] }
    ])
    expect(g.guess.trialsTable).toBeUndefined()
    expect(g.guess.areaColumn).toBe('electrodes.location')
    expect(g.areaSource).toBe('units/electrodes → electrodes table location')
  })

  it('without a choice the import is refused, naming the candidate tables and their row counts', async () => {
    await expect(readRecordingReport(lab, {})).rejects.toThrow(
      `interval tables in the file: ${LAB.encoding.path} (40 rows), ${LAB.recognition.path} (30 rows), ${LAB.fixation.path} (12 rows); choose one with --trials-table NAME`
    )
  })

  it('imports the uint8-coded table by name: outcomes value by value, areas via electrodes, the TTL anomaly a warning', async () => {
    const r = await readRecordingReport(lab, { trialsTable: 'encoding', outcomeMap: codes, binning: window })
    const s = r.sessions[0]!
    expect(s.trials.map((t) => t.outcome)).toEqual(
      Array.from({ length: 40 }, (_, k) => (labCode(k) === 2 ? 'Hit' : 'Miss'))
    )
    expect(s.trials.map((t) => t.alignTime)).toEqual(
      Array.from({ length: 40 }, (_, k) => LAB.encoding.t0 + 3 * k + 0.5)
    )
    expect(s.units.map((u) => [u.sourceId, u.area])).toEqual(LAB.areas.map((a, i) => [11 + i, a]))
    expect(s.areaSource).toBe('units/electrodes → electrodes table location')
    expect(s.behaviour).toEqual({})
    expect(r.warnings).toContain(
      `${LAB.ttlPath}/timestamps: timestamps are not increasing at sample 2 (20 s then -1500000000 s); series "events_ttl" skipped (behaviour is not used by the fit)`
    )
    // The outcome column is a code column the user mapped: no guess warning about it remains.
    expect(r.warnings.join('\n')).not.toMatch(/every trial counts as Hit/)
  })

  it('imports the float64-coded table by path with the same map, written as text, float text or numbers', async () => {
    for (const outcomeMap of [codes, { '2.0': 'Hit', '1.0': 'Miss' } as const]) {
      const r = await readRecordingReport(lab, {
        trialsTable: LAB.recognition.path,
        outcomeColumn: 'outcome',
        outcomeMap,
        binning: window
      })
      const s = r.sessions[0]!
      expect(s.trials.map((t) => t.outcome)).toEqual(
        Array.from({ length: 30 }, (_, k) => (labCode(k) === 2 ? 'Hit' : 'Miss'))
      )
      expect(s.trials.map((t) => t.alignTime)).toEqual(
        Array.from({ length: 30 }, (_, k) => LAB.recognition.t0 + 3 * k + 0.25)
      )
    }
  })

  it('a map without --outcome-column applies to the code column; no map at all says so in the warnings', async () => {
    const mapped = await readRecordingReport(lab, { trialsTable: 'encoding', outcomeMap: codes, binning: window })
    expect(mapped.sessions[0]!.trials.filter((t) => t.outcome === 'Miss')).toHaveLength(13)
    const unmapped = await readRecordingReport(lab, { trialsTable: 'encoding', binning: window })
    expect(unmapped.sessions[0]!.trials.every((t) => t.outcome === 'Hit')).toBe(true)
    expect(unmapped.warnings).toContain(
      'trials column "outcome" holds codes 1, 2: to use it as the outcome give --outcome-column outcome --outcome-map Hit=2,Miss=1; until then every trial counts as Hit'
    )
    // The Detected panel lists them as codes of a numeric column, not as text values.
    const g = await inspectRecording(lab, { trialsTable: 'encoding' })
    expect(g.outcomeValues['outcome']).toEqual(['1', '2'])
    expect(g.codeColumns).toEqual(['outcome'])
  })

  it('an unknown table name is refused naming the candidates', async () => {
    await expect(readRecordingReport(lab, { trialsTable: 'trials' })).rejects.toThrow(
      /no TimeIntervals table "trials"; the file has: \/intervals\/encoding \(40 rows\)/
    )
  })
})

describe('trials from events', () => {
  it('makes one trial per event of a series, aligned on it; bad times dropped with counted warnings', async () => {
    const f = await buildNwb(join(dir, 'events.nwb'), {
      units: {
        ids: [1, 2],
        spikeTimes: [
          [0.5, 10.05, 20.05, 30.05, 40.2],
          [10.1, 29.9]
        ],
        columns: { location: ['VISp', 'VISp'] }
      },
      series: [
        {
          path: '/processing/behavior/BehavioralEvents/lick',
          parentType: 'BehavioralEvents',
          data: [1, 1, 1, 1, 1],
          timestamps: [10, 30, NaN, 20, 40]
        }
      ]
    })
    const g = await inspectRecording(f)
    expect(g.eventSeries).toEqual([
      { path: '/processing/behavior/BehavioralEvents/lick', events: 5, type: 'TimeSeries' }
    ])
    await expect(readRecordingReport(f, {})).rejects.toThrow(
      /event series in the file: \/processing\/behavior\/BehavioralEvents\/lick \(5 events\); make trials from one with --trials-from-events PATH/
    )
    const r = await readRecordingReport(f, {
      trialsFromEvents: 'BehavioralEvents',
      areaColumn: 'location',
      binning: { dt: 0.1, start: 0, stop: 0.2 }
    })
    const s = r.sessions[0]!
    expect(s.trials.map((t) => [t.alignTime, t.outcome, t.stimulus])).toEqual([
      [10, 'Hit', 1],
      [20, 'Hit', 1],
      [30, 'Hit', 1],
      [40, 'Hit', 1]
    ])
    // K=4 × T=2 × U=2: unit 0 at 10.05, 20.05, 30.05 (bin 0); unit 1 at 10.1 (trial 0, bin 1); 29.9 and 40.2 outside
    expect(Array.from(s.spikes)).toEqual([1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0])
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        '/processing/behavior/BehavioralEvents/lick/timestamps: 1 event time(s) not finite; dropped',
        '/processing/behavior/BehavioralEvents/lick/timestamps: event times were not in order; sorted them',
        'trials made from 4 events of /processing/behavior/BehavioralEvents/lick (one trial per event, one condition)'
      ])
    )
  })

  it('makes trials from an NWB 2.10 EventsTable (timestamp column) and an AnnotationSeries', async () => {
    const f = await buildNwb(join(dir, 'events-table.nwb'), {
      units: { ids: [1], spikeTimes: [[0.5, 5.05, 15.05, 25.05, 30]], columns: { location: ['CA1'] } }
    })
    const lib = await h5()
    const w = new lib.File(f, 'a')
    const table = w.create_group('events').create_group('stimulus_onsets')
    table.create_attribute('neurodata_type', 'EventsTable')
    table.create_dataset({ name: 'timestamp', data: Float64Array.from([5, 15, 25]) })
    const notes = (w.get('acquisition') as Group | null) ?? w.create_group('acquisition')
    const ann = notes.create_group('notes')
    ann.create_attribute('neurodata_type', 'AnnotationSeries')
    ann.create_dataset({ name: 'data', data: ['start', 'middle'] })
    ann.create_dataset({ name: 'timestamps', data: Float64Array.from([5, 25]) })
    w.close()
    const g = await inspectRecording(f)
    expect(g.eventSeries).toEqual([
      { path: '/acquisition/notes', events: 2, type: 'AnnotationSeries' },
      { path: '/events/stimulus_onsets', events: 3, type: 'EventsTable' }
    ])
    const binning = { dt: 0.1, start: 0, stop: 0.1 }
    const t = await readRecordingReport(f, { trialsFromEvents: '/events/stimulus_onsets', binning })
    expect(t.sessions[0]!.trials.map((x) => x.alignTime)).toEqual([5, 15, 25])
    expect(Array.from(t.sessions[0]!.spikes)).toEqual([1, 1, 1])
    const a = await readRecordingReport(f, { trialsFromEvents: 'notes', binning })
    expect(a.sessions[0]!.trials.map((x) => x.alignTime)).toEqual([5, 25])
  })
})

describe('areas and outcomes of other shapes', () => {
  it("takes areas from the units' electrode group location when there is no column and no electrodes region", async () => {
    const f = await buildNwb(join(dir, 'groups.nwb'), {
      electrodeGroups: [
        { name: 'shank0', location: 'brain_region: CA1' },
        { name: 'shank1', location: 'DG' }
      ],
      units: { ids: [1, 2, 3], spikeTimes: [[1, 2], [1.5], [2.5]], electrodeGroup: [1, 0, 1] },
      trials: { start: [0.5, 1.5, 2.0], columns: { outcome: ['Hit', 'Miss', 'Hit'] } }
    })
    const g = await inspectRecording(f)
    expect(g.guess.areaColumn).toBe('electrode_group.location')
    expect(g.areaSource).toBe("units/electrode_group → the electrode group's location")
    const s = (await readRecordingReport(f, { binning: { dt: 0.1, start: 0, stop: 0.5 } })).sessions[0]!
    expect(s.units.map((u) => u.area)).toEqual(['DG', 'CA1', 'DG'])
  })

  it('maps a boolean outcome column (h5py enum) with Hit=true,Miss=false; stop before start dropped and counted', async () => {
    const base = await buildNwb(join(dir, 'bool.nwb'), {
      units: { ids: [1], spikeTimes: [[0.1, 1.1, 2.1, 3.1]], columns: { area: ['ALM'] } },
      trials: { start: [0, 1, 2, 3], stop: [0.5, 1.5, 1.0, 3.5] }
    })
    // h5py writes numpy booleans as an HDF5 enum {FALSE: 0, TRUE: 1}, as pynwb does for a bool column.
    const script = [
      'import h5py, numpy as np, sys',
      "f = h5py.File(sys.argv[1], 'a')",
      "t = f['/intervals/trials']",
      "t['correct'] = np.array([True, False, True, False])",
      "t['correct'].attrs['neurodata_type'] = 'VectorData'",
      "t.attrs['colnames'] = np.array(['start_time', 'stop_time', 'correct'], dtype=object)",
      'f.close()'
    ].join('\n')
    execFileSync('/usr/bin/python3', ['-c', script, base])
    const g = await inspectRecording(base)
    expect(g.outcomeValues['correct']).toEqual(['false', 'true'])
    // Whole-second start times are times, not outcome codes (the Detected panel said "Values of start_time").
    expect(Object.keys(g.outcomeValues)).toEqual(['correct'])
    expect(g.codeColumns).toEqual([])
    const r = await readRecordingReport(base, {
      outcomeColumn: 'correct',
      outcomeMap: { true: 'Hit', False: 'Miss' },
      binning: { dt: 0.1, start: 0, stop: 0.2 }
    })
    expect(r.sessions[0]!.trials.map((t) => [t.sourceIndex, t.outcome])).toEqual([
      [0, 'Hit'],
      [1, 'Miss'],
      [3, 'Miss']
    ])
    expect(r.warnings, r.warnings.join('\n')).toContain(
      'test-session: 1 trial(s) whose stop_time is before their start_time dropped'
    )
  })
})

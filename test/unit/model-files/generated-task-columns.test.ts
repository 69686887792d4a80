// The recorded task carried to generated trials: per condition, each event's median time (when at least half of the
// condition's recorded trials have it) and each categorical column constant within a condition; written as columns of
// the exported trials table, valid NWB (HDMF validator) and read back by h5py value by value.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { conditionTask, taskColumns } from '../../../src/main/model-files/generated-task-columns'
import { trialTimes, writeGeneratedNwb } from '../../../src/main/model-files/nwb-writer'
import { nwbValidatorMissing, validateNwb } from '../../helpers/nwb-validator'
import { h5pyMissing } from '../../helpers/h5py-oracle'
import { makeSession } from '../services/fake-io'
import { generatedFixture } from './nwb-fixture'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-task-cols-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

// Session a: Hit, Hit, Miss, CR; session b: Hit, Miss, Miss. Go cue on every trial; the response on hits (and on one
// of the three misses: fewer than half); a side column that is L on hits, R on misses, L on the CR (constant within
// each condition); a block column that varies within the hits.
const a = {
  ...makeSession({ name: 'a', units: [{ area: 'A' }], outcomes: ['Hit', 'Hit', 'Miss', 'CR'], nBins: 2 }),
  taskEvents: {
    go_cue_time: Float64Array.of(1.5, 1.5, 1.5, 1.5),
    response_time: Float64Array.of(1.7, 1.8, 1.9, NaN),
    outcome: Float64Array.of(2, 2, 2, 2)
  },
  trialGroups: { side: ['L', 'L', 'R', 'L'], block: ['1', '2', '1', '1'] }
}
const b = {
  ...makeSession({ name: 'b', units: [{ area: 'A' }], outcomes: ['Hit', 'Miss', 'Miss'], nBins: 2 }),
  taskEvents: { go_cue_time: Float64Array.of(1.4, 1.6, 1.6), response_time: Float64Array.of(2.0, NaN, NaN) },
  trialGroups: { side: ['L', 'R', 'R'], block: ['2', '2', '2'] }
}

describe('conditionTask', () => {
  it('medians per condition over the trials that have the event, when at least half do; constant columns only', () => {
    const t = conditionTask([a, b])
    // codes Hit, Miss, CR, FA. go cue: Hit {1.5, 1.5, 1.4} → 1.5; Miss {1.5, 1.6, 1.6} → 1.6; CR 1.5; no FA trials.
    expect(t.events['go_cue_time']).toEqual([1.5, 1.6, 1.5, NaN])
    // response: Hit {1.7, 1.8, 2.0} → 1.8; Miss: 1 of 3 → NaN; CR: none.
    expect(t.events['response_time']).toEqual([1.8, NaN, NaN, NaN])
    // an event only session a kept: b's trials count as trials without it (Hit 2 of 3, Miss 1 of 3, CR 1 of 1)
    expect(t.events['outcome']).toEqual([2, NaN, 2, NaN])
    expect(t.groups).toEqual({ side: ['L', 'R', 'L', ''] })
    // a column one session lacks is left out
    expect(conditionTask([a, { ...b, trialGroups: {} }]).groups).toEqual({})
    expect(conditionTask([makeSession({ name: 'c', units: [], outcomes: ['Hit'], nBins: 1 })])).toEqual({
      events: {},
      groups: {}
    })
  })

  it('columns in the file clock: the trial’s alignment time + its condition’s median; own names kept apart', () => {
    const cols = taskColumns(conditionTask([a, b]), Uint8Array.of(0, 2, 1), Float64Array.of(10, 20, 30))
    expect(Object.keys(cols)).toEqual(['go_cue_time', 'recorded_outcome', 'response_time', 'side'])
    expect(Array.from(cols['go_cue_time']!.data as Float64Array)).toEqual([11.5, 21.5, 31.6])
    expect(Array.from(cols['response_time']!.data as Float64Array)).toEqual([11.8, NaN, NaN])
    expect(cols['side']!.data).toEqual(['L', 'L', 'R'])
  })
})

const PY = '/usr/bin/python3'
const READ = `
import sys, json, h5py, math
with h5py.File(sys.argv[1], 'r') as f:
    t = f['intervals/trials']
    out = {'colnames': [c.decode() if isinstance(c, bytes) else c for c in t.attrs['colnames']]}
    for name in ('go_cue_time', 'response_time'):
        out[name] = [None if math.isnan(v) else v for v in t[name][()].tolist()]
    out['side'] = [v.decode() for v in t['side'][()]]
    out['stimulus_time'] = t['stimulus_time'][()].tolist()
    out['description'] = t['response_time'].attrs['description']
print(json.dumps(out))
`

describe('exported generated trials with the recorded task', () => {
  it.skipIf(h5pyMissing !== null)('h5py reads the event and group columns value by value', async () => {
    const g = generatedFixture() // outcomes Hit, CR, Miss
    g.task = conditionTask([a, b])
    const p = await writeGeneratedNwb(join(dir, 'task.nwb'), g)
    const r = spawnSync(PY, ['-c', READ, p], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout) as Record<string, unknown>
    const { align } = trialTimes(3, 4, g.binning)
    expect(out['stimulus_time']).toEqual(Array.from(align))
    expect(out['colnames']).toEqual([
      'start_time',
      'stop_time',
      'stimulus_time',
      'stimulus_condition',
      'outcome',
      'go_cue_time',
      'recorded_outcome',
      'response_time',
      'side'
    ])
    expect(out['go_cue_time']).toEqual([align[0]! + 1.5, align[1]! + 1.5, align[2]! + 1.6])
    expect(out['response_time']).toEqual([align[0]! + 1.8, null, null])
    expect(out['side']).toEqual(['L', 'L', 'R'])
    expect(out['description']).toMatch(/median time.*NaN when fewer than half/)
  })

  it.skipIf(nwbValidatorMissing !== null)('validates against the NWB 2.7.0 schema with the task columns', async () => {
    const g = generatedFixture()
    g.task = conditionTask([a, b])
    const p = await writeGeneratedNwb(join(dir, 'task-valid.nwb'), g)
    const { ok, report } = validateNwb(p)
    expect(ok, report).toBe(true)
  })
})

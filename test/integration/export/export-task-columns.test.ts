// Generated trials of a run fitted on a task recording (go cue, response, reward per trial) → exported NWB whose
// trials table carries each event at its condition's median (docs/data-formats.md, "Exported generated trials"):
// valid NWB, read back value by value by h5py and by the app's own importer; and the run's comparison views carry
// the same medians per condition (the model views' dashed lines).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as io from '../../../src/main/io/index'
import { median } from '@shared/domain/trial-groups'
import { createContainer, type Container } from '../../../src/main/services/container'
import { ExportsService } from '../../../src/main/services/exports/domain'
import { ComparisonsService } from '../../../src/main/services/comparisons/domain'
import { buildTaskNwb, responseTime, TASK } from '../../helpers/h5-builders/task-nwb'
import { nwbValidatorMissing, validateNwb } from '../../helpers/nwb-validator'
import { h5pyMissing } from '../../helpers/h5py-oracle'
import { fittedRun } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-export-task-'))
let c: Container
let file: string
let runId: string

beforeAll(async () => {
  const recording = await buildTaskNwb(join(dir, 'task.nwb'), { behaviour: true })
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io, appRoot: dir })
  const { dataset } = await c.datasets.import({ files: [recording], name: 'task' })
  runId = await fittedRun(c, dataset.id)
  const res = await new ExportsService(c).exportTrials({
    runId,
    path: join(dir, 'generated.nwb'),
    checkpoint: 'best',
    nPerCondition: 4,
    seed: 3,
    force: false
  })
  file = res.path
}, 120_000)
afterAll(async () => {
  await c?.close()
  rmSync(dir, { recursive: true, force: true })
})

// The recorded medians from the stimulus (the alignment): go cue 1.5 s on every trial; response and reward only on
// hits (none on misses), over the 18 hits.
const hits = Array.from({ length: TASK.trials }, (_, k) => k).filter((k) => TASK.outcome(k) === 'hit')
const RESPONSE = median(hits.map((k) => responseTime(k) - TASK.stim(k)))

const READ = `
import sys, json, h5py, math
with h5py.File(sys.argv[1], 'r') as f:
    t = f['intervals/trials']
    out = {'colnames': [c.decode() if isinstance(c, bytes) else c for c in t.attrs['colnames']],
           'outcome': [v.decode() for v in t['outcome'][()]], 'stimulus_time': t['stimulus_time'][()].tolist()}
    for name in ('go_cue_time', 'response_time', 'reward_time'):
        out[name] = [None if math.isnan(v) else v for v in t[name][()].tolist()]
print(json.dumps(out))
`

it.skipIf(h5pyMissing !== null)('h5py reads each event at its condition’s median, NaN where it does not apply', () => {
  const r = spawnSync('/usr/bin/python3', ['-c', READ, file], { encoding: 'utf8' })
  expect(r.stderr).toBe('')
  const out = JSON.parse(r.stdout) as Record<string, (number | string | null)[]>
  // Trial type and block vary within a condition (hits are left and right, in every block): not written.
  expect(out['colnames']).toEqual([
    'start_time',
    'stop_time',
    'stimulus_time',
    'stimulus_condition',
    'outcome',
    'go_cue_time',
    'response_time',
    'reward_time'
  ])
  const outcome = out['outcome'] as string[]
  // This 2-step model classifies its generated trials as hits (seeded); conditions whose recorded trials lack an
  // event (NaN) are checked in test/unit/model-files/generated-task-columns.test.ts.
  expect(outcome.length).toBe(4)
  outcome.forEach((o, k) => {
    const align = out['stimulus_time']![k] as number
    expect(['Hit', 'Miss']).toContain(o)
    expect(out['go_cue_time']![k]).toBeCloseTo(align + TASK.goCueAfterStim, 9)
    if (o === 'Hit') {
      expect(out['response_time']![k]).toBeCloseTo(align + RESPONSE, 9)
      expect(out['reward_time']![k]).toBeCloseTo(align + RESPONSE + TASK.rewardAfterResponse, 9)
    } else {
      expect(out['response_time']![k]).toBeNull()
      expect(out['reward_time']![k]).toBeNull()
    }
  })
})

it.skipIf(nwbValidatorMissing !== null)('the exported file validates (NWB 2.7.0 schema, 0 errors)', () => {
  const { ok, report } = validateNwb(file)
  expect(ok, report).toBe(true)
})

it('the app’s importer reads the events back, relative to the alignment event', async () => {
  const [s] = await io.readRecording(file, {})
  expect(s!.alignment).toBe('stimulus_time')
  expect(Object.keys(s!.taskEvents ?? {}).sort()).toEqual(['go_cue_time', 'response_time', 'reward_time'])
  s!.trials.forEach((t, i) => {
    expect(s!.taskEvents!['go_cue_time']![i]).toBeCloseTo(TASK.goCueAfterStim, 9)
    if (t.outcome === 'Hit') expect(s!.taskEvents!['response_time']![i]).toBeCloseTo(RESPONSE, 9)
    else expect(s!.taskEvents!['response_time']![i]).toBeNaN()
  })
})

it('the comparison views carry each event’s median per condition over the recorded trials', async () => {
  const svc = new ComparisonsService(c.runLoader)
  const { trials } = await svc.variability({ runId, checkpoint: 'best', generatedPerTrial: 1, seed: 1 })
  const rounded = trials.taskEvents?.map((e) => [e.name, e.outcome, +e.medianS.toFixed(9), e.nTrials])
  expect(rounded).toEqual([
    ['go_cue_time', 'Hit', TASK.goCueAfterStim, 18],
    ['go_cue_time', 'Miss', TASK.goCueAfterStim, 6],
    ['response_time', 'Hit', +RESPONSE.toFixed(9), 18],
    ['reward_time', 'Hit', +(RESPONSE + TASK.rewardAfterResponse).toFixed(9), 18]
  ])
  expect((await svc.behaviour({ runId, checkpoint: 'best', generatedPerTrial: 1, seed: 1 })).trials.taskEvents).toBe(
    trials.taskEvents
  )
})

it('the comparison views carry each recorded trial’s own event times, from its row of the trials table', async () => {
  const svc = new ComparisonsService(c.runLoader)
  const { trials } = await svc.variability({ runId, checkpoint: 'best', generatedPerTrial: 1, seed: 1 })
  const own = trials.recorded.taskEvents ?? []
  expect(own.map((e) => e.name)).toEqual(['go_cue_time', 'response_time', 'reward_time'])
  const response = own[1]!.timeS
  expect(response.length).toBe(trials.recorded.sourceIndex.length)
  // A row's sourceIndex is its row k of the recording's trials table. Responses differ trial to trial
  // (0.25 + 0.01·(k mod 5) s after the go cue), so a condition median would not match them.
  trials.recorded.sourceIndex.forEach((k, r) => {
    const expected = responseTime(k) - TASK.stim(k)
    if (Number.isNaN(expected)) expect(response[r]).toBeNaN()
    else expect(response[r]).toBeCloseTo(expected, 5)
  })
  expect(
    new Set(
      Array.from(response)
        .filter(Number.isFinite)
        .map((t) => t.toFixed(4))
    ).size
  ).toBeGreaterThan(1)
})

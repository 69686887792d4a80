// The one checkpoint choice (best / last / step) and the one loader built on it: a run with three
// checkpoints, the middle one best, loads the checkpoint each reference names, with that checkpoint's state.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import type { ModelParams } from '../../../src/main/engine'
import { openDb, type Db } from '../../../src/main/store/db'
import type { CheckpointRecord } from '../../../src/main/store/checkpoints-repo'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { RunLoader } from '../../../src/main/services/runs/run-loader'
import { pickCheckpoint, RunStore } from '../../../src/main/services/runs/run-store'
import { makeSession } from './helpers/sessions'

const record = (step: number, isBest: boolean): CheckpointRecord => ({
  runId: 'r',
  step,
  file: `f${step}`,
  bytes: 1,
  sha256: '',
  evalLoss: null,
  tTrial: null,
  isBest,
  bestTTrial: null,
  evalsSinceBest: 0,
  elapsedS: 0,
  createdAt: ''
})

describe('pickCheckpoint', () => {
  const newestFirst = [record(30, false), record(20, true), record(10, false)]
  it('best is the flagged one, last the newest, a number that exact step', () => {
    expect(pickCheckpoint(newestFirst, 'best')?.step).toBe(20)
    expect(pickCheckpoint(newestFirst, 'last')?.step).toBe(30)
    expect(pickCheckpoint(newestFirst, 10)?.step).toBe(10)
    expect(pickCheckpoint(newestFirst, 15)).toBeNull()
  })
  it('best falls back to the newest when none is flagged; nothing when there are no checkpoints', () => {
    expect(pickCheckpoint([record(30, false), record(20, false)], 'best')?.step).toBe(30)
    expect(pickCheckpoint([], 'best')).toBeNull()
    expect(pickCheckpoint([], 'last')).toBeNull()
  })
})

describe('RunStore + RunLoader', () => {
  let dir: string
  let db: Db
  const sessions = [makeSession({}, 1), makeSession({ units: 4 }, 2)]
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rsnn-run-store-'))
    db = openDb(join(dir, 'store.db'))
  })
  afterEach(() => {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const params = (w: number): ModelParams => ({
    arrays: { w: { data: new Float32Array([w]), shape: [1], unit: '1', description: 'test' } },
    neuronArea: new Int32Array([0, 1]),
    neuronInhibitory: new Uint8Array([0, 1]),
    neuronMap: { session: new Int32Array([0, -1]), unit: new Int32Array([0, -1]) },
    areas: ['A', 'B']
  })

  async function runWithCheckpoints(store: RunStore): Promise<string> {
    const config = resolveFitConfig({})
    const { split } = prepareFitData(sessions, config.optim.heldOutFraction, null, 'tiny')
    const id = store.create({
      name: 'r',
      datasetId: 'ds1',
      datasetName: 'tiny',
      config,
      split,
      targetSteps: 30,
      timeLimitS: null
    })
    // the best is the highest held-out T'trial (step 20), not the lowest loss (step 10)
    for (const [step, loss, tTrial] of [
      [10, 0.2, 0.3],
      [20, 0.5, 0.6],
      [30, 0.4, 0.5]
    ] as const) {
      const isBest = step !== 30
      await store.writeCheckpoint(id, {
        step,
        state: new Uint8Array([step, 1, 2]),
        params: params(step),
        evalLoss: loss,
        tTrial,
        isBest,
        bestTTrial: step === 10 ? 0.3 : 0.6,
        evalsSinceBest: 0,
        elapsedS: step
      })
    }
    return id
  }

  it('mints distinct, sortable run ids', () => {
    const store = new RunStore(db, dir, 'test')
    const config = resolveFitConfig({})
    const ids = [0, 1, 2].map(() =>
      store.create({
        name: 'r',
        datasetId: 'ds1',
        datasetName: 'tiny',
        config,
        split: [],
        targetSteps: 1,
        timeLimitS: null
      })
    )
    expect(new Set(ids).size).toBe(3)
    for (const id of ids) expect(id).toMatch(/^run-\d{8}-\d{6}-[0-9a-f]{6}$/)
    expect(store.runs.get(ids[0]!).summary.appVersion).toBe('test')
  })

  it('loads the checkpoint each reference names, with its own state and params', async () => {
    const store = new RunStore(db, dir, 'test')
    const id = await runWithCheckpoints(store)
    const loader = new RunLoader(store, { sessions: async () => sessions })
    for (const [ref, step] of [
      ['best', 20],
      ['last', 30],
      [10, 10]
    ] as const) {
      const run = await loader.load(id, ref)
      expect(run.step).toBe(step)
      expect(Array.from(run.state)).toEqual([step, 1, 2])
      expect(run.params.arrays['w']!.data[0]).toBe(step)
      expect(run.data.sessions.map((s) => s.name)).toEqual(sessions.map((s) => s.name))
    }
  })

  it('names the steps it has when a reference names none', async () => {
    const store = new RunStore(db, dir, 'test')
    const id = await runWithCheckpoints(store)
    expect(() => store.checkpointOf(id, 25)).toThrow(/no checkpoint 25 \(checkpoints at steps: 30, 20, 10\)/)
    expect(() => new RunLoader(store, { sessions: async () => sessions }).load(id, 25)).toThrow(/no checkpoint 25/)
  })
})

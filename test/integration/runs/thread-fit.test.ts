// RunsService on real engine worker threads (out/main/engine-worker.js) with the real engine: a worker
// terminated at an arbitrary point leaves the store intact, and resuming gives the uninterrupted fit exactly.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FitProgress } from '@shared/domain/fit'
import { resolveFitConfig } from '@shared/domain/model-config'
import { generateExample } from '../../../src/main/io'
import { ThreadHost } from '../../../src/main/fit-host/thread-host'
import { RunsService } from '../../../src/main/services/runs/runs-service'
import { openDb, type Db } from '../../../src/main/store/db'
import { cliJs, ensureBuilt } from './cli-helpers'

const sessions = generateExample({
  seed: 3,
  sessions: 2,
  unitsPerSession: 20,
  trialsPerSession: 30,
  binning: { dt: 0.002, start: -0.05, stop: 0.15 }
}).sessions
const config = resolveFitConfig({
  model: { neuronsPerArea: 20 },
  optim: { batchSize: 6, steps: 6, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 0, seed: 9 },
  engine: { threads: 1 }
})
const workerPath = join(cliJs, '..', 'engine-worker.js')

let dir: string
let db: Db
const progress: FitProgress[] = []

function service(graceMs = 2000): RunsService {
  return new RunsService({
    db,
    dataDir: dir,
    host: new ThreadHost({ workerPath, graceMs }),
    datasets: {
      resolve: () => ({ id: 'ex', name: 'example' }),
      sessions: async () => sessions,
      fileOf: () => join(dir, 'no-dataset-file.h5')
    },
    emit: (name, payload) => {
      if (name === 'fit.progress') progress.push(payload as FitProgress)
    },
    appVersion: 'test'
  })
}

beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-thread-fit-'))
  db = openDb(join(dir, 'studio.db'))
})
afterAll(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

const losses = (svc: RunsService, id: string) => {
  const c = svc.get(id).curves
  return { step: c.step, total: c.total, psth: c.psth, trial: c.trial, reg: c.reg }
}

describe('fits on engine worker threads', () => {
  it('terminated mid-fit, keeps an intact store and resumes to the uninterrupted result', async () => {
    const svc = service()
    const ref = await svc.start({ datasetId: 'ex', config })
    const refEnd = await svc.waitFor(ref.id)
    expect(refEnd).toMatchObject({ status: 'completed', step: 6, backend: expect.any(String) as string })
    expect(progress.some((p) => p.runId === ref.id && p.sample !== null)).toBe(true)

    // grace 0: cancel terminates the worker at once, wherever it is
    const harsh = service(0)
    const run = await harsh.start({ datasetId: 'ex', config })
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (harsh.runs.get(run.id).summary.checkpointStep >= 2) {
          clearInterval(t)
          harsh.cancel(run.id)
          resolve()
        }
      }, 20)
    })
    const stopped = await harsh.waitFor(run.id)
    expect(stopped.status).toBe('cancelled')
    expect(stopped.checkpointStep).toBeGreaterThanOrEqual(2)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')

    const resumed = await svc.resume(run.id)
    expect(resumed.status).toBe('running')
    const end = await svc.waitFor(run.id)
    expect(end).toMatchObject({ status: 'completed', step: 6 })
    expect(losses(svc, run.id)).toEqual(losses(svc, ref.id))
    expect(svc.get(run.id).evaluations).toEqual(svc.get(ref.id).evaluations)
    expect(end.metrics).toEqual(refEnd.metrics)
  })
})

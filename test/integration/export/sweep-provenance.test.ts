// A run that came from a sweep task carries that task into what is exported from it: the model file's provenance
// names the sweep, the task index and parameters, the host and the Slurm job / array ids.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunSweep } from '@shared/domain/sweep'
import { readModelFile } from '../../../src/main/model-files/model-h5'
import type { Container } from '../../../src/main/services/container'
import { ExportsService } from '../../../src/main/services/exports/domain'
import { fittedRun, storeWithExample } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-sweep-prov-'))
let c: Container
let datasetId: string
beforeAll(async () => {
  ;({ c, datasetId } = await storeWithExample(dir))
})
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('sweep provenance in exports', () => {
  it("the model file of a sweep task's run names the task, its parameters, host and Slurm ids; a plain run has none", async () => {
    const sweep: RunSweep = {
      sweepId: 'tm-vs-latent-0123456789',
      sweepName: 'tm vs latent',
      index: 5,
      params: { dataset: 'example', 'loss.trialCoeff': 20, seed: 2 },
      host: 'node17',
      slurm: { jobId: '4242', arrayJobId: '4237', arrayTaskId: '5' }
    }
    const fromSweep = await fittedRun(c, datasetId)
    c.runStore.runs.setSweep(fromSweep, sweep)
    const plain = await fittedRun(c, datasetId)
    const exports = new ExportsService(c)
    const a = await exports.exportModel({
      runId: fromSweep,
      path: join(dir, 'sweep-task.h5'),
      checkpoint: 'best',
      force: false
    })
    const b = await exports.exportModel({ runId: plain, path: join(dir, 'plain.h5'), checkpoint: 'best', force: false })
    expect((await readModelFile(a.path)).provenance.sweep).toEqual(sweep)
    expect((await readModelFile(b.path)).provenance.sweep).toBeUndefined()
  })
})

// runs.evaluate --recompute, run loads and the files of exports in a worker thread per call (services/isolated), as
// browser mode and the CLI run them: the calling (server) thread never loads h5wasm, so it keeps no read's peak;
// the numbers are those of the in-thread work bit for bit; errors come back as one line naming the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as io from '../../../src/main/io'
import { readModelFile } from '../../../src/main/model-files/model-h5'
import { createContainer, type Container } from '../../../src/main/services/container'
import { isolatedWork } from '../../../src/main/services/isolated/isolated-work'
import { cli, ensureBuilt, importExample, lastJson, root, writeTinyConfig } from './cli-helpers'

// Counts loads of h5wasm in THIS thread (the worker threads load their own, unmocked).
const h5wasm = vi.hoisted(() => ({ loads: 0 }))
vi.mock('h5wasm/node', async (importOriginal) => {
  h5wasm.loads++
  return importOriginal()
})

const WORKER = join(root, 'out/main/isolated-worker.js')
let store: string
let out: string
let runId: string
let fitMetrics: Record<string, unknown>
let isolated: Container
let inThread: Container | undefined

beforeAll(async () => {
  ensureBuilt()
  store = mkdtempSync(join(tmpdir(), 'rsnn-isolated-eval-'))
  out = mkdtempSync(join(tmpdir(), 'rsnn-isolated-eval-out-'))
  // The store is filled by CLI processes: this thread has not touched HDF5 when the tests start.
  const dataset = await importExample(store)
  const config = writeTinyConfig(store)
  const fit = await cli(['fit', dataset, '--config', config, '--steps', '4', '--seed', '3', '--json', '--store', store])
  if (fit.code !== 0) throw new Error(`fit failed: ${fit.stderr}`)
  ;({ run: runId, metrics: fitMetrics } = lastJson<{ run: string; metrics: Record<string, unknown> }>(fit))
  const work = isolatedWork({ workerPath: WORKER })
  isolated = await createContainer({ dataDir: store, mode: 'browser', io: { ...io, ...work.io }, work: work.work })
}, 180_000)
afterAll(async () => {
  await isolated?.close()
  await inThread?.close()
  rmSync(store, { recursive: true, force: true })
  rmSync(out, { recursive: true, force: true })
})

const exportModel = async (c: Container, path: string) =>
  c.handlers['exports.model']!({ runId, path, checkpoint: 'best', force: false })
const exportTrials = async (c: Container, path: string) =>
  c.handlers['exports.trials']!({ runId, path, checkpoint: 'best', nPerCondition: 2, seed: 1, force: false })

const evaluate = async (c: Container, checkpoint: 'best' | 'last') =>
  c.handlers['runs.evaluate']!({ id: runId, checkpoint, recompute: true })

describe('evaluations and run loads in a worker thread', () => {
  let best: Awaited<ReturnType<typeof evaluate>>
  let last: Awaited<ReturnType<typeof evaluate>>
  let loaded: Awaited<ReturnType<Container['runLoader']['load']>>
  let trials: Awaited<ReturnType<typeof exportTrials>>

  it('recomputes the fit’s metrics and loads the run without loading h5wasm in the calling thread', async () => {
    best = await evaluate(isolated, 'best')
    last = await evaluate(isolated, 'last')
    expect(last.step).toBe(4)
    expect(last.metrics).toEqual(fitMetrics)
    // comparisons, exports and perturbations start from a loaded run: checkpoint and dataset read in the worker
    loaded = await isolated.runLoader.load(runId, 'best')
    expect(loaded.step).toBe(best.step)
    expect(Object.keys(loaded.params.arrays).length).toBeGreaterThan(0)
    expect(h5wasm.loads, 'h5wasm loaded in the calling thread').toBe(0)
  }, 120_000)

  it('writes the files of exports without loading h5wasm in the calling thread; refusals name the file', async () => {
    const model = await exportModel(isolated, join(out, 'model.h5'))
    expect(model.checkpointStep).toBe(best.step)
    trials = await exportTrials(isolated, join(out, 'trials.nwb'))
    expect(trials.nTrials).toBeGreaterThan(0)
    const refused = await exportModel(isolated, join(out, 'model.h5')).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'CONFLICT', file: join(out, 'model.h5') })
    expect(h5wasm.loads, 'h5wasm loaded in the calling thread').toBe(0)
  }, 120_000)

  it('gives the in-thread numbers bit for bit (the engine evaluating in this thread, as before)', async () => {
    inThread = await createContainer({ dataDir: store, mode: 'cli', io })
    expect(isDeepStrictEqual(await evaluate(inThread, 'best'), best)).toBe(true)
    expect(isDeepStrictEqual(await evaluate(inThread, 'last'), last)).toBe(true)
    const here = await inThread.runLoader.load(runId, 'best')
    expect(isDeepStrictEqual(here.params, loaded.params)).toBe(true)
    expect(isDeepStrictEqual(here.state, loaded.state)).toBe(true)
    expect(isDeepStrictEqual(here.data, loaded.data)).toBe(true)
    expect(h5wasm.loads, 'the in-thread path does load h5wasm here (the counter works)').toBe(1)

    await exportModel(inThread, join(out, 'model-here.h5'))
    const [there, hereModel] = [
      await readModelFile(join(out, 'model.h5')),
      await readModelFile(join(out, 'model-here.h5'))
    ]
    const { provenance: p1, ...rest1 } = there
    const { provenance: p2, ...rest2 } = hereModel
    expect(isDeepStrictEqual(rest1, rest2)).toBe(true)
    expect({ ...p1, exportedAt: null }).toEqual({ ...p2, exportedAt: null })
    const trialsHere = await exportTrials(inThread, join(out, 'trials-here.nwb'))
    expect({ ...trials, path: null, bytes: null }).toEqual({ ...trialsHere, path: null, bytes: null })

    // a model file read in the worker becomes a run that evaluates to the exported checkpoint's numbers
    const imported = await isolated.handlers['exports.importModel']!({ path: join(out, 'model.h5') })
    const again = await isolated.handlers['runs.evaluate']!({ id: imported.runId, checkpoint: 'best', recompute: true })
    expect(isDeepStrictEqual(again.metrics, best.metrics)).toBe(true)
  }, 120_000)

  it('refuses a changed checkpoint file with the in-thread error: one line naming the file', async () => {
    const c = isolated.runStore.checkpointOf(runId, 'last')
    const file = isolated.runStore.pathOf(c)
    const original = readFileSync(file)
    const changed = Buffer.from(original)
    changed[changed.length >> 1]! ^= 0xff
    writeFileSync(file, changed)
    try {
      const there = await evaluate(isolated, 'last').catch((e: unknown) => e)
      const here = await evaluate(inThread!, 'last').catch((e: unknown) => e)
      expect(there).toMatchObject({ code: 'HDF5_UNREADABLE', file, message: (here as Error).message })
      expect((there as Error).message).not.toContain('\n')
    } finally {
      writeFileSync(file, original)
    }
  }, 60_000)
})

// runs.evaluate --recompute and run loads in a worker thread per call (services/isolated), as browser mode and the
// CLI run them: the calling (server) thread never loads h5wasm, so it keeps no read's peak; the numbers are those
// of the in-thread evaluation bit for bit; errors come back as one line naming the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as io from '../../../src/main/io'
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
let runId: string
let fitMetrics: Record<string, unknown>
let isolated: Container
let inThread: Container | undefined

beforeAll(async () => {
  ensureBuilt()
  store = mkdtempSync(join(tmpdir(), 'rsnn-isolated-eval-'))
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
})

const evaluate = async (c: Container, checkpoint: 'best' | 'last') =>
  c.handlers['runs.evaluate']!({ id: runId, checkpoint, recompute: true })

describe('evaluations and run loads in a worker thread', () => {
  let best: Awaited<ReturnType<typeof evaluate>>
  let last: Awaited<ReturnType<typeof evaluate>>
  let loaded: Awaited<ReturnType<Container['runLoader']['load']>>

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

  it('gives the in-thread numbers bit for bit (the engine evaluating in this thread, as before)', async () => {
    inThread = await createContainer({ dataDir: store, mode: 'cli', io })
    expect(isDeepStrictEqual(await evaluate(inThread, 'best'), best)).toBe(true)
    expect(isDeepStrictEqual(await evaluate(inThread, 'last'), last)).toBe(true)
    const here = await inThread.runLoader.load(runId, 'best')
    expect(isDeepStrictEqual(here.params, loaded.params)).toBe(true)
    expect(isDeepStrictEqual(here.state, loaded.state)).toBe(true)
    expect(isDeepStrictEqual(here.data, loaded.data)).toBe(true)
    expect(h5wasm.loads, 'the in-thread path does load h5wasm here (the counter works)').toBe(1)
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

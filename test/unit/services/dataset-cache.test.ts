// DatasetsService's cache of decoded sessions: bounded by bytes (RSNN_DATASET_CACHE_BYTES), least recently used
// evicted first, the newest entry kept alone when it exceeds the budget, evicted datasets decoded again identically.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createContainer, type Container } from '../../../src/main/services/container'
import { sessionBytes } from '../../../src/main/services/datasets/session-cache'
import { fakeIo, makeSession, writeRecording, type FakeIoControls } from './fake-io'

let dir: string
let fake: FakeIoControls
let c: Container

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-cache-'))
  fake = fakeIo()
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io: fake.io, appRoot: dir })
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Imports a one-session dataset of `units` units × 10 trials × 10 bins (binned counts: 100 bytes per unit). */
async function dataset(name: string, units: number): Promise<string> {
  const file = join(dir, `${name}.json`)
  const s = makeSession({
    name,
    units: Array.from({ length: units }, () => ({ area: 'A1' })),
    outcomes: Array.from({ length: 10 }, (_, k) => (k % 2 ? 'Hit' : 'Miss')),
    nBins: 10,
    count: (k, t, u) => (k + t + u) % 3
  })
  writeRecording(file, [s])
  const { dataset } = await c.datasets.import({ files: [file], name })
  c.datasets.cache.delete(dataset.id) // start from the file, as after a restart
  return dataset.id
}

const decodes = (): number => fake.calls.filter((x) => x.startsWith('readH5')).length
const cached = (): string[] => c.datasets.cache.state().ids

describe('dataset cache', () => {
  it('counts the typed arrays a session holds', () => {
    const s = makeSession({ name: 's', units: [{ area: 'A' }, { area: 'B' }], outcomes: ['Hit', 'Miss'], nBins: 5 })
    s.spikeTimes = [new Float64Array(3), new Float64Array(4)]
    s.behaviour = { jaw: new Float32Array(10) }
    s.taskEvents = { go: new Float64Array(2) }
    expect(sessionBytes([s, s])).toBe(2 * (2 * 5 * 2 + 7 * 8 + 10 * 4 + 2 * 8))
  })

  it('keeps datasets within the byte budget, evicting the least recently used first; a hit refreshes recency', async () => {
    vi.stubEnv('RSNN_DATASET_CACHE_BYTES', '500')
    const a = await dataset('a', 2) // 200 bytes
    const b = await dataset('b', 2) // 200 bytes
    const cc = await dataset('c', 1) // 100 bytes
    await c.datasets.sessions(a)
    await c.datasets.sessions(b)
    expect(cached()).toEqual([a, b])
    expect(c.datasets.cache.state().bytes).toBe(400)
    await c.datasets.sessions(a) // hit: a becomes the most recent
    expect(decodes()).toBe(2)
    expect(cached()).toEqual([b, a])
    await c.datasets.sessions(cc) // 500 bytes in all: within the budget, nothing evicted
    expect(cached()).toEqual([b, a, cc])
    const d = await dataset('d', 1) // 100 more: b (least recently used) goes, not a
    await c.datasets.sessions(d)
    expect(cached()).toEqual([a, cc, d])
    expect(c.datasets.cache.state().bytes).toBe(400)
    await c.datasets.sessions(b) // decoded again: 600 bytes, so a (now the least recently used) goes
    expect(decodes()).toBe(5)
    expect(cached()).toEqual([cc, d, b])
  })

  it('keeps the newest dataset alone when it exceeds the budget, so calls in a row decode it once', async () => {
    vi.stubEnv('RSNN_DATASET_CACHE_BYTES', '500')
    const small = await dataset('small', 1)
    const big = await dataset('big', 8) // 800 bytes > budget
    await c.datasets.sessions(small)
    await c.datasets.sessions(big)
    expect(cached()).toEqual([big])
    await c.datasets.raster(big, 0, 'A1')
    await c.datasets.psth(big, 0, 0)
    expect(decodes()).toBe(2)
    await c.datasets.sessions(small) // the big one leaves for the small one
    expect(cached()).toEqual([small])
  })

  it('decodes a dataset once for calls that arrive while it is being decoded', async () => {
    const a = await dataset('a', 2)
    await Promise.all([c.datasets.raster(a, 0, 'A1'), c.datasets.psth(a, 0, 0), c.datasets.behaviour(a, 0)])
    expect(decodes()).toBe(1)
  })

  it('gives the same views after an eviction (decoded again from the file)', async () => {
    vi.stubEnv('RSNN_DATASET_CACHE_BYTES', '250')
    const a = await dataset('a', 2)
    const b = await dataset('b', 2)
    const before = { raster: await c.datasets.raster(a, 0, 'A1'), psth: await c.datasets.psth(a, 0, 0) }
    await c.datasets.sessions(b)
    expect(cached()).toEqual([b])
    const after = { raster: await c.datasets.raster(a, 0, 'A1'), psth: await c.datasets.psth(a, 0, 0) }
    expect(decodes()).toBe(3)
    expect(after).toEqual(before)
    expect(before.raster.spikeTrial.length).toBeGreaterThan(0)
  })

  it('drops a deleted dataset, also one deleted while it was being decoded', async () => {
    const a = await dataset('a', 2)
    await c.datasets.sessions(a)
    c.datasets.delete(a)
    expect(c.datasets.cache.state()).toEqual({ ids: [], bytes: 0 })
    const b = await dataset('b', 2)
    const decoding = c.datasets.sessions(b)
    c.datasets.delete(b)
    await decoding
    expect(c.datasets.cache.state()).toEqual({ ids: [], bytes: 0 })
  })
})

// datasets.raster through the RPC dispatch (zod on the way in and out): an area with more spikes than a page
// (RSNN_RASTER_PAGE_SPIKES) comes back as one page of whole trials that says which rows it holds; asking from its
// end gives the rest, and the pages together are the raster a single reply would hold.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { Raster } from '@shared/contract/datasets-methods'
import { createDispatch, type Dispatch } from '../../../src/main/rpc/dispatch'
import { createContainer, type Container } from '../../../src/main/services/container'
import { fakeIo, makeSession, writeRecording } from '../../unit/services/fake-io'

let dir: string
let c: Container
let dispatch: Dispatch
let id: string

// 40 trials × 10 bins × 5 units, 10 spikes per trial (one per unit in bins 0 and 5): 400 spikes in the area
const K = 40
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-raster-pages-'))
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'browser', io: fakeIo().io, appRoot: dir })
  dispatch = createDispatch(c.handlers, { validateOutput: true })
  const rec = join(dir, 'rec.json')
  writeRecording(rec, [
    makeSession({
      name: 's',
      units: Array.from({ length: 5 }, () => ({ area: 'A1' })),
      outcomes: Array.from({ length: K }, (_, k) => (k % 3 ? 'Hit' : 'Miss')),
      nBins: 10,
      count: (_k, t) => (t % 5 === 0 ? 1 : 0)
    })
  ])
  id = (await c.datasets.import({ files: [rec] })).dataset.id
})
afterEach(async () => {
  vi.unstubAllEnvs()
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

async function raster(input: Record<string, unknown>): Promise<Raster> {
  const r = await dispatch('datasets.raster', { id, session: 0, area: 'A1', ...input })
  if (!r.ok) throw new Error(r.error.message)
  return r.value as Raster
}

it('sends one page of an area with more spikes than a page, then the rest from where it ended', async () => {
  const whole = await raster({})
  expect(whole.spikeRows).toEqual({ first: 0, end: K })
  expect(whole.spikeTrial.length).toBe(K * 10)

  vi.stubEnv('RSNN_RASTER_PAGE_SPIKES', '250') // 25 trials' spikes
  const first = await raster({})
  expect(first.trials).toHaveLength(K) // every row is described…
  expect(first.spikeRows).toEqual({ first: 0, end: 25 }) // …the spikes of the first 25 come
  expect(first.spikeTrial.length).toBe(250)
  expect(Math.max(...first.spikeTrial)).toBe(24)
  const rest = await raster({ fromRow: first.spikeRows.end })
  expect(rest.spikeRows).toEqual({ first: 25, end: K })
  expect(rest.spikeTrial.length).toBe(150)
  expect(Math.min(...rest.spikeTrial)).toBe(25)
  for (const f of ['spikeTrial', 'spikeUnit', 'spikeBin'] as const)
    expect([...first[f], ...rest[f]]).toEqual([...whole[f]])
})

it("sends one unit's spikes when asked, in pages too", async () => {
  vi.stubEnv('RSNN_RASTER_PAGE_SPIKES', '30') // 15 trials of one unit's 2 spikes
  const first = await raster({ unit: 3 })
  expect(first.spikeRows).toEqual({ first: 0, end: 15 })
  expect(new Set(first.spikeUnit)).toEqual(new Set([3]))
  expect([...first.spikeBin]).toEqual(Array.from({ length: 15 }, () => [0, 5]).flat())
  const r = await dispatch('datasets.raster', { id, session: 0, area: 'A1', unit: 5 })
  expect(r).toMatchObject({ ok: false, error: { code: 'BAD_VALUE', field: 'unit' } })
})

it('refuses a first row past the trials, naming the field', async () => {
  const r = await dispatch('datasets.raster', { id, session: 0, area: 'A1', fromRow: K + 1 })
  expect(r).toMatchObject({ ok: false, error: { code: 'BAD_VALUE', field: 'fromRow' } })
  const neg = await dispatch('datasets.raster', { id, session: 0, area: 'A1', fromRow: -1 })
  expect(neg).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
})

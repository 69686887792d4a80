// Ceilings by smoothing width through the services: computed at import, cached in the store (one row, removed with
// the dataset), in datasets.show, and the suggestion for given time constants / a smoothing the user set.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Handlers } from '@shared/contract/methods'
import { createContainer, type Container } from '../../../src/main/services/container'
import { suggestDtMs } from '@shared/domain/timescale'
import { fakeIo, writeRecording, type FakeIoControls } from './fake-io'
import { plantedSession } from './planted-session'

let dir: string
let fake: FakeIoControls
let c: Container
let rec: string
const h = (): Handlers => c.handlers as Handlers
const ceilingRows = (): number => (c.db.prepare('SELECT COUNT(*) AS n FROM dataset_ceilings').get() as { n: number }).n

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-ts-'))
  fake = fakeIo()
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io: fake.io, appRoot: dir })
  rec = join(dir, 'slow.json')
  writeRecording(rec, [plantedSession({ tauMs: 200 })])
})
afterEach(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('dataset time scale', () => {
  it('the import report carries the ceilings by smoothing and a suggestion; show reads them from the store', async () => {
    const r = await h()['datasets.import']({ files: [rec], name: 'slow' })
    const ladder = r.ceilings_by_smoothing!
    expect(ladder.map((p) => p.filter_ms)).toEqual([5, 10, 20, 50, 100, 200])
    expect(ladder[0]!.psth_r!).toBeLessThan(ladder[4]!.psth_r!)
    expect(r.timescale!.filterMs).toBeGreaterThanOrEqual(50)
    expect(r.timescale!.dtMs).toBe(2)
    expect(r.timescale!.reason).toMatch(/^PSTH r ceiling .* at 5 ms, .*: smoothing \d+ ms, dt 2 ms$/)
    expect(ceilingRows()).toBe(1)
    fake.calls.length = 0
    const shown = await h()['datasets.show']({ id: 'slow' })
    expect(shown.ceilings_by_smoothing).toEqual(ladder)
    expect(fake.calls.filter((x) => x.startsWith('readH5'))).toEqual([]) // from the cache, not recomputed
    await h()['datasets.delete']({ id: 'slow' })
    expect(ceilingRows()).toBe(0)
  })

  it('timescale.suggest chooses dt for the given time constants and keeps a smoothing that was set', async () => {
    await h()['datasets.import']({ files: [rec], name: 'slow' })
    const auto = await h()['timescale.suggest']({ id: 'slow', tauExcMs: 40, tauInhMs: 40 })
    expect(auto.dataDtMs).toBeCloseTo(2, 9)
    const { filterMs, dtMs } = auto.suggestion!
    expect(dtMs).toBe(suggestDtMs(filterMs, { tauExcMs: 40, tauInhMs: 40 }))
    expect(dtMs).toBe(5) // τ 40 ms allows up to 8 ms, and the width (≥ 50 ms) at least 12.5 ms
    const set = await h()['timescale.suggest']({ id: 'slow', filterMs: 12 })
    expect(set.suggestion).toMatchObject({ filterMs: 12, dtMs: 2 })
  })
})

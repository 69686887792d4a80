// DatasetsService on a real temp store with a fake io: import, re-import, atomic failure, rename/delete, views.
import { mkdtempSync, readdirSync, rmSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { createContainer, type Container } from '../../../src/main/services/container'
import { fakeIo, makeSession, writeRecording, type FakeIoControls } from './fake-io'

let dir: string
let fake: FakeIoControls
let c: Container
let recA: string
let recB: string

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-ds-'))
  fake = fakeIo()
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io: fake.io, appRoot: dir })
  recA = join(dir, 'a.json')
  recB = join(dir, 'b.json')
  writeRecording(recA, [
    makeSession({
      name: 's1',
      units: [{ area: 'A1' }, { area: 'A2' }, { area: 'A1', type: 'I' }],
      outcomes: ['Hit', 'Miss', 'Hit', 'FA', 'CR'],
      nBins: 5
    }),
    makeSession({ name: 's2', units: [{ area: 'A2' }], outcomes: ['CR', 'FA'], nBins: 5 })
  ])
  writeRecording(recB, [makeSession({ name: 'b1', units: [{ area: 'A1' }], outcomes: ['Hit', 'Miss'], nBins: 5 })])
})
afterEach(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

const storeFiles = (): string[] => readdirSync(join(dir, 'store', 'datasets'))

describe('DatasetsService.import', () => {
  it('imports sessions with per-area units, per-outcome trials and the window, and emits progress', async () => {
    const events: string[] = []
    c.events.subscribe((e) => events.push(e.name))
    const r = await c.datasets.import({ files: [recA], name: 'first' })
    expect(r.existing).toBe(false)
    expect(r.warnings).toEqual([])
    expect(r.dataset).toMatchObject({ name: 'first', sessions: 2, areas: ['A1', 'A2'], nUnits: 4, nTrials: 7 })
    expect(r.sessions[0]).toMatchObject({
      name: 's1',
      unitsPerArea: { A1: 2, A2: 1 },
      trialsPerOutcome: { Hit: 2, Miss: 1, CR: 1, FA: 1 }
    })
    expect(r.sessions[0]!.window).toEqual({ start: -0.05, stop: -0.05 + 5 * 0.01, dt: 0.01 })
    expect(storeFiles()).toEqual([`${r.dataset.id}.h5`])
    expect(events).toContain('import.progress')
    expect(events).toContain('datasets.changed')
    expect(c.datasets.repo.units(r.dataset.id, 0).map((u) => u.type)).toEqual(['E', 'E', 'I'])
  })

  it('recognises a re-import of the same content and mapping, but not with another mapping', async () => {
    const first = await c.datasets.import({ files: [recA] })
    const again = await c.datasets.import({ files: [recA] })
    expect(again.existing).toBe(true)
    expect(again.dataset.id).toBe(first.dataset.id)
    expect(again.message).toMatch(/already imported/)
    const other = await c.datasets.import({ files: [recA], mapping: { align: 'stim_time' } })
    expect(other.existing).toBe(false)
    expect(other.dataset.name).toBe('a (2)')
    expect(c.datasets.list()).toHaveLength(2)
  })

  it('leaves nothing behind when reading fails, and earlier datasets stay intact', async () => {
    const keep = await c.datasets.import({ files: [recB] })
    fake.failRead = new AppError('HDF5_TRUNCATED', 'truncated', { file: recA, field: '/units' })
    await expect(c.datasets.import({ files: [recA] })).rejects.toMatchObject({
      code: 'HDF5_TRUNCATED',
      field: '/units'
    })
    expect(c.datasets.list().map((d) => d.id)).toEqual([keep.dataset.id])
    expect(storeFiles()).toEqual([`${keep.dataset.id}.h5`])
    expect((await c.datasets.sessions(keep.dataset.id))[0]!.name).toBe('b1')
  })

  it('removes a half-written temp file when writing fails', async () => {
    fake.failWrite = new AppError('IO_ERROR', 'disk full')
    await expect(c.datasets.import({ files: [recA] })).rejects.toMatchObject({ code: 'IO_ERROR' })
    expect(storeFiles()).toEqual([])
    expect(c.datasets.list()).toEqual([])
  })

  it('rolls the rows back when the final rename fails', async () => {
    // The id is random, so squat the final name with a non-empty directory right after the temp file is written.
    const io = fake.io
    const origWrite = io.writeSessionsH5.bind(io)
    io.writeSessionsH5 = async (path, sessions, meta) => {
      await origWrite(path, sessions, meta)
      const finalPath = path.replace(/\/\.([0-9a-f]+\.h5)\.\d+-[0-9a-f]{8}\.tmp$/, '/$1')
      mkdirSync(join(finalPath, 'occupied'), { recursive: true })
    }
    await expect(c.datasets.import({ files: [recA] })).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST|directory/i)
    expect(c.datasets.list()).toEqual([])
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM sessions').get()).toEqual({ n: 0 })
    expect(storeFiles().filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it("passes the readers' warnings on, prefixed with the file name", async () => {
    fake.io.readRecordingReport = async (file, mapping) => ({
      sessions: await fake.io.readRecording(file, mapping),
      warnings: ['3 trials outside the recording dropped']
    })
    const r = await c.datasets.import({ files: [recA] })
    expect(r.warnings).toEqual(['a.json: 3 trials outside the recording dropped'])
    const p = await c.datasets.preview({ files: [recA], area: 'A2' })
    expect(p.warnings).toEqual(['a.json: 3 trials outside the recording dropped'])
    expect(p.raster?.area).toBe('A2')
    expect(p.sessions.map((s) => s.name)).toEqual(['s1', 's2'])
    expect(c.datasets.list()).toHaveLength(1) // preview stores nothing
  })

  it('excludes a stimulus condition with fewer than 2 trials, counted in the warnings (the preview says the same)', async () => {
    const one = join(dir, 'one.json')
    const jaw = (k: number, t: number): number => 10 * k + t
    writeRecording(one, [
      makeSession({
        name: 'o1',
        units: [{ area: 'A1' }],
        outcomes: ['Hit', 'CR', 'Miss'],
        nBins: 5,
        jaw,
        count: (k) => k
      })
    ])
    const why =
      'one.json: session "o1": 1 trial excluded, in stimulus conditions with fewer than 2 trials (condition 0: 1 trial): a fit could not evaluate them'
    const r = await c.datasets.import({ files: [one] })
    expect(r.warnings).toEqual([why])
    expect(r.sessions[0]!.trialsPerOutcome).toEqual({ Hit: 1, Miss: 1, CR: 0, FA: 0 })
    // The kept trials keep their own rows of spikes and behaviour.
    const [s] = await c.datasets.sessions(r.dataset.id)
    expect(s!.trials.map((t) => t.sourceIndex)).toEqual([0, 2])
    expect(Array.from(s!.spikes!)).toEqual([0, 0, 0, 0, 0, 2, 2, 2, 2, 2])
    expect(Array.from(s!.behaviour['jaw']!)).toEqual([0, 1, 2, 3, 4, 20, 21, 22, 23, 24])
    expect((await c.datasets.preview({ files: [one] })).warnings).toEqual([why])
  })

  it('refuses a session where no stimulus condition has 2 trials (the preview warns), storing nothing', async () => {
    const one = join(dir, 'one.json')
    writeRecording(one, [makeSession({ name: 'o1', units: [{ area: 'A1' }], outcomes: ['Hit', 'CR'], nBins: 5 })])
    const why =
      'session "o1" has no stimulus condition with at least 2 trials (condition 0: 1 trial, condition 1: 1 trial): a fit on it cannot be evaluated; choose another stimulus column or trials table'
    await expect(c.datasets.import({ files: [one] })).rejects.toMatchObject({
      code: 'BAD_VALUE',
      file: 'o1.nwb',
      field: 'stimulusColumn'
    })
    await expect(c.datasets.import({ files: [one] })).rejects.toThrow(why)
    expect(c.datasets.list()).toEqual([])
    expect((await c.datasets.preview({ files: [one] })).warnings).toEqual([
      `one.json: ${why}; the import will refuse it`
    ])
  })

  it('refuses missing files naming the file', async () => {
    await expect(c.datasets.import({ files: [join(dir, 'nope.nwb')] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      file: join(dir, 'nope.nwb')
    })
  })
})

describe('DatasetsService list/show/rename/delete', () => {
  it('resolves by id or unique name, renames with conflict check, deletes rows and file', async () => {
    const a = await c.datasets.import({ files: [recA], name: 'alpha' })
    const b = await c.datasets.import({ files: [recB], name: 'beta' })
    expect(c.datasets.show('alpha').dataset.id).toBe(a.dataset.id)
    expect(c.datasets.show(b.dataset.id).files[0]!.path).toBe(recB)
    expect(() => c.datasets.rename('alpha', 'beta')).toThrow(/already named "beta"/)
    expect(c.datasets.rename('alpha', 'gamma').name).toBe('gamma')
    expect(c.datasets.delete('gamma')).toEqual({ id: a.dataset.id, name: 'gamma' })
    expect(c.datasets.list().map((d) => d.name)).toEqual(['beta'])
    expect(storeFiles()).toEqual([`${b.dataset.id}.h5`])
    expect(c.db.prepare('SELECT COUNT(*) AS n FROM units WHERE dataset_id = ?').get(a.dataset.id)).toEqual({ n: 0 })
    expect(() => c.datasets.show('gamma')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', field: 'id' }) as Error)
  })
})

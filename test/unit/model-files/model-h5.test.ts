// Model HDF5 file: exact round trip, sidecar, and every refusal (folder, clash, version, missing datasets).
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { h5 } from '../../../src/main/model-files/h5'
import { readModelFile, writeModelFile } from '../../../src/main/model-files/model-h5'
import { modelFixture } from './model-fixture'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-model-h5-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function expectAppError(p: Promise<unknown>, code: string, ...fragments: string[]): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(AppError)
  const e = err as AppError
  expect(e.code).toBe(code)
  for (const f of fragments) expect(e.message).toContain(f)
  return e
}

describe('model file round trip', () => {
  it('reads back every parameter, map, config, provenance and the state bytes exactly', async () => {
    const c = modelFixture()
    const out = await writeModelFile(join(dir, 'm.h5'), c)
    const back = await readModelFile(out.path)
    expect(back.config).toEqual(c.config)
    expect(back.provenance).toEqual(c.provenance)
    expect(back.recordedSessions).toEqual(c.recordedSessions)
    expect(back.split).toEqual(c.split)
    expect(Buffer.from(back.state).equals(Buffer.from(c.state))).toBe(true)
    expect(back.params.areas).toEqual(c.params.areas)
    expect(back.params.neuronArea).toEqual(c.params.neuronArea)
    expect(back.params.neuronInhibitory).toEqual(c.params.neuronInhibitory)
    expect(back.params.neuronMap.session).toEqual(c.params.neuronMap.session)
    expect(back.params.neuronMap.unit).toEqual(c.params.neuronMap.unit)
    expect(Object.keys(back.params.arrays)).toEqual(Object.keys(c.params.arrays))
    for (const [name, a] of Object.entries(c.params.arrays)) {
      const b = back.params.arrays[name]!
      expect(b.shape).toEqual(a.shape)
      expect(b.unit).toBe(a.unit)
      expect(b.description).toBe(a.description)
      expect(Buffer.from(b.data.buffer).equals(Buffer.from(a.data.buffer))).toBe(true)
    }
  })

  it('writes a JSON sidecar with configuration, provenance and the parameter list', async () => {
    const out = await writeModelFile(join(dir, 'side.h5'), modelFixture())
    expect(out.sidecarPath).toBe(join(dir, 'side.h5.json'))
    const side = JSON.parse(readFileSync(out.sidecarPath, 'utf8')) as Record<string, unknown>
    expect(side['format']).toBe('rsnn-studio-model')
    expect(side['modelFile']).toBe('side.h5')
    expect((side['provenance'] as { runId: string }).runId).toBe('run-1')
    expect((side['config'] as { optim: { seed: number } }).optim.seed).toBe(7)
    expect((side['parameters'] as { name: string }[]).map((p) => p.name)).toContain('w_rec_d1')
    expect(side['structure']).toEqual({ areas: ['wS1', 'ALM'], nNeurons: 6, nInhibitory: 2, nRecordedNeurons: 4 })
  })
})

describe('refused exports leave nothing behind', () => {
  it('refuses a missing folder', async () => {
    await expectAppError(writeModelFile(join(dir, 'nope', 'm.h5'), modelFixture()), 'NOT_FOUND', 'does not exist')
  })

  it('refuses a read-only folder and writes nothing into it', async () => {
    const ro = join(dir, 'ro')
    mkdirSync(ro)
    chmodSync(ro, 0o555)
    try {
      await expectAppError(writeModelFile(join(ro, 'm.h5'), modelFixture()), 'IO_ERROR', 'read-only')
      expect(readdirSync(ro)).toEqual([])
    } finally {
      chmodSync(ro, 0o755)
    }
  })

  it('refuses a name clash unless forced, for the model file and for its sidecar', async () => {
    const sub = join(dir, 'clash')
    mkdirSync(sub)
    writeFileSync(join(sub, 'm.h5'), 'keep me')
    await expectAppError(writeModelFile(join(sub, 'm.h5'), modelFixture()), 'CONFLICT', 'already exists')
    expect(readFileSync(join(sub, 'm.h5'), 'utf8')).toBe('keep me')
    expect(readdirSync(sub)).toEqual(['m.h5'])
    writeFileSync(join(sub, 'n.h5.json'), '{}')
    await expectAppError(writeModelFile(join(sub, 'n.h5'), modelFixture()), 'CONFLICT', 'n.h5.json')
    expect(existsSync(join(sub, 'n.h5'))).toBe(false)
    await writeModelFile(join(sub, 'm.h5'), modelFixture(), { force: true })
    expect((await readModelFile(join(sub, 'm.h5'))).provenance.runId).toBe('run-1')
    expect(readdirSync(sub).sort()).toEqual(['m.h5', 'm.h5.json', 'n.h5.json'])
  })

  it('refuses inconsistent parameters before creating any file', async () => {
    const c = modelFixture()
    c.params.arrays['w_in']!.shape = [5, 4]
    const sub = join(dir, 'bad-shape')
    mkdirSync(sub)
    await expectAppError(writeModelFile(join(sub, 'm.h5'), c), 'SHAPE_MISMATCH', '/parameters/w_in')
    expect(readdirSync(sub)).toEqual([])
  })
})

describe('reading refuses bad files with the file and dataset path', () => {
  it('refuses a file from a newer major format version', async () => {
    const p = join(dir, 'newer.h5')
    await writeModelFile(p, modelFixture())
    const mod = await h5()
    const f = new mod.File(p, 'a')
    f.delete_attribute('format_version')
    f.create_attribute('format_version', '2.0.0')
    f.close()
    const e = await expectAppError(readModelFile(p), 'FORMAT_UNSUPPORTED', 'newer', '2.0.0', p)
    expect(e.field).toBe('/@format_version')
  })

  it('names a missing parameter dataset', async () => {
    const p = join(dir, 'missing-param.h5')
    await writeModelFile(p, modelFixture())
    const mod = await h5()
    const f = new mod.File(p, 'a')
    const g = f.get('parameters') as unknown as {
      delete_attribute(n: string): void
      create_attribute(n: string, v: string[]): void
    }
    g.delete_attribute('names')
    g.create_attribute('names', ['w_rec_d0', 'w_latent'])
    f.close()
    const e = await expectAppError(readModelFile(p), 'FIELD_MISSING', '/parameters/w_latent', p)
    expect(e.field).toBe('/parameters/w_latent')
  })

  it('names the first missing required dataset', async () => {
    const p = join(dir, 'missing-state.h5')
    const mod = await h5()
    const f = new mod.File(p, 'w')
    f.create_attribute('rsnn_studio_format', 'rsnn-studio-model')
    f.create_attribute('format_version', '1.0.0')
    f.create_dataset({ name: 'config', data: '{}' })
    f.close()
    const e = await expectAppError(readModelFile(p), 'FIELD_MISSING', '/provenance')
    expect(e.file).toBe(p)
  })

  it('refuses non-HDF5 files and HDF5 files that are not model files', async () => {
    const txt = join(dir, 'not.h5')
    writeFileSync(txt, 'hello world, not hdf5 at all')
    await expectAppError(readModelFile(txt), 'HDF5_UNREADABLE', 'not an HDF5 file')
    const other = join(dir, 'other.h5')
    const mod = await h5()
    const f = new mod.File(other, 'w')
    f.create_dataset({ name: 'x', data: new Float32Array([1]) })
    f.close()
    await expectAppError(readModelFile(other), 'FORMAT_UNSUPPORTED', 'not an RSNN Studio model file')
  })
})

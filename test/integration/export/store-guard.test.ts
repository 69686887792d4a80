// No export, from the CLI or the RPC, may write inside the store folder: with force, a model file named like the
// database used to replace it and lose every dataset and run. Both entry points refuse before writing anything.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Output } from '../../../src/main/cli/output'
import { runCli } from '../../../src/main/cli/run-cli'
import * as io from '../../../src/main/io/index'
import { createDispatch } from '../../../src/main/rpc/dispatch'
import { localApi } from '../../../src/main/rpc/local-api'
import { createContainer } from '../../../src/main/services/container'
import { fittedRun, storeWithExample } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-store-guard-'))
const store = join(dir, 'store')
let runId: string
let datasetFile: string

beforeAll(async () => {
  const { c, datasetId } = await storeWithExample(dir)
  runId = await fittedRun(c, datasetId)
  datasetFile = readdirSync(join(store, 'datasets')).find((f) => f.endsWith('.h5'))!
  expect(datasetFile).toContain(datasetId)
  await c.close()
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex')

/** Every file of the store with its hash: what a refused export must leave exactly as it was. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name)
      if (e.isDirectory()) walk(p)
      else if (!/-(wal|shm)$/.test(e.name)) out[p] = sha(p)
    }
  }
  walk(store)
  return out
}

async function cli(...argv: string[]): Promise<{ code: number; text: string }> {
  let text = ''
  const out = new Output({ write: (s: string) => (text += s) }, { write: (s: string) => (text += s) })
  const code = await runCli([...argv, '--store', store], io, out)
  return { code, text }
}

describe('exports never write inside the store folder', () => {
  it('the CLI refuses --model, --trials, --tables and --figures there, even with --force', async () => {
    const before = snapshot()
    const alias = join(dir, 'alias')
    symlinkSync(store, alias)
    const attempts = [
      ['--model', join(store, 'studio.db')],
      ['--model', join(store, 'studio.db-wal')],
      ['--trials', join(store, 'datasets', datasetFile)],
      ['--trials', join(store, 'runs', runId, 'new.nwb')],
      ['--model', join(alias, 'studio.db')],
      ['--tables', store],
      ['--figures', join(store, 'datasets')]
    ]
    for (const [flag, target] of attempts) {
      const r = await cli('export', runId, flag!, target!, '--force')
      expect(r.code, `${flag} ${target}`).not.toBe(0)
      expect(r.text).toMatch(/exports are never written inside the store folder .*; choose another folder/)
    }
    expect(snapshot()).toEqual(before)
    const list = await cli('datasets', '--json')
    expect(list.code).toBe(0)
    expect(JSON.parse(list.text)).toHaveLength(1)
    // An export beside the store is still fine.
    const outside = join(dir, 'out')
    mkdirSync(outside)
    expect((await cli('export', runId, '--model', join(outside, 'm.h5'))).code).toBe(0)
  })

  it('the RPC exports.model / exports.trials refuse it with force, naming the file', async () => {
    const before = snapshot()
    const c = await createContainer({ dataDir: store, mode: 'browser', io, appRoot: dir })
    try {
      const api = localApi(createDispatch(c.handlers))
      const db = join(store, 'studio.db')
      await expect(api['exports.model']({ runId, path: db, checkpoint: 'best', force: true })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        file: db
      })
      const ds = join(store, 'datasets', datasetFile)
      await expect(
        api['exports.trials']({ runId, path: ds, checkpoint: 'best', nPerCondition: 1, seed: 1, force: true })
      ).rejects.toMatchObject({ code: 'INVALID_INPUT', file: ds })
      expect((await api['datasets.list']({})).length).toBe(1)
    } finally {
      await c.close()
    }
    expect(snapshot()).toEqual(before)
  })
})

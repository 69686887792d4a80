// An import killed (SIGKILL) while it writes the dataset's HDF5 file leaves a temp file; the next start of the
// store removes it, registers nothing half-written, and keeps what was there.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, watch, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sweepTempFiles, tempFileOwner, tempPathFor } from '../../src/main/io/temp-files'
import { CLI, EXAMPLES, ROOT, ensureBuilt, runNode } from './built'

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-temp-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function allFiles(d: string): string[] {
  return readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? allFiles(join(d, e.name)) : [join(d, e.name)]
  )
}

describe('temp files', () => {
  it('follow one naming rule, and the sweep removes only those whose writer is gone', () => {
    const d = join(dir, 'rule')
    const mine = tempPathFor(join(d, 'x.h5'))
    expect(tempFileOwner(mine.split('/').pop()!)).toBe(process.pid)
    mkdirSync(join(d, 'runs', 'r1'), { recursive: true })
    const dead = join(d, 'runs', 'r1', '.step-1.h5.999999-0badf00d.tmp')
    const live = join(d, `.studio.db.${process.pid}-12345678.tmp`)
    const other = join(d, 'notes.tmp')
    for (const f of [dead, live, other]) writeFileSync(f, 'x')
    expect(sweepTempFiles(d)).toEqual([dead])
    expect(existsSync(live) && existsSync(other)).toBe(true)
  })

  it('an import killed mid-write leaves nothing once the store starts again', async () => {
    const store = join(dir, 'store')
    const first = await runNode(CLI, [
      'import',
      join(EXAMPLES, 'pseudo-session-4.nwb'),
      '--store',
      store,
      '--name',
      'kept'
    ])
    expect(first.code, first.stderr).toBe(0)
    const files = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.nwb'))
      .map((f) => join(EXAMPLES, f))
    const child = spawn(process.execPath, [CLI, 'import', ...files, '--store', store, '--name', 'killed'], {
      cwd: ROOT,
      stdio: 'ignore'
    })
    const datasets = join(store, 'datasets')
    const seen = await new Promise<string | null>((done) => {
      const w = watch(datasets, (_e, name) => {
        if (name && tempFileOwner(name) === child.pid) {
          child.kill('SIGKILL')
          w.close()
          done(name)
        }
      })
      child.on('exit', () => {
        w.close()
        done(null)
      })
    })
    expect(seen, 'the import finished before its temp file was seen').not.toBeNull()
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.on('exit', r)))
    expect(allFiles(store).some((f) => tempFileOwner(f.split('/').pop()!) !== null)).toBe(true)
    const list = await runNode(CLI, ['datasets', '--store', store, '--json'])
    expect(list.code, list.stderr).toBe(0)
    expect((JSON.parse(list.stdout) as { name: string }[]).map((d) => d.name)).toEqual(['kept'])
    expect(allFiles(store).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(readdirSync(datasets).filter((f) => f.endsWith('.h5'))).toHaveLength(1)
  })
})

// CLI edges: a reader that closes the pipe early, a file given as the store, a store whose database is not one,
// and serve.js --help. Each gives one clear line (or nothing), never a stack trace.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, EXAMPLES, ROOT, SERVE, ensureBuilt, runNode, type RunResult } from './built'

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-cli-edges-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Runs the CLI with its stdout pipe closed by the reader before anything is written (`rsnn … | true`). */
function runWithClosedStdout(args: string[]): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT })
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout: '', stderr }))
  })
}

describe('CLI edges', () => {
  it('a closed stdout pipe (`| head -1`) is no error: no EPIPE stack trace, the command ends normally', async () => {
    const store = join(dir, 'pipe')
    for (const args of [['--help'], ['datasets', '--store', store], ['help', 'metrics']]) {
      const r = await runWithClosedStdout(args)
      expect(r.stderr, args.join(' ')).toBe('')
      expect(r.code, args.join(' ')).toBe(0)
    }
  })

  it('--store naming a file: one line saying the store must be a folder', async () => {
    const file = join(dir, 'a-file')
    writeFileSync(file, 'not a folder')
    const r = await runNode(CLI, ['datasets', '--store', file])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(`error: ${file}: is a file, but the store must be a folder (the one that holds studio.db)\n`)
    const below = await runNode(CLI, ['datasets', '--store', join(file, 'sub')])
    expect(below.stderr).toMatch(new RegExp(`^error: ${file}/sub: cannot create the store folder \\(ENOTDIR\\)\\n$`))
  })

  it('a store whose studio.db is not a database: the error names the file', async () => {
    const store = join(dir, 'garbage')
    mkdirSync(store)
    writeFileSync(join(store, 'studio.db'), 'garbage, not SQLite '.repeat(100))
    const r = await runNode(CLI, ['datasets', '--store', store, '--json'])
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      `error: ${join(store, 'studio.db')}: not a readable RSNN Studio database (file is not a database)\n`
    )
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: 'IO_ERROR', file: join(store, 'studio.db') } })
  })

  it('serve.js --help prints its usage and exits 0', async () => {
    const r = await runNode(SERVE, ['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^usage: node out\/main\/serve\.js .*--port N/)
    expect(r.stdout).toMatch(/--store DIR/)
    expect(r.stderr).toBe('')
  })

  it('delete DATASET removes its rows and its HDF5 file; an unknown one is one clear line', async () => {
    const store = join(dir, 'del')
    const imp = await runNode(CLI, [
      'import',
      join(EXAMPLES, 'pseudo-session-3.nwb'),
      '--store',
      store,
      '--name',
      'gone',
      '--json'
    ])
    expect(imp.code, imp.stderr).toBe(0)
    expect(readdirSync(join(store, 'datasets'))).toHaveLength(1)
    const del = await runNode(CLI, ['delete', 'gone', '--store', store])
    expect(del.code, del.stderr).toBe(0)
    expect(del.stdout).toMatch(/^deleted dataset \w+ \("gone"\)\n$/)
    expect(readdirSync(join(store, 'datasets'))).toEqual([])
    expect(existsSync(join(store, 'studio.db'))).toBe(true)
    const list = await runNode(CLI, ['datasets', '--store', store, '--json'])
    expect(JSON.parse(list.stdout)).toEqual([])
    const again = await runNode(CLI, ['delete', 'gone', '--store', store])
    expect(again.code).toBe(1)
    expect(again.stderr).toMatch(/^error: .*no dataset "gone"\n$/)
  })
})

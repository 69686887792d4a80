// The built CLI on the bundled example: import --json, datasets --json, show, errors, and two CLI processes
// importing into one store at the same time (WAL + busy_timeout keep it consistent).
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, EXAMPLES, SERVE, ensureBuilt, runNode } from './built'

let dir: string
let examples: string[]
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-cli-'))
  examples = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.nwb'))
    .sort()
    .map((f) => join(EXAMPLES, f))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('rsnn CLI', () => {
  it('imports with --json: units per area, trials per outcome, window per session; recognises a re-import', async () => {
    const store = join(dir, 'one')
    const r = await runNode(CLI, ['import', examples[0]!, '--store', store, '--name', 'ex1', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as {
      id: string
      name: string
      existing: boolean
      sessions: {
        unitsPerArea: Record<string, number>
        trialsPerOutcome: Record<string, number>
        window: { start: number; stop: number; dt: number }
      }[]
    }
    expect(out).toMatchObject({ name: 'ex1', existing: false })
    expect(out.sessions).toHaveLength(1)
    const s = out.sessions[0]!
    expect(Object.keys(s.trialsPerOutcome)).toEqual(['Hit', 'Miss', 'CR', 'FA'])
    expect(Object.values(s.unitsPerArea).reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    expect(s.window.stop).toBeGreaterThan(s.window.start)
    const again = await runNode(CLI, ['import', examples[0]!, '--store', store, '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({ id: out.id, existing: true })
    const list = await runNode(CLI, ['datasets', '--store', store, '--json'])
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ id: out.id, name: 'ex1', sessions: 1 })])
    const show = await runNode(CLI, ['show', 'ex1', '--store', store])
    expect(show.stdout).toMatch(/trials\s+Hit \d+, Miss \d+, CR \d+, FA \d+/)
  })

  it('fails with one clear line, JSON with --json, and a non-zero exit code', async () => {
    const store = join(dir, 'err')
    const missing = await runNode(CLI, ['show', 'nope', '--store', store])
    expect(missing.code).toBe(1)
    expect(missing.stderr.trim()).toBe('error: id: no dataset "nope"')
    const bad = await runNode(CLI, ['import', join(dir, 'x.nwb'), '--outcome-map', 'Win=1', '--store', store, '--json'])
    expect(bad.code).toBe(2)
    expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'INVALID_INPUT', field: '--outcome-map' } })
    const unknown = await runNode(CLI, ['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/)
  })

  it('two processes importing into one fresh store at once both succeed', async () => {
    const store = join(dir, 'shared')
    // Copies so the two imports have different content (the example files are distinct sessions anyway).
    const a = join(dir, 'a.nwb')
    const b = join(dir, 'b.nwb')
    copyFileSync(examples[0]!, a)
    copyFileSync(examples[1]!, b)
    const [ra, rb] = await Promise.all([
      runNode(CLI, ['import', a, '--store', store, '--json']),
      runNode(CLI, ['import', b, '--store', store, '--json'])
    ])
    expect(ra.code, ra.stderr).toBe(0)
    expect(rb.code, rb.stderr).toBe(0)
    const list = JSON.parse((await runNode(CLI, ['datasets', '--store', store, '--json'])).stdout) as { name: string }[]
    expect(list.map((d) => d.name).sort()).toEqual(['a', 'b'])
    expect(readdirSync(join(store, 'datasets')).filter((f) => f.endsWith('.h5'))).toHaveLength(2)
  })

  it('serve.js --check loads services under plain Node (no electron import leaked)', async () => {
    const r = await runNode(SERVE, ['--check', '--data-dir', join(dir, 'check')])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/check ok/)
  })
})

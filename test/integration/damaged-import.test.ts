// The built CLI refuses a recording whose compressed chunks were damaged: one line naming the file and the HDF5
// path, none of the HDF5 library's diagnostic stack on stderr, and the store keeps what it had.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CLI, EXAMPLES, ensureBuilt, runNode } from './built'

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-damaged-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('a damaged example is refused in one clear line and the store keeps its earlier dataset', async () => {
  const store = join(dir, 'store')
  const first = await runNode(CLI, ['import', join(EXAMPLES, 'pseudo-session-2.nwb'), '--store', store, '--name', 'kept', '--json'])
  expect(first.code, first.stderr).toBe(0)
  const bytes = readFileSync(join(EXAMPLES, 'pseudo-session-1.nwb'))
  let s = 11
  for (let i = Math.floor(bytes.length * 0.4); i < Math.floor(bytes.length * 0.6); i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    bytes[i] = s >>> 24
  }
  const bad = join(dir, 'damaged.nwb')
  writeFileSync(bad, bytes)
  const r = await runNode(CLI, ['import', bad, '--store', store])
  expect(r.code).not.toBe(0)
  expect(r.stderr).not.toMatch(/HDF5-DIAG|#000:|major:|minor:/)
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('error:'))
  expect(lines).toEqual([`error: ${bad}: /units/spike_times: HDF5 read failed (filter returned failure during read)`])
  const list = await runNode(CLI, ['datasets', '--store', store, '--json'])
  expect((JSON.parse(list.stdout) as { name: string }[]).map((d) => d.name)).toEqual(['kept'])
})

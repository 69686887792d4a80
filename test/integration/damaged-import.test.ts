// The built CLI refuses a recording whose compressed chunks were damaged: one line naming the file and the HDF5
// path, none of the HDF5 library's diagnostic stack on stderr, and the store keeps what it had.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { CLI, EXAMPLES, ROOT, ensureBuilt, runNode } from './built'

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-damaged-cli-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('a damaged example is refused in one clear line and the store keeps its earlier dataset', async () => {
  const store = join(dir, 'store')
  const first = await runNode(CLI, [
    'import',
    join(EXAMPLES, 'pseudo-session-2.nwb'),
    '--store',
    store,
    '--name',
    'kept',
    '--json'
  ])
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
  // Which object the damage hits first depends on the example's layout (a compressed chunk, an object header).
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(
    new RegExp(
      `^error: ${bad}: /[\\w/]+: HDF5 read failed \\((filter returned failure during read|bad object header .+|.+checksum.+)\\)$`
    )
  )
  const list = await runNode(CLI, ['datasets', '--store', store, '--json'])
  expect((JSON.parse(list.stdout) as { name: string }[]).map((d) => d.name)).toEqual(['kept'])
})

it("a file whose damage makes the HDF5 library abort gives one clear line, none of the wasm runtime's noise", async () => {
  // A byte of a superblock-0 header (no checksum) flipped: HDF5 reads an absurd size and the wasm runtime aborts.
  const src = resolve(ROOT, '../shared/realdata/sub-anm372793_ses-20170508.nwb')
  if (!existsSync(src)) return void console.log(`skipped: ${src} is absent`)
  const bytes = readFileSync(src)
  bytes[174305] = bytes[174305]! ^ 1
  const bad = join(dir, 'aborting.nwb')
  writeFileSync(bad, bytes)
  const r = await runNode(CLI, ['import', bad, '--store', join(dir, 'abort-store')])
  expect(r.code).toBe(1)
  // Progress lines aside, stderr holds the one error line and nothing of the runtime's abort.
  const lines = r.stderr.split('\n').filter((l) => l && !/: \d+%$/.test(l))
  expect(lines).toEqual([
    `error: ${bad}: /intervals/trials/response: HDF5 gave up reading it: sizes or addresses in the file are out of range (the file is damaged)`
  ])
})

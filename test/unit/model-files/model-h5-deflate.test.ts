// Model files store their weights and Trainer state with HDF5's deflate filter: smaller, read back exactly by the app
// and by h5py (Debian's python3-h5py; skipped with a printed reason where it is missing), the same bytes when written
// twice, and small arrays left as they are.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { withFixedClock } from '../../../src/main/io/h5/fixed-clock'
import { h5 } from '../../../src/main/model-files/h5'
import { readModelFile, writeModelFile } from '../../../src/main/model-files/model-h5'
import type { ModelFileContent } from '../../../src/main/model-files/model-format'
import { modelFixture } from './model-fixture'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-model-deflate-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PY = '/usr/bin/python3'
const hasH5py = spawnSync(PY, ['-c', 'import h5py'], { encoding: 'utf8' }).status === 0
if (!hasH5py) console.log('SKIPPED: h5py read of a deflated model file: Debian python3-h5py is not installed')

/** The fixture with a 96-neuron recurrent matrix of mostly zeros (as a masked one is) and 40 kB of state. */
function largeFixture(): ModelFileContent {
  const c = modelFixture()
  const n = 96
  const w = Float32Array.from({ length: n * n }, (_, i) => (i % 5 === 0 ? Math.fround(Math.sin(i) * 0.1) : 0))
  c.params.arrays['w_rec_d0'] = { data: w, shape: [n, n], unit: '1', description: 'recurrent weights, delay 2 ms' }
  c.state = Uint8Array.from({ length: 40_000 }, (_, i) => (i % 3 === 0 ? (i * 37) & 255 : 0))
  return c
}

const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')

describe('deflated model file', () => {
  it('deflates the large weight and state datasets, keeps small ones plain, and reads them back exactly', async () => {
    const c = largeFixture()
    const out = await writeModelFile(join(dir, 'big.h5'), c)
    const mod = await h5()
    const f = new mod.File(out.path, 'r')
    const filterIds = (path: string): number[] =>
      (f.get(path) as unknown as { filters: { id: number }[] }).filters.map((x) => x.id)
    try {
      expect(filterIds('parameters/w_rec_d0')).toEqual([1])
      expect(filterIds('state/trainer')).toEqual([1])
      expect(filterIds('parameters/v_rest')).toEqual([]) // 24 bytes: stored plain
    } finally {
      f.close()
    }
    const raw = c.params.arrays['w_rec_d0']!.data.byteLength + c.state.byteLength
    expect(statSync(out.path).size).toBeLessThan(raw / 2)
    const back = await readModelFile(out.path)
    expect(Buffer.from(back.state).equals(Buffer.from(c.state))).toBe(true)
    for (const [name, a] of Object.entries(c.params.arrays)) {
      expect(Buffer.from(back.params.arrays[name]!.data.buffer).equals(Buffer.from(a.data.buffer)), name).toBe(true)
    }
  })

  it('writes the same bytes twice', async () => {
    // HDF5 stamps object headers with the clock: held fixed, as make-example does
    const write = (name: string) => withFixedClock(0, () => writeModelFile(join(dir, name), largeFixture()))
    const [a, b] = [await write('a.h5'), await write('b.h5')]
    expect(sha(a.path)).toBe(sha(b.path))
  })

  it.skipIf(!hasH5py)('is read by h5py: the same values, with the gzip filter', async () => {
    const c = largeFixture()
    const out = await writeModelFile(join(dir, 'py.h5'), c)
    const script = [
      'import h5py, hashlib, json, sys',
      'f = h5py.File(sys.argv[1], "r")',
      'w = f["parameters/w_rec_d0"]',
      's = f["state/trainer"]',
      'print(json.dumps({"compression": [w.compression, s.compression],',
      '  "w": hashlib.sha256(w[()].astype("<f4").tobytes()).hexdigest(),',
      '  "s": hashlib.sha256(s[()].tobytes()).hexdigest()}))'
    ].join('\n')
    const r = spawnSync(PY, ['-c', script, out.path], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    const got = JSON.parse(r.stdout) as { compression: string[]; w: string; s: string }
    const hash = (b: ArrayBufferView): string =>
      createHash('sha256')
        .update(Buffer.from(b.buffer, b.byteOffset, b.byteLength))
        .digest('hex')
    expect(got).toEqual({
      compression: ['gzip', 'gzip'],
      w: hash(c.params.arrays['w_rec_d0']!.data),
      s: hash(c.state)
    })
  })
})

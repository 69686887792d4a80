// Large 1-D numeric datasets are read in slices into one Float64Array (bounded WebAssembly memory): the result is
// the same as a whole read for every dtype, 64-bit values are checked at their true index, the size check comes first.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dataset } from 'h5wasm'
import { afterAll, describe, expect, it } from 'vitest'
import { datasetNumbers, slicedNumbers, withSliceProgress } from '../../../src/main/io/h5/read'
import { h5 } from '../../helpers/h5-builders/h5'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-slice-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('slicedNumbers', () => {
  it('equals the whole read for float64, uint16 and int64 data, with slices that do not divide the length', async () => {
    const lib = await h5()
    const path = join(dir, 'a.h5')
    const w = new lib.File(path, 'w')
    const values = Array.from({ length: 23 }, (_, i) => i * 1.5 - 7)
    w.create_dataset({ name: 'f64', data: Float64Array.from(values) })
    w.create_dataset({ name: 'u16', data: Uint16Array.from(values, (_, i) => i * 1000) })
    w.create_dataset({ name: 'i64', data: BigInt64Array.from(values, (_, i) => BigInt(i - 11)) })
    w.create_dataset({ name: 'big', data: BigInt64Array.from([1n, 2n, 2n ** 60n]) })
    w.close()
    const f = new lib.File(path, 'r')
    try {
      for (const name of ['f64', 'u16', 'i64']) {
        const d = f.get(name) as Dataset
        const whole = Array.from(datasetNumbers(f, d))
        for (const size of [1, 4, 7, 23, 100])
          expect(Array.from(slicedNumbers(f, d, size)), `${name} by ${size}`).toEqual(whole)
      }
      expect(Array.from(slicedNumbers(f, f.get('f64') as Dataset, 5))).toEqual(values)
      const seen: [number, number, string][] = []
      withSliceProgress(
        (done, total, p) => seen.push([done, total, p]),
        () => slicedNumbers(f, f.get('f64') as Dataset, 7)
      )
      expect(seen).toEqual([
        [7, 23, '/f64'],
        [14, 23, '/f64'],
        [21, 23, '/f64'],
        [23, 23, '/f64']
      ])
      slicedNumbers(f, f.get('f64') as Dataset, 7) // outside withSliceProgress: nobody is told
      expect(seen).toHaveLength(4)
      expect(() => slicedNumbers(f, f.get('big') as Dataset, 2)).toThrow(
        /64-bit value 1152921504606846976 at \[2\] is too large/
      )
    } finally {
      f.close()
    }
  })
})

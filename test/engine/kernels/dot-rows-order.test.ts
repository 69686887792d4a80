// The wasm dotRows sums every row in one fixed float32 order (as/kernels.ts dot1: two 4-lane partial sums over
// 8-float chunks, a 4-float chunk into the first, the lanes summed pairwise, then the scalar tail), whichever
// block of rows handles it. The gradients, and with them the shipped example model and the results at every
// thread count, depend on these bits: a faster kernel must keep them, which this test checks exactly.
import { describe, expect, it } from 'vitest'
import { createWasmKernels } from '../../../src/main/engine/kernels/wasm'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

const f = Math.fround

/** One row's dot product in dot1's order, every operation rounded to float32 (f32x4.mul then f32x4.add). */
function dot1F32(mat: Float32Array, rowOff: number, vec: Float32Array, vecOff: number, len: number): number {
  const s0 = [0, 0, 0, 0]
  const s1 = [0, 0, 0, 0]
  const prod = (i: number): number => f(mat[rowOff + i] * vec[vecOff + i])
  let i = 0
  for (; i + 8 <= len; i += 8) {
    for (let l = 0; l < 4; l++) {
      s0[l] = f(s0[l] + prod(i + l))
      s1[l] = f(s1[l] + prod(i + 4 + l))
    }
  }
  if (i + 4 <= len) {
    for (let l = 0; l < 4; l++) s0[l] = f(s0[l] + prod(i + l))
    i += 4
  }
  const t = s0.map((x, l) => f(x + s1[l]))
  let s = f(f(t[0] + t[1]) + f(t[2] + t[3]))
  for (; i < len; i++) s = f(s + prod(i))
  return s
}

describe('wasm dotRows: exact float32 order per row', () => {
  const k = createWasmKernels()
  const r = mulberry32(41)
  const stride = 211
  const nRows = 19
  const mat = k.allocFloat(nRows * stride) as Float32Array
  for (let q = 0; q < mat.length; q++) mat[q] = r() * 2 - 1
  const vec = k.allocFloat(stride) as Float32Array
  for (let q = 0; q < vec.length; q++) vec[q] = r() * 2 - 1
  const rows = k.allocInt(13)
  rows.set([4, 17, 0, 9, 4, 12, 3, 18, 1, 4, 7, 11, 2])
  const out = k.allocFloat(nRows) as Float32Array

  // Counts 0–13 cover every split into 3-row blocks and 1-row tails (rows repeat); lengths every chunk path.
  const cases: Array<[number, number, number]> = []
  for (const count of [0, 1, 2, 3, 4, 5, 7, 13])
    for (const len of [1, 3, 4, 7, 8, 12, 13, 100, 211]) cases.push([count, len, 0])
  for (const count of [3, 13])
    for (const [off, len] of [
      [5, 37],
      [100, 111]
    ])
      cases.push([count, len, off])

  it.each(cases)('count %i, len %i, column offset %i', (count, len, off) => {
    for (let j = 0; j < nRows; j++) out[j] = j % 3 === 0 ? 0 : r() - 0.5
    const want = Float32Array.from(out)
    for (let q = 0; q < count; q++) {
      const j = rows[q]
      want[j] = f(want[j] + dot1F32(mat, off + j * stride, vec, off, len))
    }
    k.dotRows(out, 0, mat, rows, 0, count, len, vec, off, off, stride)
    for (let j = 0; j < nRows; j++) expect(Object.is(out[j], want[j]), `row ${j}: ${out[j]} vs ${want[j]}`).toBe(true)
  })
})

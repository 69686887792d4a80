// wasm-SIMD kernels against the plain-TS reference (js.ts) on random inputs: bit-equal where the order of
// operations is the same (addRows, addToRows), within float32 rounding elsewhere (dotRows, axpy).
import { describe, expect, it } from 'vitest'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { createKernelMemory, createWasmKernels, wasmSimdSupported } from '../../../src/main/engine/kernels/wasm'
import type { Kernels } from '../../../src/main/engine/kernels/kernels'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

/** Small deterministic PRNG so failures reproduce. */
const rng = mulberry32

function fillFloat(k: Kernels, n: number, r: () => number): Float32Array {
  const a = k.allocFloat(n) as Float32Array
  for (let i = 0; i < n; i++) a[i] = r() * 2 - 1
  return a
}
function copyInto(k: Kernels, src: Float32Array | Int32Array): Float32Array | Int32Array {
  const dst: Float32Array | Int32Array =
    src instanceof Int32Array ? k.allocInt(src.length) : (k.allocFloat(src.length) as Float32Array)
  dst.set(src)
  return dst
}
function randomRows(k: Kernels, count: number, nRows: number, r: () => number): Int32Array {
  const rows = k.allocInt(count)
  for (let i = 0; i < count; i++) rows[i] = Math.floor(r() * nRows)
  return rows
}

// Lengths cover the 16-, 8- and 4-float SIMD paths and the scalar tails.
const lengths = [1, 3, 4, 7, 8, 15, 16, 17, 31, 100, 500, 503]

describe('wasm-simd kernels', () => {
  it('validates on this runtime', () => {
    expect(wasmSimdSupported()).toBe(true)
  })

  const js = createJsKernels('f32')
  const wasm = createWasmKernels()

  it.each(lengths)('addRows is bit-equal to js (len %i)', (len) => {
    const r = rng(len)
    const nRows = 23
    const mat = fillFloat(js, nRows * len, r)
    const rows = randomRows(js, 17, nRows, r)
    const dst = fillFloat(js, len + 5, r)
    const wDst = copyInto(wasm, dst) as Float32Array
    js.addRows(dst, 3, mat, rows, 2, 13, len)
    wasm.addRows(wDst, 3, copyInto(wasm, mat) as Float32Array, copyInto(wasm, rows) as Int32Array, 2, 13, len)
    expect(Array.from(wDst)).toEqual(Array.from(dst))
  })

  it.each(lengths)('addToRows is bit-equal to js, repeated rows included (len %i)', (len) => {
    const r = rng(100 + len)
    const nRows = 9
    const dst = fillFloat(js, nRows * len, r)
    const rows = randomRows(js, 20, nRows, r)
    const src = fillFloat(js, len + 4, r)
    const wDst = copyInto(wasm, dst) as Float32Array
    js.addToRows(dst, rows, 1, 19, len, src, 4 - (len % 4 === 0 ? 0 : 1))
    wasm.addToRows(
      wDst,
      copyInto(wasm, rows) as Int32Array,
      1,
      19,
      len,
      copyInto(wasm, src) as Float32Array,
      4 - (len % 4 === 0 ? 0 : 1)
    )
    expect(Array.from(wDst)).toEqual(Array.from(dst))
  })

  it.each(lengths)('dotRows matches js within float32 rounding (len %i)', (len) => {
    const r = rng(200 + len)
    const nRows = 31
    const mat = fillFloat(js, nRows * len, r)
    const vec = fillFloat(js, len + 2, r)
    // 11 rows: three 3-row blocks plus a 2-row tail, with repeats.
    const rows = randomRows(js, 11, nRows, r)
    const out = fillFloat(js, nRows + 1, r)
    const wOut = copyInto(wasm, out) as Float32Array
    js.dotRows(out, 1, mat, rows, 0, 11, len, vec, 2)
    wasm.dotRows(
      wOut,
      1,
      copyInto(wasm, mat) as Float32Array,
      copyInto(wasm, rows) as Int32Array,
      0,
      11,
      len,
      copyInto(wasm, vec) as Float32Array,
      2
    )
    // Error bound: float32 rounding of a sum of len products, relative to the sum of their magnitudes.
    for (let j = 0; j < nRows; j++) {
      let mag = 0
      for (let i = 0; i < len; i++) mag += Math.abs(mat[j * len + i] * vec[2 + i])
      const hits = Array.from(rows).filter((x) => x === j).length
      expect(Math.abs(wOut[1 + j] - out[1 + j])).toBeLessThanOrEqual(1e-6 * (hits * mag + Math.abs(out[1 + j])) + 1e-30)
    }
  })

  it('dotRows over a column block of a wider matrix (matOff, stride) matches js, and the block of a full row', () => {
    const r = rng(9)
    const stride = 37
    const nRows = 12
    const mat = fillFloat(js, nRows * stride, r)
    const vec = fillFloat(js, stride, r)
    const rows = randomRows(js, 9, nRows, r)
    for (const [off, len] of [
      [0, 37],
      [5, 13],
      [20, 17]
    ]) {
      const out = new Float32Array(nRows)
      const wOut = wasm.allocFloat(nRows) as Float32Array
      js.dotRows(out, 0, mat, rows, 0, 9, len, vec, off, off, stride)
      wasm.dotRows(
        wOut,
        0,
        copyInto(wasm, mat) as Float32Array,
        copyInto(wasm, rows) as Int32Array,
        0,
        9,
        len,
        copyInto(wasm, vec) as Float32Array,
        off,
        off,
        stride
      )
      for (let j = 0; j < nRows; j++) {
        let want = 0
        for (const q of rows) if (q === j) for (let i = off; i < off + len; i++) want += mat[j * stride + i] * vec[i]
        expect(out[j]).toBeCloseTo(want, 4)
        expect(wOut[j]).toBeCloseTo(want, 4)
      }
    }
  })

  it('dotRows gives a row the same bits in a 3-row block and alone', () => {
    const r = rng(7)
    const len = 203
    const mat = fillFloat(wasm, 8 * len, r) as Float32Array
    const vec = fillFloat(wasm, len, r) as Float32Array
    const rows = wasm.allocInt(5)
    rows.set([3, 1, 6, 0, 3])
    const out = wasm.allocFloat(8) as Float32Array
    wasm.dotRows(out, 0, mat, rows, 0, 5, len, vec, 0)
    // Row 3 went through the 3-row path (k=0) and the 1-row tail (k=4): both must add the same value.
    const single = wasm.allocFloat(8) as Float32Array
    wasm.dotRows(single, 0, mat, rows, 4, 1, len, vec, 0)
    expect(out[3]).toBe(Math.fround(single[3] + single[3]))
  })

  it.each(lengths)('axpy matches js within float32 rounding (len %i)', (len) => {
    const r = rng(300 + len)
    const dst = fillFloat(js, len + 3, r)
    const src = fillFloat(js, len + 1, r)
    const wDst = copyInto(wasm, dst) as Float32Array
    const a = -0.37
    js.axpy(dst, 3, a, src, 1, len)
    wasm.axpy(wDst, 3, a, copyInto(wasm, src) as Float32Array, 1, len)
    for (let i = 0; i < dst.length; i++) {
      expect(Math.abs(wDst[i] - dst[i])).toBeLessThanOrEqual(
        2.4e-7 * (Math.abs(dst[i]) + Math.abs(a * src[Math.max(0, i - 2)])) + 1e-30
      )
    }
  })

  it('allocates zeroed, aligned, disjoint arrays and recycles freed blocks', () => {
    const k = createWasmKernels(createKernelMemory())
    const a = k.allocFloat(10)
    const b = k.allocInt(3)
    expect(a.byteOffset % 16).toBe(0)
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.byteLength)
    a.fill(5)
    k.free(a)
    const c = k.allocFloat(12) // same 48-byte block class as a (40 → 48 bytes)
    expect(c.byteOffset).toBe(a.byteOffset)
    expect(Array.from(c)).toEqual(new Array(12).fill(0))
  })

  it('grows the memory and keeps earlier views valid', () => {
    const k = createWasmKernels(createKernelMemory())
    const small = k.allocFloat(4)
    small.set([1, 2, 3, 4])
    const big = k.allocFloat(3_000_000) // 12 MB: forces memory.grow
    big[big.length - 1] = 9
    expect(Array.from(small)).toEqual([1, 2, 3, 4])
    expect(k.usedBytes()).toBeGreaterThanOrEqual(12_000_000)
  })

  it("two instances on one memory allocate disjoint blocks and see each other's data", () => {
    const mem = createKernelMemory()
    const k1 = createWasmKernels(mem)
    const w = k1.allocFloat(8)
    w.set([1, 2, 3, 4, 5, 6, 7, 8])
    const k2 = createWasmKernels(mem)
    const x = k2.allocFloat(8)
    expect(x.byteOffset).toBeGreaterThanOrEqual(w.byteOffset + 32)
    expect(Array.from(k2.viewFloat(w.byteOffset, 8))).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
  })
})

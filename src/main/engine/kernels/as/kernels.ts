// AssemblyScript source of the wasm-SIMD hot loops behind kernels/wasm.ts (built by scripts/build-wasm.mjs).
// Same four kernels as the Kernels contract (kernels/kernels.ts). Arguments named *Ptr are byte addresses in
// the imported shared linear memory; counts and lengths are in f32 elements; rows have stride len.
// addRows/addToRows keep the scalar order of operations (bit-equal to js.ts); dotRows and axpy round in f32
// (js.ts rounds in f64), so they agree to float32 rounding.

// @ts-ignore: decorator
@inline function rowAt(basePtr: usize, rowsPtr: usize, k: i32, rowBytes: usize): usize {
  return basePtr + <usize>load<i32>(rowsPtr + (<usize>k << 2)) * rowBytes
}

/**
 * dst[i] += Σ_k src[rows[k]·len + i], i < len, rows added in increasing k. dst stays in registers across
 * the rows (16 floats at a time), which keeps the per-element order of the reference.
 */
export function addRows(dstPtr: usize, srcPtr: usize, rowsPtr: usize, count: i32, len: i32): void {
  if (count <= 0) return
  const rowBytes = <usize>len << 2
  let i: i32 = 0
  for (; i + 16 <= len; i += 16) {
    const o = <usize>i << 2
    let a0 = v128.load(dstPtr + o)
    let a1 = v128.load(dstPtr + o + 16)
    let a2 = v128.load(dstPtr + o + 32)
    let a3 = v128.load(dstPtr + o + 48)
    for (let k: i32 = 0; k < count; k++) {
      const r = rowAt(srcPtr, rowsPtr, k, rowBytes) + o
      a0 = f32x4.add(a0, v128.load(r))
      a1 = f32x4.add(a1, v128.load(r + 16))
      a2 = f32x4.add(a2, v128.load(r + 32))
      a3 = f32x4.add(a3, v128.load(r + 48))
    }
    v128.store(dstPtr + o, a0)
    v128.store(dstPtr + o + 16, a1)
    v128.store(dstPtr + o + 32, a2)
    v128.store(dstPtr + o + 48, a3)
  }
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 2
    let a0 = v128.load(dstPtr + o)
    for (let k: i32 = 0; k < count; k++) a0 = f32x4.add(a0, v128.load(rowAt(srcPtr, rowsPtr, k, rowBytes) + o))
    v128.store(dstPtr + o, a0)
  }
  for (; i < len; i++) {
    const o = <usize>i << 2
    let s = load<f32>(dstPtr + o)
    for (let k: i32 = 0; k < count; k++) s += load<f32>(rowAt(srcPtr, rowsPtr, k, rowBytes) + o)
    store<f32>(dstPtr + o, s)
  }
}

/** dst[i] += src[i], i < n. */
// @ts-ignore: decorator
@inline function addVec(dstPtr: usize, srcPtr: usize, n: i32): void {
  let i: i32 = 0
  for (; i + 16 <= n; i += 16) {
    const o = <usize>i << 2
    v128.store(dstPtr + o, f32x4.add(v128.load(dstPtr + o), v128.load(srcPtr + o)))
    v128.store(dstPtr + o + 16, f32x4.add(v128.load(dstPtr + o + 16), v128.load(srcPtr + o + 16)))
    v128.store(dstPtr + o + 32, f32x4.add(v128.load(dstPtr + o + 32), v128.load(srcPtr + o + 32)))
    v128.store(dstPtr + o + 48, f32x4.add(v128.load(dstPtr + o + 48), v128.load(srcPtr + o + 48)))
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2
    v128.store(dstPtr + o, f32x4.add(v128.load(dstPtr + o), v128.load(srcPtr + o)))
  }
  for (; i < n; i++) {
    const o = <usize>i << 2
    store<f32>(dstPtr + o, load<f32>(dstPtr + o) + load<f32>(srcPtr + o))
  }
}

/** dst[rows[k]·len + i] += src[i], i < len, k < count (sparse outer product for weight gradients). */
export function addToRows(dstPtr: usize, rowsPtr: usize, count: i32, len: i32, srcPtr: usize): void {
  const rowBytes = <usize>len << 2
  for (let k: i32 = 0; k < count; k++) addVec(rowAt(dstPtr, rowsPtr, k, rowBytes), srcPtr, len)
}

// @ts-ignore: decorator
@inline function hsum(v: v128): f32 {
  return (f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1)) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3))
}

/**
 * One row's dot product with vec, in the fixed order shared by dotRows' 1-row and 3-row paths: two 4-lane
 * partial sums over 8-float chunks, a 4-float chunk into the first, lanes summed pairwise, scalar tail.
 */
function dot1(rowPtr: usize, vecPtr: usize, len: i32): f32 {
  let s0 = f32x4.splat(0)
  let s1 = f32x4.splat(0)
  let i: i32 = 0
  for (; i + 8 <= len; i += 8) {
    const o = <usize>i << 2
    s0 = f32x4.add(s0, f32x4.mul(v128.load(rowPtr + o), v128.load(vecPtr + o)))
    s1 = f32x4.add(s1, f32x4.mul(v128.load(rowPtr + o + 16), v128.load(vecPtr + o + 16)))
  }
  if (i + 4 <= len) {
    const o = <usize>i << 2
    s0 = f32x4.add(s0, f32x4.mul(v128.load(rowPtr + o), v128.load(vecPtr + o)))
    i += 4
  }
  let s = hsum(f32x4.add(s0, s1))
  for (; i < len; i++) s += load<f32>(rowPtr + (<usize>i << 2)) * load<f32>(vecPtr + (<usize>i << 2))
  return s
}

// @ts-ignore: decorator
@inline function addAt(outPtr: usize, rowsPtr: usize, k: i32, s: f32): void {
  const j = outPtr + (<usize>load<i32>(rowsPtr + (<usize>k << 2)) << 2)
  store<f32>(j, load<f32>(j) + s)
}

/**
 * out[rows[k]] += Σ_{i<len} mat[rows[k]·stride + i] · vec[i], k < count (the adjoint Wᵀδ over the presynaptic rows
 * whose surrogate derivative is not negligible). Three rows at a time share each load of vec (measured 1.3–1.6×
 * faster than four at N ≈ 1,000: docs/fit-speed.md); every row is summed in dot1's order whichever path handles
 * it, so a row's result never depends on its neighbours or on the block size.
 */
export function dotRows(outPtr: usize, matPtr: usize, rowsPtr: usize, count: i32, len: i32, stride: i32, vecPtr: usize): void {
  const rowBytes = <usize>stride << 2
  let k: i32 = 0
  for (; k + 3 <= count; k += 3) {
    const r0 = rowAt(matPtr, rowsPtr, k, rowBytes)
    const r1 = rowAt(matPtr, rowsPtr, k + 1, rowBytes)
    const r2 = rowAt(matPtr, rowsPtr, k + 2, rowBytes)
    let a0 = f32x4.splat(0), b0 = f32x4.splat(0)
    let a1 = f32x4.splat(0), b1 = f32x4.splat(0)
    let a2 = f32x4.splat(0), b2 = f32x4.splat(0)
    let i: i32 = 0
    for (; i + 8 <= len; i += 8) {
      const o = <usize>i << 2
      const v0 = v128.load(vecPtr + o)
      const v1 = v128.load(vecPtr + o + 16)
      a0 = f32x4.add(a0, f32x4.mul(v128.load(r0 + o), v0))
      b0 = f32x4.add(b0, f32x4.mul(v128.load(r0 + o + 16), v1))
      a1 = f32x4.add(a1, f32x4.mul(v128.load(r1 + o), v0))
      b1 = f32x4.add(b1, f32x4.mul(v128.load(r1 + o + 16), v1))
      a2 = f32x4.add(a2, f32x4.mul(v128.load(r2 + o), v0))
      b2 = f32x4.add(b2, f32x4.mul(v128.load(r2 + o + 16), v1))
    }
    if (i + 4 <= len) {
      const o = <usize>i << 2
      const v0 = v128.load(vecPtr + o)
      a0 = f32x4.add(a0, f32x4.mul(v128.load(r0 + o), v0))
      a1 = f32x4.add(a1, f32x4.mul(v128.load(r1 + o), v0))
      a2 = f32x4.add(a2, f32x4.mul(v128.load(r2 + o), v0))
      i += 4
    }
    let s0 = hsum(f32x4.add(a0, b0))
    let s1 = hsum(f32x4.add(a1, b1))
    let s2 = hsum(f32x4.add(a2, b2))
    for (; i < len; i++) {
      const o = <usize>i << 2
      const v = load<f32>(vecPtr + o)
      s0 += load<f32>(r0 + o) * v
      s1 += load<f32>(r1 + o) * v
      s2 += load<f32>(r2 + o) * v
    }
    addAt(outPtr, rowsPtr, k, s0)
    addAt(outPtr, rowsPtr, k + 1, s1)
    addAt(outPtr, rowsPtr, k + 2, s2)
  }
  for (; k < count; k++) addAt(outPtr, rowsPtr, k, dot1(rowAt(matPtr, rowsPtr, k, rowBytes), vecPtr, len))
}

/** dst[i] += a · src[i], i < n (product rounded to f32, then the sum). */
export function axpy(dstPtr: usize, a: f32, srcPtr: usize, n: i32): void {
  const va = f32x4.splat(a)
  let i: i32 = 0
  for (; i + 8 <= n; i += 8) {
    const o = <usize>i << 2
    v128.store(dstPtr + o, f32x4.add(v128.load(dstPtr + o), f32x4.mul(va, v128.load(srcPtr + o))))
    v128.store(dstPtr + o + 16, f32x4.add(v128.load(dstPtr + o + 16), f32x4.mul(va, v128.load(srcPtr + o + 16))))
  }
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2
    v128.store(dstPtr + o, f32x4.add(v128.load(dstPtr + o), f32x4.mul(va, v128.load(srcPtr + o))))
  }
  for (; i < n; i++) {
    const o = <usize>i << 2
    store<f32>(dstPtr + o, load<f32>(dstPtr + o) + a * load<f32>(srcPtr + o))
  }
}

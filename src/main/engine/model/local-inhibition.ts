// Inhibition stays within its area (spec §2.4): an inhibitory row of W is zero outside its own area's columns. When
// the weights really are so (checked whenever they change: checkpoints or imported models could differ), the
// adjoint Wᵀδ of an inhibitory row needs only its area's two column blocks (its E and its I neurons).
import type { FloatArray, Kernels } from '../kernels/kernels'

/** The sizes the area blocks are cut by (the fields of Dims this module reads; no import of params.ts, which calls it). */
export interface AreaBlocks {
  n: number
  nE: number
  nAreas: number
}

/** True when every inhibitory row of both matrices is zero outside the row's own area (and there are ≥ 2 areas). */
export function inhibitionIsLocal(d: AreaBlocks, wRec: [FloatArray, FloatArray]): boolean {
  const { n, nE, nAreas: A } = d
  if (A < 2 || n === nE) return false
  const nEA = nE / A
  const nIA = (n - nE) / A
  for (const W of wRec) {
    for (let j = nE; j < n; j++) {
      const a = Math.floor((j - nE) / nIA)
      const base = j * n
      for (let i = 0; i < n; i++) {
        const own = i < nE ? Math.floor(i / nEA) === a : Math.floor((i - nE) / nIA) === a
        if (!own && W[base + i] !== 0) return false
      }
    }
  }
  return true
}

/**
 * out[outOff + r] += Σ_i W[r, i]·vec[i] for the rows rows[rowsOff …+count) (ascending, as the backward lists them):
 * with local inhibition, the excitatory rows over all columns and each area's inhibitory rows over that area's E
 * and I columns only (the skipped terms are exact zeros); else every row over all columns.
 */
export function adjointDots(
  k: Kernels,
  mt: { dims: AreaBlocks; inhLocal: Int32Array },
  W: FloatArray,
  out: FloatArray,
  outOff: number,
  rows: Int32Array,
  rowsOff: number,
  count: number,
  vec: FloatArray
): void {
  const { n, nE, nAreas: A } = mt.dims
  if (mt.inhLocal[0] !== 1) {
    k.dotRows(out, outOff, W, rows, rowsOff, count, n, vec, 0)
    return
  }
  let q = 0
  while (q < count && rows[rowsOff + q] < nE) q++
  if (q > 0) k.dotRows(out, outOff, W, rows, rowsOff, q, n, vec, 0)
  const nEA = nE / A
  const nIA = (n - nE) / A
  for (let a = 0; a < A && q < count; a++) {
    const end = nE + (a + 1) * nIA
    let q2 = q
    while (q2 < count && rows[rowsOff + q2] < end) q2++
    if (q2 > q) {
      k.dotRows(out, outOff, W, rows, rowsOff + q, q2 - q, nEA, vec, a * nEA, a * nEA, n)
      k.dotRows(out, outOff, W, rows, rowsOff + q, q2 - q, nIA, vec, nE + a * nIA, nE + a * nIA, n)
    }
    q = q2
  }
}

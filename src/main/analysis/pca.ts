// 2-D embedding of per-trial feature vectors (recorded and generated together): columns z-scored (features have
// different units) and missing values set to the column mean, then the engine's PCA (metrics/embedding).
import { pca } from '../engine'

export interface Embedding {
  /** [nA × 2] and [nB × 2] coordinates. */
  a: Float32Array
  b: Float32Array
  /** Fraction of the total variance on each component. */
  explained: [number, number]
}

/** PCA of the rows of A [nA × d] and B [nB × d] pooled; NaN entries sit at their column's mean. */
export function pca2(A: Float32Array, nA: number, B: Float32Array, nB: number, d: number): Embedding {
  const n = nA + nB
  const X = new Float64Array(n * d)
  X.set(A.subarray(0, nA * d))
  X.set(B.subarray(0, nB * d), nA * d)
  for (let j = 0; j < d; j++) {
    let s = 0
    let c = 0
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(X[i * d + j])) continue
      s += X[i * d + j]!
      c++
    }
    const m = c ? s / c : 0
    let v = 0
    for (let i = 0; i < n; i++) {
      const x = Number.isFinite(X[i * d + j]) ? X[i * d + j]! - m : 0
      X[i * d + j] = x
      v += x * x
    }
    const sd = Math.sqrt(v / Math.max(1, n - 1))
    if (sd > 0) for (let i = 0; i < n; i++) X[i * d + j] = X[i * d + j]! / sd
  }
  if (n === 0 || d === 0) return { a: new Float32Array(nA * 2), b: new Float32Array(nB * 2), explained: [0, 0] }
  const p = pca(X, n, d, 2)
  return {
    a: Float32Array.from(p.coords.subarray(0, nA * 2)),
    b: Float32Array.from(p.coords.subarray(nA * 2, n * 2)),
    explained: [p.explained[0] ?? 0, p.explained[1] ?? 0]
  }
}

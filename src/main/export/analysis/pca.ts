// 2-D PCA embedding of per-trial feature vectors (recorded and generated together), columns z-scored first.

export interface Embedding {
  /** [nA × 2] and [nB × 2] coordinates. */
  a: Float32Array
  b: Float32Array
  /** Fraction of the total variance on each component. */
  explained: [number, number]
}

/**
 * PCA of the rows of A [nA × d] and B [nB × d] pooled. NaN entries are replaced by the column mean (so a
 * recorded trial without some area sits at that area's average). Components from power iteration with deflation
 * (deterministic start), enough for d up to a few dozen features.
 */
export function pca2(A: Float32Array, nA: number, B: Float32Array, nB: number, d: number): Embedding {
  const n = nA + nB
  const X = new Float64Array(n * d)
  for (let i = 0; i < nA * d; i++) X[i] = A[i]!
  for (let i = 0; i < nB * d; i++) X[nA * d + i] = B[i]!
  for (let j = 0; j < d; j++) {
    let s = 0
    let c = 0
    for (let i = 0; i < n; i++) if (Number.isFinite(X[i * d + j])) (s += X[i * d + j]!), c++
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
  const C = new Float64Array(d * d)
  for (let i = 0; i < n; i++) for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) C[p * d + q] += (X[i * d + p]! * X[i * d + q]!) / Math.max(1, n - 1)
  let total = 0
  for (let p = 0; p < d; p++) total += C[p * d + p]!
  const comps: Float64Array[] = []
  const vals: number[] = []
  for (let k = 0; k < 2; k++) {
    const [v, lambda] = powerIteration(C, d, k)
    comps.push(v)
    vals.push(lambda)
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) C[p * d + q] -= lambda * v[p]! * v[q]!
  }
  const project = (off: number, count: number): Float32Array => {
    const out = new Float32Array(count * 2)
    for (let i = 0; i < count; i++) {
      for (let k = 0; k < 2; k++) {
        let s = 0
        for (let p = 0; p < d; p++) s += X[(off + i) * d + p]! * comps[k]![p]!
        out[i * 2 + k] = s
      }
    }
    return out
  }
  const frac = (l: number): number => (total > 0 ? Math.max(0, l) / total : 0)
  return { a: project(0, nA), b: project(nA, nB), explained: [frac(vals[0]!), frac(vals[1]!)] }
}

/** Leading eigenvector of the symmetric PSD matrix C (d × d) and its eigenvalue; sign fixed (largest entry > 0). */
function powerIteration(C: Float64Array, d: number, k: number): [Float64Array, number] {
  let v = Float64Array.from({ length: d }, (_, i) => 1 + ((i * 7 + k * 3) % 5) / 10)
  let lambda = 0
  for (let it = 0; it < 500; it++) {
    const w = new Float64Array(d)
    for (let p = 0; p < d; p++) for (let q = 0; q < d; q++) w[p] += C[p * d + q]! * v[q]!
    const norm = Math.hypot(...w)
    if (norm < 1e-12) return [v.map(() => 0), 0]
    const next = w.map((x) => x / norm)
    const diff = next.reduce((s, x, i) => s + Math.abs(x - v[i]!), 0)
    v = next
    lambda = norm
    if (diff < 1e-12) break
  }
  let big = 0
  for (let p = 1; p < d; p++) if (Math.abs(v[p]!) > Math.abs(v[big]!)) big = p
  if (v[big]! < 0) v = v.map((x) => -x)
  return [v, lambda]
}

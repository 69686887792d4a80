// Row/column access into row-major typed matrices of the comparison payloads, and pair lookups.
/** Row `r` of a row-major matrix with `cols` columns (a view, no copy). */
export function row(m: Float32Array, r: number, cols: number): Float32Array {
  return m.subarray(r * cols, (r + 1) * cols)
}

/** Column `c` of a row-major matrix with `cols` columns (a copy). */
export function column(m: ArrayLike<number>, c: number, cols: number): Float32Array {
  const n = cols > 0 ? Math.floor(m.length / cols) : 0
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) out[i] = m[i * cols + c] as number
  return out
}

/** Pairs [nPairs × 2] (recorded row, generated row) as tuples. */
export function pairList(pairs: Int32Array): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i + 1 < pairs.length; i += 2) out.push([pairs[i] as number, pairs[i + 1] as number])
  return out
}

/** Position of `value` in `rows`, or -1 (e.g. where a recorded trial sits among an area's recorded rows). */
export function indexIn(rows: Int32Array, value: number): number {
  for (let i = 0; i < rows.length; i++) if (rows[i] === value) return i
  return -1
}

/** Indices 0..n-1 thinned to at most `max`, evenly spaced, so dense trial sets stay legible. */
export function thin(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i)
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max))
}

/** Values of `m` at rows whose code is `code` (e.g. features of Hit trials), for one column. */
export function columnWhere(
  m: ArrayLike<number>,
  c: number,
  cols: number,
  codes: ArrayLike<number>,
  code: number
): number[] {
  const out: number[] = []
  for (let i = 0; i < codes.length; i++) if (codes[i] === code) out.push(m[i * cols + c] as number)
  return out
}

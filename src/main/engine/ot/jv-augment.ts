// Shortest-augmenting-path phase of Jonker–Volgenant: Dijkstra from one free row over reduced costs. Unreached
// columns are kept packed at the end of one permuted list, so each step scans only those, and the same pass that
// relaxes them finds the next closest one (no separate minimum search).
import type { JvState } from './jv-init'

/** Scratch arrays of length m, reused across rows. */
export interface AugmentScratch {
  dist: Float64Array
  pred: Int32Array
  cols: Int32Array
}

export function augmentScratch(m: number): AugmentScratch {
  return { dist: new Float64Array(m), pred: new Int32Array(m), cols: new Int32Array(m) }
}

/** Matches the free row f by the cheapest alternating path to a free column, then updates v so duals stay feasible. */
export function augmentRow(s: JvState, f: number, scratch: AugmentScratch): void {
  const { c, m, v, rowSol, colSol } = s
  const { dist, pred, cols } = scratch
  const rf = f * m
  let next = 0
  for (let j = 0; j < m; j++) {
    cols[j] = j
    const h = c[rf + j] - v[j]
    dist[j] = h
    pred[j] = f
    if (h < dist[next]) next = j
  }
  // cols[0, reached) are settled at distance ≤ min; `next` indexes the closest unreached column in cols.
  let reached = 0
  let min: number
  let end: number
  for (;;) {
    const j1 = cols[next]
    cols[next] = cols[reached]
    cols[reached++] = j1
    min = dist[j1]
    const i = colSol[j1]
    if (i < 0) {
      end = j1
      break
    }
    const ri = i * m
    // Row i is tight on j1, so h below is min + (reduced cost of (i, j)) ≥ min.
    const u1 = c[ri + j1] - v[j1] - min
    let best = Infinity
    for (let k = reached; k < m; k++) {
      const j = cols[k]
      let d = dist[j]
      const h = c[ri + j] - v[j] - u1
      if (h < d) {
        d = h
        dist[j] = h
        pred[j] = i
      }
      if (d < best) {
        best = d
        next = k
      }
    }
    // n ≤ m and row f is free, so some free column is always left unreached here.
  }
  // Settled columns move by their distance deficit, which keeps every reduced cost ≥ 0 and the path tight.
  for (let k = 0; k < reached; k++) {
    const j = cols[k]
    v[j] += dist[j] - min
  }
  for (let j = end; ;) {
    const i = pred[j]
    colSol[j] = i
    const prev = rowSol[i]
    rowSol[i] = j
    if (i === f) break
    j = prev
  }
}

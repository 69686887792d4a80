// Exact rectangular linear assignment by shortest augmenting paths with dual potentials, O(n²·m).
import { AppError } from '@shared/contract/errors'

/** A minimum-cost matching of min(nRows, nCols) pairs. */
export interface Assignment {
  /** Column matched to each row, or −1 (only when nRows > nCols). */
  rowToCol: Int32Array
  /** Row matched to each column, or −1 (only when nCols > nRows). */
  colToRow: Int32Array
  /** Sum of the matched costs. */
  cost: number
}

/**
 * Minimum-cost assignment on a row-major nRows × nCols cost matrix (any finite reals, ties allowed). Every row is
 * matched when nRows ≤ nCols, every column otherwise. Throws AppError (BAD_VALUE) on NaN or infinite costs.
 */
export function hungarian(cost: ArrayLike<number>, nRows: number, nCols: number): Assignment {
  if (cost.length < nRows * nCols) {
    throw new Error(`hungarian: cost has ${cost.length} < ${nRows}×${nCols} entries`)
  }
  for (let i = 0; i < nRows * nCols; i++) {
    if (!Number.isFinite(cost[i])) {
      const what = `cost matrix entry ${i} is ${cost[i]}`
      throw new AppError('BAD_VALUE', what, { field: 'trial-matching cost' })
    }
  }
  if (nRows <= nCols) return solve(cost, nRows, nCols, false)
  const t = solve(cost, nCols, nRows, true)
  return { rowToCol: t.colToRow, colToRow: t.rowToCol, cost: t.cost }
}

/**
 * Core for n ≤ m. `transposed` reads the cost as its transpose, so that a tall matrix needs no copy.
 * Rows are added one at a time; each insertion runs Dijkstra on reduced costs c − u − v (all ≥ 0 by the
 * potentials' invariant) until it reaches a free column, then flips the path. Index 0 is a virtual column.
 */
function solve(c: ArrayLike<number>, n: number, m: number, transposed: boolean): Assignment {
  const at = transposed ? (i: number, j: number) => c[j * n + i] : (i: number, j: number) => c[i * m + j]
  const u = new Float64Array(n + 1)
  const v = new Float64Array(m + 1)
  const p = new Int32Array(m + 1) // p[j] = 1-based row on column j, 0 = free
  const way = new Int32Array(m + 1)
  const minv = new Float64Array(m + 1)
  const used = new Uint8Array(m + 1)
  for (let i = 1; i <= n; i++) {
    p[0] = i
    let j0 = 0
    minv.fill(Infinity)
    used.fill(0)
    do {
      used[j0] = 1
      const i0 = p[j0]
      let delta = Infinity
      let j1 = -1
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue
        const cur = at(i0 - 1, j - 1) - u[i0] - v[j]
        if (cur < minv[j]) {
          minv[j] = cur
          way[j] = j0
        }
        if (minv[j] < delta) {
          delta = minv[j]
          j1 = j
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j]] += delta
          v[j] -= delta
        } else minv[j] -= delta
      }
      j0 = j1
    } while (p[j0] !== 0)
    do {
      const j1 = way[j0]
      p[j0] = p[j1]
      j0 = j1
    } while (j0 !== 0)
  }
  const rowToCol = new Int32Array(n).fill(-1)
  const colToRow = new Int32Array(m).fill(-1)
  let total = 0
  for (let j = 1; j <= m; j++) {
    if (p[j] === 0) continue
    rowToCol[p[j] - 1] = j - 1
    colToRow[j - 1] = p[j] - 1
    total += at(p[j] - 1, j - 1)
  }
  return { rowToCol, colToRow, cost: total }
}

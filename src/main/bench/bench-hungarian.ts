// Micro-benchmark of the exact assignment solver at the hard trial-matching scale (6 sessions, square costs
// C_ij = ‖x_i − y_j‖²/D between z-scored features, D ≈ 50–150), against the O(n²·m) solver it replaced (kept
// below as the baseline). Not wired into package.json; bundle and run, e.g.
//   npx rolldown src/main/bench/bench-hungarian.ts --platform node --file /tmp/bench-hungarian.mjs
//   node /tmp/bench-hungarian.mjs
// Prints one line per (n, feature model): median ms per 6 calls for both solvers and the speed-up, and checks that
// both reach the same minimum cost.
import { hungarian } from '../engine/ot/hungarian'
import { mulberry32 } from '../engine/losses/subsample'
import { meanSquaredCost } from '../engine/losses/trial-cost'

const SESSIONS = 6
const REPEATS = 15

/** Standard normal draws (Box–Muller). */
function gaussian(rnd: () => number, len: number): Float64Array {
  const out = new Float64Array(len)
  for (let k = 0; k < len; k += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rnd()))
    const a = 2 * Math.PI * rnd()
    out[k] = r * Math.cos(a)
    if (k + 1 < len) out[k + 1] = r * Math.sin(a)
  }
  return out
}

/**
 * One session's cost: data features Y (n × D) and model features X; `likeness` 0 draws X independently, closer
 * to 1 makes X a noisy copy of a shuffled Y (a model that has started to fit).
 */
function sessionCost(rnd: () => number, n: number, D: number, likeness: number): Float64Array {
  const Y = gaussian(rnd, n * D)
  const noise = gaussian(rnd, n * D)
  const X = new Float64Array(n * D)
  const keep = Math.sqrt(1 - likeness * likeness)
  for (let i = 0; i < n; i++) {
    const src = Math.floor(rnd() * n)
    for (let k = 0; k < D; k++) X[i * D + k] = likeness * Y[src * D + k] + keep * noise[i * D + k]
  }
  const all = Int32Array.from({ length: n }, (_, i) => i)
  return meanSquaredCost(X, all, Y, all, D)
}

/**
 * The replaced solver, verbatim but for returning the cost only: n ≤ m, rows inserted one by one, a full Dijkstra
 * scan per step, entries read through a closure that also served the transposed case.
 */
function baseline(c: ArrayLike<number>, n: number, m: number, transposed: boolean): number {
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
  let total = 0
  for (let j = 1; j <= m; j++) if (p[j] !== 0) total += at(p[j] - 1, j - 1)
  return total
}

/** Median wall time (ms) of running `solve` on every matrix, after one untimed warm-up round. */
function timeRounds(costs: Float64Array[], solve: (c: Float64Array) => number): number {
  for (const c of costs) solve(c)
  const times: number[] = []
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now()
    for (const c of costs) solve(c)
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[Math.floor(REPEATS / 2)]
}

function main(): void {
  const rnd = mulberry32(20240611)
  for (const n of [150, 200]) {
    for (const likeness of [0, 0.9]) {
      const costs = Array.from({ length: SESSIONS }, (_, s) => sessionCost(rnd, n, 50 + 20 * s, likeness))
      for (const c of costs) {
        const a = baseline(c, n, n, false)
        const b = hungarian(c, n, n).cost
        if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a))) throw new Error(`cost mismatch at n=${n}: ${a} vs ${b}`)
      }
      const before = timeRounds(costs, (c) => baseline(c, n, n, false))
      const after = timeRounds(costs, (c) => hungarian(c, n, n).cost)
      const row = { n, sessions: SESSIONS, likeness, beforeMs: +before.toFixed(2), afterMs: +after.toFixed(2) }
      console.log(JSON.stringify({ ...row, speedup: +(before / after).toFixed(1) }))
    }
  }
}

main()

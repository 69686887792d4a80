// Log-domain entropic OT between uniform discrete measures (ε-scaling, convergence report) and its transport plan.

export interface SinkhornOptions {
  /** Target entropic regularisation ε, in cost units. */
  epsilon: number
  /** Stop when the L1 marginal error (total mass 1) falls below this (default 1e-7). */
  tol?: number
  /** Iteration cap at the target ε (default 2000). */
  maxIter?: number
  /** ε-annealing factor per stage, from the cost's range down to ε (default 0.5; 1 = no annealing). */
  scaling?: number
}

/** Dual potentials and the regularised cost OT_ε = ⟨a,f⟩ + ⟨b,g⟩ (a, b uniform). */
export interface SinkhornResult {
  f: Float64Array
  g: Float64Array
  /** OT_ε(α, β) at the returned potentials. */
  cost: number
  epsilon: number
  /** Iterations in all (annealing stages included). */
  iterations: number
  /** L1 distance of the plan's row sums to a (column sums are exact after the last update). */
  marginalError: number
  converged: boolean
}

/**
 * −ε·log Σ_j exp(logw_j + (h_j − C[i,j])/ε) for every row i of a row-major n × m matrix (or its transpose when
 * `byCol`), the soft-min at the heart of the log-domain Sinkhorn update.
 */
function softMin(
  C: Float64Array,
  n: number,
  m: number,
  h: Float64Array,
  logw: number,
  eps: number,
  byCol: boolean,
  out: Float64Array
): void {
  const rows = byCol ? m : n
  const cols = byCol ? n : m
  for (let r = 0; r < rows; r++) {
    let mx = -Infinity
    for (let k = 0; k < cols; k++) {
      const x = (h[k] - (byCol ? C[k * m + r] : C[r * m + k])) / eps
      if (x > mx) mx = x
    }
    let s = 0
    for (let k = 0; k < cols; k++) s += Math.exp((h[k] - (byCol ? C[k * m + r] : C[r * m + k])) / eps - mx)
    out[r] = -eps * (logw + mx + Math.log(s))
  }
}

function costRange(C: Float64Array): number {
  let lo = Infinity
  let hi = -Infinity
  for (const c of C) {
    if (c < lo) lo = c
    if (c > hi) hi = c
  }
  return hi - lo
}

/** Annealed ε schedule: from max(range, ε) down by `scaling` to ε (geomloss-style ε-scaling, one step each). */
function schedule(range: number, eps: number, scaling: number): number[] {
  const out: number[] = []
  if (scaling < 1 && scaling > 0) for (let e = range; e > eps; e *= scaling) out.push(e)
  out.push(eps)
  return out
}

/**
 * Entropic OT between a = 1/n and b = 1/m with cost C (row-major n × m): alternating log-domain updates
 * f = softmin_b(g − C), g = softmin_a(f − C), run to the marginal tolerance at the target ε.
 */
export function sinkhorn(C: Float64Array, n: number, m: number, opts: SinkhornOptions): SinkhornResult {
  const tol = opts.tol ?? 1e-7
  const maxIter = opts.maxIter ?? 2000
  const f = new Float64Array(n)
  const g = new Float64Array(m)
  const la = -Math.log(n)
  const lb = -Math.log(m)
  let iterations = 0
  const stages = schedule(costRange(C), opts.epsilon, opts.scaling ?? 0.5)
  for (let s = 0; s < stages.length - 1; s++) {
    softMin(C, n, m, g, lb, stages[s], false, f)
    softMin(C, n, m, f, la, stages[s], true, g)
    iterations++
  }
  const eps = opts.epsilon
  let err = Infinity
  for (let it = 0; it < maxIter; it++) {
    softMin(C, n, m, g, lb, eps, false, f)
    softMin(C, n, m, f, la, eps, true, g)
    iterations++
    err = rowMarginalError(C, n, m, f, g, eps)
    if (err < tol) break
  }
  let cost = 0
  for (let i = 0; i < n; i++) cost += f[i] / n
  for (let j = 0; j < m; j++) cost += g[j] / m
  return { f, g, cost, epsilon: eps, iterations, marginalError: err, converged: err < tol }
}

/**
 * OT_ε(α, α) for a symmetric n × n cost: averaged symmetric updates f ← ½(f + softmin_a(f − C)), which converge
 * fast (geomloss' debiasing terms). Returns f and OT = 2⟨a,f⟩.
 */
export function sinkhornSymmetric(C: Float64Array, n: number, opts: SinkhornOptions): SinkhornResult {
  const tol = opts.tol ?? 1e-7
  const maxIter = opts.maxIter ?? 2000
  const f = new Float64Array(n)
  const t = new Float64Array(n)
  const la = -Math.log(n)
  let iterations = 0
  const stages = schedule(costRange(C), opts.epsilon, opts.scaling ?? 0.5)
  for (let s = 0; s < stages.length - 1; s++) {
    softMin(C, n, n, f, la, stages[s], false, t)
    for (let i = 0; i < n; i++) f[i] = 0.5 * (f[i] + t[i])
    iterations++
  }
  const eps = opts.epsilon
  let err = Infinity
  for (let it = 0; it < maxIter; it++) {
    softMin(C, n, n, f, la, eps, false, t)
    err = 0
    for (let i = 0; i < n; i++) {
      err = Math.max(err, Math.abs(t[i] - f[i]))
      f[i] = 0.5 * (f[i] + t[i])
    }
    iterations++
    // a fixed point of the soft-min map is exactly a marginal-feasible symmetric plan
    if (err / eps < tol) break
  }
  const marginalError = rowMarginalError(C, n, n, f, f, eps)
  let cost = 0
  for (let i = 0; i < n; i++) cost += (2 * f[i]) / n
  return { f, g: f, cost, epsilon: eps, iterations, marginalError, converged: err / eps < tol }
}

/** The plan π_ij = a_i·b_j·exp((f_i + g_j − C_ij)/ε) with a = 1/n, b = 1/m (row-major n × m). */
export function transportPlan(
  C: Float64Array,
  n: number,
  m: number,
  f: Float64Array,
  g: Float64Array,
  eps: number
): Float64Array {
  const P = new Float64Array(n * m)
  const w = 1 / (n * m)
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) P[i * m + j] = w * Math.exp((f[i] + g[j] - C[i * m + j]) / eps)
  }
  return P
}

function rowMarginalError(
  C: Float64Array,
  n: number,
  m: number,
  f: Float64Array,
  g: Float64Array,
  eps: number
): number {
  let err = 0
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = 0; j < m; j++) s += Math.exp((f[i] + g[j] - C[i * m + j]) / eps)
    err += Math.abs(s / (n * m) - 1 / n)
  }
  return err
}

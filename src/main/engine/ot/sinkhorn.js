// Log-domain entropic OT between uniform discrete measures (ε-scaling, convergence report) and its transport plan.
/**
 * −ε·log Σ_j exp(logw_j + (h_j − C[i,j])/ε) for every row i of a row-major n × m matrix (or its transpose when
 * `byCol`), the soft-min at the heart of the log-domain Sinkhorn update.
 */
function softMin(C, n, m, h, logw, eps, byCol, out) {
    const rows = byCol ? m : n;
    const cols = byCol ? n : m;
    for (let r = 0; r < rows; r++) {
        let mx = -Infinity;
        for (let k = 0; k < cols; k++) {
            const x = (h[k] - (byCol ? C[k * m + r] : C[r * m + k])) / eps;
            if (x > mx)
                mx = x;
        }
        let s = 0;
        for (let k = 0; k < cols; k++)
            s += Math.exp((h[k] - (byCol ? C[k * m + r] : C[r * m + k])) / eps - mx);
        out[r] = -eps * (logw + mx + Math.log(s));
    }
}
function costRange(C) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of C) {
        if (c < lo)
            lo = c;
        if (c > hi)
            hi = c;
    }
    return hi - lo;
}
/** Annealed ε schedule: from max(range, ε) down by `scaling` to ε (geomloss-style ε-scaling, one step each). */
function schedule(range, eps, scaling) {
    const out = [];
    if (scaling < 1 && scaling > 0)
        for (let e = range; e > eps; e *= scaling)
            out.push(e);
    out.push(eps);
    return out;
}
/**
 * Entropic OT between a = 1/n and b = 1/m with cost C (row-major n × m): alternating log-domain updates
 * f = softmin_b(g − C), g = softmin_a(f − C), run to the marginal tolerance at the target ε.
 */
export function sinkhorn(C, n, m, opts) {
    const tol = opts.tol ?? 1e-7;
    const maxIter = opts.maxIter ?? 2000;
    const f = new Float64Array(n);
    const g = new Float64Array(m);
    const la = -Math.log(n);
    const lb = -Math.log(m);
    let iterations = 0;
    const stages = schedule(costRange(C), opts.epsilon, opts.scaling ?? 0.5);
    for (let s = 0; s < stages.length - 1; s++) {
        softMin(C, n, m, g, lb, stages[s], false, f);
        softMin(C, n, m, f, la, stages[s], true, g);
        iterations++;
    }
    const eps = opts.epsilon;
    let err = Infinity;
    for (let it = 0; it < maxIter; it++) {
        softMin(C, n, m, g, lb, eps, false, f);
        softMin(C, n, m, f, la, eps, true, g);
        iterations++;
        err = rowMarginalError(C, n, m, f, g, eps);
        if (err < tol)
            break;
    }
    let cost = 0;
    for (let i = 0; i < n; i++)
        cost += f[i] / n;
    for (let j = 0; j < m; j++)
        cost += g[j] / m;
    return { f, g, cost, epsilon: eps, iterations, marginalError: err, converged: err < tol };
}
/**
 * OT_ε(α, α) for a symmetric n × n cost: averaged symmetric updates f ← ½(f + softmin_a(f − C)), which converge
 * fast (geomloss' debiasing terms). Returns f and OT = 2⟨a,f⟩.
 */
export function sinkhornSymmetric(C, n, opts) {
    const tol = opts.tol ?? 1e-7;
    const maxIter = opts.maxIter ?? 2000;
    const f = new Float64Array(n);
    const t = new Float64Array(n);
    const la = -Math.log(n);
    let iterations = 0;
    const stages = schedule(costRange(C), opts.epsilon, opts.scaling ?? 0.5);
    for (let s = 0; s < stages.length - 1; s++) {
        softMin(C, n, n, f, la, stages[s], false, t);
        for (let i = 0; i < n; i++)
            f[i] = 0.5 * (f[i] + t[i]);
        iterations++;
    }
    const eps = opts.epsilon;
    let err = Infinity;
    for (let it = 0; it < maxIter; it++) {
        softMin(C, n, n, f, la, eps, false, t);
        err = 0;
        for (let i = 0; i < n; i++) {
            err = Math.max(err, Math.abs(t[i] - f[i]));
            f[i] = 0.5 * (f[i] + t[i]);
        }
        iterations++;
        // a fixed point of the soft-min map is exactly a marginal-feasible symmetric plan
        if (err / eps < tol)
            break;
    }
    const marginalError = rowMarginalError(C, n, n, f, f, eps);
    let cost = 0;
    for (let i = 0; i < n; i++)
        cost += (2 * f[i]) / n;
    return { f, g: f, cost, epsilon: eps, iterations, marginalError, converged: err / eps < tol };
}
/** The plan π_ij = a_i·b_j·exp((f_i + g_j − C_ij)/ε) with a = 1/n, b = 1/m (row-major n × m). */
export function transportPlan(C, n, m, f, g, eps) {
    const P = new Float64Array(n * m);
    const w = 1 / (n * m);
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++)
            P[i * m + j] = w * Math.exp((f[i] + g[j] - C[i * m + j]) / eps);
    }
    return P;
}
function rowMarginalError(C, n, m, f, g, eps) {
    let err = 0;
    for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < m; j++)
            s += Math.exp((f[i] + g[j] - C[i * m + j]) / eps);
        err += Math.abs(s / (n * m) - 1 / n);
    }
    return err;
}

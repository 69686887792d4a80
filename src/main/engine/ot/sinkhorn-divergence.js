// Debiased Sinkhorn divergence S_ε between two point clouds and its gradient w.r.t. the first cloud (envelope theorem).
import { sinkhorn, sinkhornSymmetric, transportPlan } from './sinkhorn';
/** C_ij = scale·‖x_i − y_j‖² for row-major point sets x (n × d) and y (m × d). */
export function squaredEuclideanCost(x, n, y, m, d, scale) {
    const C = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
            let s = 0;
            for (let k = 0; k < d; k++) {
                const e = x[i * d + k] - y[j * d + k];
                s += e * e;
            }
            C[i * m + j] = scale * s;
        }
    }
    return C;
}
/**
 * Debiased Sinkhorn divergence between uniform measures on x (n × d) and y (m × d) with cost scale·‖x − y‖².
 * With converged potentials, ∇_{x_i} OT_ε(α,β) = Σ_j π_ij ∇c(x_i, y_j) and ∇_{x_i} ½OT_ε(α,α) = Σ_j π^αα_ij ∇c(x_i, x_j),
 * so dS/dx_i = 2·scale·(Σ_j π_ij (x_i − y_j) − Σ_j π^αα_ij (x_i − x_j)).
 */
export function sinkhornDivergence(x, n, y, m, d, scale, opts) {
    const Cxy = squaredEuclideanCost(x, n, y, m, d, scale);
    const Cxx = squaredEuclideanCost(x, n, x, n, d, scale);
    const Cyy = squaredEuclideanCost(y, m, y, m, d, scale);
    const xy = sinkhorn(Cxy, n, m, opts);
    const xx = sinkhornSymmetric(Cxx, n, opts);
    const yy = sinkhornSymmetric(Cyy, m, opts);
    const eps = opts.epsilon;
    const plan = transportPlan(Cxy, n, m, xy.f, xy.g, eps);
    const planXX = transportPlan(Cxx, n, n, xx.f, xx.f, eps);
    const gradX = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
            const w = 2 * scale * plan[i * m + j];
            for (let k = 0; k < d; k++)
                gradX[i * d + k] += w * (x[i * d + k] - y[j * d + k]);
        }
        for (let j = 0; j < n; j++) {
            const w = 2 * scale * planXX[i * n + j];
            for (let k = 0; k < d; k++)
                gradX[i * d + k] -= w * (x[i * d + k] - x[j * d + k]);
        }
    }
    return {
        value: xy.cost - 0.5 * xx.cost - 0.5 * yy.cost,
        gradX,
        plan,
        iterations: Math.max(xy.iterations, xx.iterations, yy.iterations),
        marginalError: Math.max(xy.marginalError, xx.marginalError, yy.marginalError),
        converged: xy.converged && xx.converged && yy.converged
    };
}

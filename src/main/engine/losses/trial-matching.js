// Trial-matching loss of one session (spec §3.3): hard (Hungarian on equal-size random subsets) or soft (debiased Sinkhorn).
import { hungarian } from '../ot/hungarian';
import { sinkhornDivergence } from '../ot/sinkhorn-divergence';
import { randomSubset } from './subsample';
import { meanSquaredCost } from './trial-cost';
/**
 * Hard trial matching between model features X (B × D) and data features Y (K × D): m = min(B, K); the larger side
 * is cut to a uniformly random subset of m rows (not the first m, spec §9.2), the cost C_ij = ‖x_i − y_j‖²/D is
 * minimised by the Hungarian algorithm, and L = (1/m) Σ C_{i,σ(i)}. With σ fixed, dL/dx_i = 2(x_i − y_σ(i))/(m·D).
 */
export function hardMatch(X, B, Y, K, D, rnd) {
    const modelToData = new Int32Array(B).fill(-1);
    const gradModel = new Float64Array(B * D);
    const m = Math.min(B, K);
    if (m === 0 || D === 0)
        return { loss: 0, gradModel, modelToData };
    const rows = B > m ? randomSubset(B, m, rnd) : Int32Array.from({ length: B }, (_, i) => i);
    const cols = K > m ? randomSubset(K, m, rnd) : Int32Array.from({ length: K }, (_, j) => j);
    const C = meanSquaredCost(X, rows, Y, cols, D);
    const a = hungarian(C, m, m);
    let loss = 0;
    for (let i = 0; i < m; i++) {
        const j = a.rowToCol[i];
        const r = rows[i];
        const c = cols[j];
        loss += C[i * m + j];
        modelToData[r] = c;
        for (let k = 0; k < D; k++)
            gradModel[r * D + k] = (2 * (X[r * D + k] - Y[c * D + k])) / (m * D);
    }
    return { loss: loss / m, gradModel, modelToData };
}
/**
 * Soft trial matching: debiased Sinkhorn divergence S_ε between the uniform measures on X and Y with cost
 * ‖x − y‖²/D (so S_ε → the hard loss of equal-size sets as ε → 0), gradient by the envelope theorem.
 */
export function softMatch(X, B, Y, K, D, epsilon, maxIter = 500, tol = 1e-6) {
    const modelToData = new Int32Array(B).fill(-1);
    if (B === 0 || K === 0 || D === 0)
        return { loss: 0, gradModel: new Float64Array(B * D), modelToData };
    const r = sinkhornDivergence(X, B, Y, K, D, 1 / D, { epsilon, maxIter, tol });
    for (let i = 0; i < B; i++) {
        let best = -1;
        let bestMass = -1;
        for (let j = 0; j < K; j++) {
            if (r.plan[i * K + j] > bestMass) {
                bestMass = r.plan[i * K + j];
                best = j;
            }
        }
        modelToData[i] = best;
    }
    return {
        loss: r.value,
        gradModel: r.gradX,
        modelToData,
        iterations: r.iterations,
        marginalError: r.marginalError,
        converged: r.converged
    };
}

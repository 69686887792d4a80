// Trial-to-trial distance of spec §3.3: mean squared difference of feature vectors, between chosen rows of two sets.
/**
 * C[i·m + j] = (1/D)·‖X[rows[i]] − Y[cols[j]]‖² for row-major feature sets X (· × D) and Y (· × D);
 * m = cols.length. Returns a rows.length × m matrix.
 */
export function meanSquaredCost(X, rows, Y, cols, D) {
    const n = rows.length;
    const m = cols.length;
    const C = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
        const xo = rows[i] * D;
        for (let j = 0; j < m; j++) {
            const yo = cols[j] * D;
            let s = 0;
            for (let k = 0; k < D; k++) {
                const e = X[xo + k] - Y[yo + k];
                s += e * e;
            }
            C[i * m + j] = s / D;
        }
    }
    return C;
}
/** Rows `trials` of a K × D matrix, optionally keeping only the first `width` columns. */
export function selectRows(x, D, trials, width = D) {
    const out = new Float64Array(trials.length * width);
    for (let i = 0; i < trials.length; i++)
        out.set(x.subarray(trials[i] * D, trials[i] * D + width), i * width);
    return out;
}

// PCA of per-trial feature vectors: a deterministic 2-D (or k-D) embedding for the trial-variability view.
/**
 * Top-k principal components of n row vectors of length d (row-major x) by power iteration on XᵀX with
 * deflation (O(n·d) per iteration, no d × d matrix). Axes beyond the data's rank get zero variance.
 */
export function pca(x, n, d, k = 2, maxIter = 500) {
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++)
            mean[j] += x[i * d + j] / n;
    const xc = Float64Array.from(x.subarray(0, n * d), (v, idx) => v - mean[idx % d]);
    let total = 0;
    for (const v of xc)
        total += v * v;
    const components = new Float64Array(k * d);
    const explained = [];
    const xv = new Float64Array(n);
    for (let c = 0; c < k; c++) {
        // deterministic start, not orthogonal to generic data
        let v = Float64Array.from({ length: d }, (_, j) => 1 + ((j * 7919) % 13) / 13);
        let lambda = 0;
        for (let it = 0; it < maxIter; it++) {
            orthogonalise(v, components, c, d);
            for (let i = 0; i < n; i++) {
                let s = 0;
                for (let j = 0; j < d; j++)
                    s += xc[i * d + j] * v[j];
                xv[i] = s;
            }
            const w = new Float64Array(d);
            for (let i = 0; i < n; i++)
                for (let j = 0; j < d; j++)
                    w[j] += xc[i * d + j] * xv[i];
            orthogonalise(w, components, c, d);
            let norm = 0;
            for (let j = 0; j < d; j++)
                norm += w[j] * w[j];
            norm = Math.sqrt(norm);
            if (norm < 1e-300) {
                lambda = 0;
                v = new Float64Array(d);
                break;
            }
            let diff = 0;
            for (let j = 0; j < d; j++) {
                diff = Math.max(diff, Math.abs(w[j] / norm - v[j]));
                w[j] /= norm;
            }
            v = w;
            lambda = norm;
            if (diff < 1e-12)
                break;
        }
        let big = 0;
        for (let j = 0; j < d; j++)
            if (Math.abs(v[j]) > Math.abs(v[big]))
                big = j;
        if (v[big] < 0)
            for (let j = 0; j < d; j++)
                v[j] = -v[j];
        components.set(v, c * d);
        explained.push(total > 0 ? lambda / total : 0);
    }
    const coords = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
        for (let c = 0; c < k; c++) {
            let s = 0;
            for (let j = 0; j < d; j++)
                s += xc[i * d + j] * components[c * d + j];
            coords[i * k + c] = s;
        }
    }
    return { coords, components, explained, mean };
}
/** Removes from v its projections on the first `count` rows of `basis` (Gram–Schmidt). */
function orthogonalise(v, basis, count, d) {
    for (let c = 0; c < count; c++) {
        let dot = 0;
        for (let j = 0; j < d; j++)
            dot += v[j] * basis[c * d + j];
        for (let j = 0; j < d; j++)
            v[j] -= dot * basis[c * d + j];
    }
}

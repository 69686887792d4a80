/** Runs one trial from v = v_rest (no warm-up). Shapes: z, v are T × N, jaw T. */
export function relaxedTrial(p, d, dyn, f) {
    const { n, nE, nIn, nInE, nBins: T, latentDim: L } = d;
    const z = new Float64Array(T * n);
    const vOut = new Float64Array(T * n);
    const jawOut = new Float64Array(T);
    const first = f.pHat === null;
    const pHat = f.pHat ?? new Float64Array(T * n);
    const o = new Float64Array(n);
    for (let l = 0; l < L; l++)
        for (let i = 0; i < n; i++)
            o[i] += f.latentU[l] * p.latent[l * n + i];
    const v = Float64Array.from(p.v_rest);
    // adaptation trace b (spec §2.2 step 1): threshold A = thr + β·b, b ← d·b + (1 − d)·z
    const b = new Float64Array(n);
    let j = 0;
    for (let t = 0; t < T; t++) {
        for (let i = 0; i < n; i++) {
            let I = 0;
            for (let g = 0; g < 2; g++) {
                const td = t - d.delays[g];
                if (td < 0)
                    continue;
                const W = g === 0 ? p.w_rec_d0 : p.w_rec_d1;
                for (let q = 0; q < n; q++)
                    I += (q < nE ? 0.5 : -0.5) * W[q * n + i] * z[td * n + q];
            }
            for (let k = 0; k < nIn; k++)
                if (f.inputs[t * nIn + k])
                    I += (k < nInE ? 0.5 : -0.5) * p.w_in[k * n + i];
            const a = dyn.alpha[i];
            const vr = p.v_rest[i];
            const V = a * v[i] + (1 - a) * (I + o[i] + vr) + f.eta[t * n + i] * p.noise_scale[i] * (dyn.thr - vr);
            vOut[t * n + i] = V;
            const A = dyn.thr + (dyn.beta ? dyn.beta[i] * b[i] : 0);
            let zi = 0;
            if (!(f.flags[t * n + i] & 2)) {
                const pr = dyn.probScale / (1 + Math.exp(-(dyn.temperature * (V - A)) / (A - dyn.vr0)));
                if (first)
                    pHat[t * n + i] = pr;
                zi = (f.flags[t * n + i] & 1) + dyn.gamma * (pr - pHat[t * n + i]);
            }
            z[t * n + i] = zi;
            v[i] = V - (A - vr) * zi;
            b[i] = dyn.decayB * b[i] + (1 - dyn.decayB) * zi;
        }
        let r = 0;
        for (let i = 0; i < n; i++)
            r += p.w_jaw[i] * z[t * n + i];
        j = dyn.alphaJaw * j + (1 - dyn.alphaJaw) * 0.5 * r;
        jawOut[t] = p.jaw_affine[0] * j + p.jaw_affine[1];
    }
    if (first)
        f.pHat = pHat;
    return { z, v: vOut, jaw: jawOut };
}

import { allocParams } from './params';
export function allocGrad(d, k) {
    const n = d.n;
    return {
        wRec: [k.allocFloat(n * n), k.allocFloat(n * n)],
        wIn: k.allocFloat(d.nIn * n),
        vRest: new Float64Array(n),
        noiseScale: new Float64Array(n),
        latent: new Float64Array(d.latentDim * n),
        wJaw: new Float64Array(n),
        jawAffine: new Float64Array(2)
    };
}
export function freeGrad(g, k) {
    k.free(g.wRec[0]);
    k.free(g.wRec[1]);
    k.free(g.wIn);
}
export function zeroGrad(g) {
    g.wRec[0].fill(0);
    g.wRec[1].fill(0);
    g.wIn.fill(0);
    g.vRest.fill(0);
    g.noiseScale.fill(0);
    g.latent.fill(0);
    g.wJaw.fill(0);
    g.jawAffine.fill(0);
}
/** dst += src (element-wise, bit-exact whatever the backend: axpy with a = 1). */
export function addGrad(dst, src, k) {
    k.axpy(dst.wRec[0], 0, 1, src.wRec[0], 0, src.wRec[0].length);
    k.axpy(dst.wRec[1], 0, 1, src.wRec[1], 0, src.wRec[1].length);
    k.axpy(dst.wIn, 0, 1, src.wIn, 0, src.wIn.length);
    for (const key of ['vRest', 'noiseScale', 'latent', 'wJaw', 'jawAffine']) {
        const a = dst[key];
        const b = src[key];
        for (let i = 0; i < a.length; i++)
            a[i] += b[i];
    }
}
/**
 * Gradient of the stored parameters: dL/dW[j,i] = (±½)·dL/dW_eff[j,i] on allowed synapses (0 elsewhere);
 * w_jaw restricted to motor neurons; noise_scale zero unless trained.
 * @param into a parameter-shaped set to overwrite (the trainer reuses one per fit); default a new one
 */
export function finalizeGrad(g, layout, d, trainNoiseScale, precision = 'f32', into) {
    const out = into ?? allocParams(d, precision);
    out.noise_scale.fill(0);
    out.w_jaw.fill(0);
    const n = d.n;
    const mask = layout.recMask;
    for (let q = 0; q < 2; q++) {
        const src = g.wRec[q];
        const dst = q === 0 ? out.w_rec_d0 : out.w_rec_d1;
        for (let j = 0; j < n; j++) {
            const s = j < d.nE ? 0.5 : -0.5;
            const base = j * n;
            for (let i = 0; i < n; i++)
                dst[base + i] = mask[base + i] ? s * src[base + i] : 0;
        }
    }
    for (let c = 0; c < d.nIn; c++) {
        const s = c < d.nInE ? 0.5 : -0.5;
        const base = c * n;
        for (let i = 0; i < n; i++)
            out.w_in[base + i] = s * g.wIn[base + i];
    }
    out.v_rest.set(g.vRest);
    if (trainNoiseScale)
        out.noise_scale.set(g.noiseScale);
    out.latent.set(g.latent);
    for (let q = 0; q < layout.motor.length; q++)
        out.w_jaw[layout.motor[q]] = g.wJaw[layout.motor[q]];
    out.jaw_affine.set(g.jawAffine);
    return out;
}

// AdamW (decoupled weight decay, PyTorch semantics) over the named parameter set; state serialisable.
import { PARAM_NAMES } from '../model/params';
export function createAdamState(p) {
    const m = {};
    const v = {};
    for (const k of PARAM_NAMES) {
        m[k] = new Float32Array(p[k].length);
        v[k] = new Float32Array(p[k].length);
    }
    return { t: 0, m, v };
}
export function cloneAdamState(s) {
    const m = {};
    const v = {};
    for (const k of PARAM_NAMES) {
        m[k] = s.m[k].slice();
        v[k] = s.v[k].slice();
    }
    return { t: s.t, m, v };
}
/**
 * One AdamW update in place: p ← p·(1 − lr·wd); m, v moments; p ← p − lr·m̂/(√v̂ + eps).
 * @param frozen parameters that must not move (e.g. noise_scale when not trained).
 */
export function adamStep(p, g, s, c, frozen = new Set()) {
    s.t += 1;
    const bc1 = 1 - Math.pow(c.beta1, s.t);
    const bc2 = 1 - Math.pow(c.beta2, s.t);
    const decay = 1 - c.lr * c.weightDecay;
    const stepSize = c.lr / bc1;
    const sqrtBc2 = Math.sqrt(bc2);
    for (const k of PARAM_NAMES) {
        if (frozen.has(k))
            continue;
        const w = p[k];
        const gr = g[k];
        const m = s.m[k];
        const v = s.v[k];
        for (let i = 0; i < w.length; i++) {
            const gi = gr[i];
            const mi = c.beta1 * m[i] + (1 - c.beta1) * gi;
            const vi = c.beta2 * v[i] + (1 - c.beta2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            w[i] = w[i] * decay - (stepSize * mi) / (Math.sqrt(vi) / sqrtBc2 + c.eps);
        }
    }
}

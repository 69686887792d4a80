export function applyConstraints(p, layout, c) {
    const shrink = c.l1 * c.lr;
    const mask = layout.recMask;
    for (const w of [p.w_rec_d0, p.w_rec_d1]) {
        for (let q = 0; q < w.length; q++) {
            const x = mask[q] ? w[q] - shrink : 0;
            w[q] = x > 0 ? x : 0;
        }
    }
    const wi = p.w_in;
    for (let q = 0; q < wi.length; q++) {
        const x = wi[q] - shrink;
        wi[q] = x > 0 ? x : 0;
    }
    // The reference's v_rest clamp: [2·v_rest0 − thr, thr].
    const lo = 2 * c.vr0 - c.thr;
    const hi = c.thr;
    for (let i = 0; i < p.v_rest.length; i++)
        p.v_rest[i] = Math.min(hi, Math.max(lo, p.v_rest[i]));
    for (let i = 0; i < p.noise_scale.length; i++)
        if (!(p.noise_scale[i] > 0))
            p.noise_scale[i] = 0;
    const motor = new Uint8Array(layout.n);
    for (let q = 0; q < layout.motor.length; q++)
        motor[layout.motor[q]] = 1;
    for (let i = 0; i < layout.n; i++)
        if (!motor[i])
            p.w_jaw[i] = 0;
}

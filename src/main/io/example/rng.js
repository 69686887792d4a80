// Seeded PRNG for the example generator (sfc32 seeded by splitmix32): same seed → same dataset on every machine.
function splitmix32(a) {
    return () => {
        a = (a + 0x9e3779b9) | 0;
        let t = a ^ (a >>> 16);
        t = Math.imul(t, 0x21f0aaad);
        t ^= t >>> 15;
        t = Math.imul(t, 0x735a2d97);
        return (t ^ (t >>> 15)) >>> 0;
    };
}
/** sfc32 (Small Fast Counter) generator; 32-bit state words come from splitmix32(seed). */
export function createRng(seed) {
    const sm = splitmix32(seed >>> 0);
    let a = sm();
    let b = sm();
    let c = sm();
    let d = sm();
    const next = () => {
        const t = (((a + b) | 0) + d) | 0;
        d = (d + 1) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        c = (c + t) | 0;
        return (t >>> 0) / 4294967296;
    };
    let spare = null;
    const normal = () => {
        if (spare !== null) {
            const s = spare;
            spare = null;
            return s;
        }
        // Box–Muller; 1 − u keeps the log finite.
        const r = Math.sqrt(-2 * Math.log(1 - next()));
        const th = 2 * Math.PI * next();
        spare = r * Math.sin(th);
        return r * Math.cos(th);
    };
    return { next, normal, uniform: (lo, hi) => lo + (hi - lo) * next() };
}

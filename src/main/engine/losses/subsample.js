// Seeded randomness of the losses and metrics: a small PRNG and random equal-size subsets (spec §9.2: not first-m).
/** mulberry32: a fast 32-bit seeded generator returning floats in [0, 1). */
export function mulberry32(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
/** `k` distinct positions of [0, n) drawn uniformly (partial Fisher–Yates), in increasing order. */
export function randomSubset(n, k, rnd) {
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    const take = Math.min(k, n);
    for (let i = 0; i < take; i++) {
        const j = i + Math.floor(rnd() * (n - i));
        const t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
    }
    return idx.slice(0, take).sort();
}
/** A deterministic 32-bit seed from integer arrays (FNV-1a), so that equal inputs give equal subsets. */
export function hashSeed(parts, salt = 0) {
    let h = (0x811c9dc5 ^ salt) >>> 0;
    for (const p of parts) {
        h = Math.imul(h ^ p.length, 0x01000193) >>> 0;
        for (let i = 0; i < p.length; i++)
            h = Math.imul(h ^ (p[i] & 0xffffffff), 0x01000193) >>> 0;
    }
    return h;
}

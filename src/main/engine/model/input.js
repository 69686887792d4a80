/** Sets raster[off + k] = 1 independently with probability p for k < count (OR with what is there). */
export function fillBernoulli(raster, off, count, p, rng) {
    if (!(p > 0) || count <= 0)
        return;
    if (p >= 1) {
        raster.fill(1, off, off + count);
        return;
    }
    const logq = Math.log1p(-p);
    let k = -1;
    for (;;) {
        k += 1 + Math.floor(Math.log(rng.uniformOpen()) / logq);
        if (k >= count)
            return;
        raster[off + k] = 1;
    }
}
/** Warm-up input raster (background only), W × nIn, zeroed first. */
export function drawWarmupInputs(raster, d, dyn, rng) {
    const cells = d.warmup * d.nIn;
    raster.fill(0, 0, cells);
    fillBernoulli(raster, 0, cells, dyn.p0, rng);
}
/**
 * Trial input raster T × nIn at raster[off …], zeroed first; stimulus s ≥ 0 (0 = none) boosts channels
 * [0, nStim) during steps [stimStart, stimStart + stimSteps) ∩ [0, T).
 */
export function drawTrialInputs(raster, off, d, dyn, nStim, stimulus, rng) {
    const { nIn, nBins: T } = d;
    raster.fill(0, off, off + T * nIn);
    fillBernoulli(raster, off, T * nIn, dyn.p0, rng);
    if (!(stimulus > 0) || dyn.p0 >= 1)
        return;
    const pStim = Math.min(1, dyn.p0 * (1 + dyn.stimGain * Math.log1p(stimulus)));
    // Union of independent events: 1 − (1 − p0)(1 − p′) = pStim.
    const extra = (pStim - dyn.p0) / (1 - dyn.p0);
    const t1 = Math.min(T, dyn.stimStart + dyn.stimSteps);
    for (let t = Math.max(0, dyn.stimStart); t < t1; t++)
        fillBernoulli(raster, off + t * nIn, nStim, extra, rng);
}

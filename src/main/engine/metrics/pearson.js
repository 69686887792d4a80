// True Pearson correlation (each vector centred on its own mean; the reference centred both on the data's, spec §5.1).
/**
 * Pearson's r of x[xOff + i·xStride] and y[yOff + i·yStride], i < n. NaN when either vector is constant or n < 2.
 */
export function pearson(x, y, n = x.length, xOff = 0, yOff = 0, xStride = 1, yStride = 1) {
    if (n < 2)
        return NaN;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
        mx += x[xOff + i * xStride];
        my += y[yOff + i * yStride];
    }
    mx /= n;
    my /= n;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
        const a = x[xOff + i * xStride] - mx;
        const b = y[yOff + i * yStride] - my;
        sxy += a * b;
        sxx += a * a;
        syy += b * b;
    }
    // relative guard: a vector whose spread is at rounding level is constant
    if (sxx <= 1e-24 * Math.max(1, mx * mx) * n || syy <= 1e-24 * Math.max(1, my * my) * n)
        return NaN;
    return sxy / Math.sqrt(sxx * syy);
}
/** Mean of the finite entries; NaN when there are none. */
export function finiteMean(values) {
    let s = 0;
    let n = 0;
    for (let i = 0; i < values.length; i++) {
        if (Number.isFinite(values[i])) {
            s += values[i];
            n++;
        }
    }
    return n > 0 ? s / n : NaN;
}

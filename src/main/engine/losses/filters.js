// Temporal filters of spec §3.1 as banded linear maps T → L: box pooling (padding excluded) and composition.
import { AppError } from '@shared/contract/errors';
/**
 * Average pooling with `count_include_pad = false`: output j averages input bins [j·stride − pad, … + kernel)
 * clipped to [0, inLen). Output length ⌊(inLen + 2·pad − kernel)/stride⌋ + 1.
 */
export function boxFilter(inLen, kernel, stride, pad) {
    if (!(kernel >= 1 && stride >= 1 && pad >= 0 && pad < kernel)) {
        const what = `bad box filter kernel ${kernel}, stride ${stride}, padding ${pad}`;
        throw new AppError('INVALID_SETTINGS', what, { field: 'loss.filterMs' });
    }
    const outLen = Math.floor((inLen + 2 * pad - kernel) / stride) + 1;
    if (outLen < 1) {
        const what = `the filter (${kernel} bins) is longer than the trial (${inLen} bins)`;
        throw new AppError('INVALID_SETTINGS', what, { field: 'loss.filterMs' });
    }
    const start = new Int32Array(outLen);
    const len = new Int32Array(outLen);
    const offset = new Int32Array(outLen);
    const weights = [];
    for (let j = 0; j < outLen; j++) {
        const a = Math.max(0, j * stride - pad);
        const b = Math.min(inLen, j * stride - pad + kernel);
        start[j] = a;
        len[j] = b - a;
        offset[j] = weights.length;
        for (let t = a; t < b; t++)
            weights.push(1 / (b - a));
    }
    return { inLen, outLen, start, len, offset, w: Float64Array.from(weights) };
}
/** outer ∘ inner: first `inner` (T → L1), then `outer` (L1 → L2); the result is again banded. */
export function composeFilters(outer, inner) {
    if (outer.inLen !== inner.outLen)
        throw new Error('composeFilters: length mismatch');
    const start = new Int32Array(outer.outLen);
    const len = new Int32Array(outer.outLen);
    const offset = new Int32Array(outer.outLen);
    const weights = [];
    for (let j = 0; j < outer.outLen; j++) {
        const o0 = outer.start[j];
        const o1 = o0 + outer.len[j] - 1;
        const a = inner.start[o0];
        const b = inner.start[o1] + inner.len[o1];
        const row = new Float64Array(b - a);
        for (let i = 0; i < outer.len[j]; i++) {
            const l = o0 + i;
            const wo = outer.w[outer.offset[j] + i];
            for (let q = 0; q < inner.len[l]; q++)
                row[inner.start[l] + q - a] += wo * inner.w[inner.offset[l] + q];
        }
        start[j] = a;
        len[j] = b - a;
        offset[j] = weights.length;
        for (const v of row)
            weights.push(v);
    }
    return { inLen: inner.inLen, outLen: outer.outLen, start, len, offset, w: Float64Array.from(weights) };
}
/**
 * filter1 and filter2 of spec §3.1 for bin width `dtS` (s): filter1 = box of k1 = ⌊filterMs/dt⌋ bins, stride
 * ⌊k1/2⌋, padding ⌊(k1−1)/2⌋ (12 ms at 2 ms → 6/3/2: 250 → 83 bins); filter2 = box 2r, stride r, padding r−1
 * (r = resample: 83 → 41 for r = 2). Returns filter1 (T → L1) and filter2 ∘ filter1 (T → L2).
 */
export function lossFilters(nBins, dtS, filterMs, resample) {
    const k1 = Math.max(1, Math.floor(filterMs / (dtS * 1000) + 1e-9));
    const filter1 = boxFilter(nBins, k1, Math.max(1, Math.floor(k1 / 2)), Math.floor((k1 - 1) / 2));
    const filter2 = boxFilter(filter1.outLen, 2 * resample, resample, resample - 1);
    return { filter1, feature: composeFilters(filter2, filter1) };
}
/**
 * y[j] = Σ_t F[j,t]·x[xOff + t·xStride], written to y[yOff + j·yStride]. Strides let the caller filter one column of
 * a row-major trial × time × unit array in place.
 */
export function applyFilter(f, x, xOff, xStride, y, yOff, yStride) {
    for (let j = 0; j < f.outLen; j++) {
        let s = 0;
        const o = f.offset[j];
        const a = f.start[j];
        for (let i = 0; i < f.len[j]; i++)
            s += f.w[o + i] * x[xOff + (a + i) * xStride];
        y[yOff + j * yStride] = s;
    }
}
/** Transpose: gx[xOff + t·xStride] += Σ_j F[j,t]·gy[yOff + j·yStride] (the filter's backward pass). */
export function applyFilterTransposeAdd(f, gy, yOff, yStride, gx, xOff, xStride) {
    for (let j = 0; j < f.outLen; j++) {
        const g = gy[yOff + j * yStride];
        if (g === 0)
            continue;
        const o = f.offset[j];
        const a = f.start[j];
        for (let i = 0; i < f.len[j]; i++)
            gx[xOff + (a + i) * xStride] += f.w[o + i] * g;
    }
}

// Small typed-array helpers shared by the engine: shape checks, finiteness, copies (no tensor framework).
import { AppError } from '@shared/contract/errors';
/** Throws SHAPE_MISMATCH naming `field` unless a.length === expected. */
export function checkLength(a, expected, field) {
    if (a.length !== expected) {
        throw new AppError('SHAPE_MISMATCH', `expected ${expected} values, got ${a.length}`, { field });
    }
}
/** Index of the first NaN/±Inf entry, or −1. */
export function firstNonFinite(a) {
    for (let i = 0; i < a.length; i++) {
        const x = a[i];
        if (x - x !== 0)
            return i;
    }
    return -1;
}
/** True when every entry is finite. */
export function allFinite(a) {
    return firstNonFinite(a) < 0;
}
/** A new float array of the same precision. */
export function newLike(a, n = a.length) {
    return a instanceof Float64Array ? new Float64Array(n) : new Float32Array(n);
}
/** A float array of the given precision. */
export function newFloat(precision, n) {
    return precision === 'f64' ? new Float64Array(n) : new Float32Array(n);
}
/** Σ a[i] in float64. */
export function sum(a) {
    let s = 0;
    for (let i = 0; i < a.length; i++)
        s += a[i];
    return s;
}

// Reference Kernels in plain TypeScript: readable ground truth for the wasm backend, and the Float64 backend
// used by the finite-difference gradient checks. membraneRow is also the fallback of backends that lack it.
import { fastExp } from '../fast-exp';
import { fillNormal4 } from '../normal4';
/**
 * Creates the plain-JS kernels.
 * @param precision 'f32' (product default) or 'f64' (allocFloat returns Float64Array; gradient checks).
 */
export function createJsKernels(precision = 'f32') {
    return {
        name: precision === 'f32' ? 'js' : 'js-f64',
        precision,
        allocFloat: (n) => (precision === 'f32' ? new Float32Array(n) : new Float64Array(n)),
        allocInt: (n) => new Int32Array(n),
        free: () => { },
        addRows,
        addToRows,
        dotRows,
        axpy,
        allocDouble: (n) => new Float64Array(n),
        fillNormal4
        // membraneRow, adjointRow: deliberately not set; the model calls the references directly (inlinable).
    };
}
function addRows(dst, dstOff, src, rows, rowsOff, count, len) {
    for (let k = 0; k < count; k++) {
        const base = rows[rowsOff + k] * len;
        for (let i = 0; i < len; i++)
            dst[dstOff + i] += src[base + i];
    }
}
function addToRows(dst, rows, rowsOff, count, len, src, srcOff) {
    for (let k = 0; k < count; k++) {
        const base = rows[rowsOff + k] * len;
        for (let i = 0; i < len; i++)
            dst[base + i] += src[srcOff + i];
    }
}
function dotRows(out, outOff, mat, rows, rowsOff, count, len, vec, vecOff, matOff = 0, stride = len) {
    for (let k = 0; k < count; k++) {
        const r = rows[rowsOff + k];
        const base = matOff + r * stride;
        let s = 0;
        for (let i = 0; i < len; i++)
            s += mat[base + i] * vec[vecOff + i];
        out[outOff + r] += s;
    }
}
function axpy(dst, dstOff, a, src, srcOff, n) {
    for (let i = 0; i < n; i++)
        dst[dstOff + i] += a * src[srcOff + i];
}
/** The fused membrane row (Kernels.membraneRow): pre-reset voltage and spike sigmoid of every neuron. */
export function membraneRow(n, alpha, v, cur, drive, noise, gain, uScale, thr, vOut, sgOut) {
    for (let i = 0; i < n; i++) {
        const a = alpha[i];
        const V = a * v[i] + (1 - a) * cur[i] + drive[i] + noise[i] * gain[i];
        vOut[i] = V;
        sgOut[i] = 1 / (1 + fastExp(-uScale * (V - thr)));
    }
}

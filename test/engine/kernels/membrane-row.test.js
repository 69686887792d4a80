// wasm-SIMD membraneRow against the js reference (kernels/js.ts): bit-equal voltages and sigmoids on random
// rows, on exp arguments spread over fastExp's whole range, on Math.round ties, and beyond the range (Math.exp).
import { describe, expect, it } from 'vitest';
import { membraneRow } from '../../../src/main/engine/kernels/js';
import { createWasmKernels } from '../../../src/main/engine/kernels/wasm';
import { fastExpConstants } from '../../../src/main/engine/fast-exp';
import { mulberry32 } from '../../../src/main/engine/losses/subsample';
const wasm = createWasmKernels();
function allocRow(n) {
    const d = () => wasm.allocDouble(n);
    return { alpha: d(), v: d(), cur: wasm.allocFloat(n), drive: d(), noise: d(), gain: d() };
}
/** Runs both implementations on the same row and returns [js, wasm] outputs as bit patterns. */
function both(row, n, uScale, thr) {
    const jv = new Float64Array(n);
    const js = new Float64Array(n);
    membraneRow(n, row.alpha, row.v, row.cur, row.drive, row.noise, row.gain, uScale, thr, jv, js);
    const wv = wasm.allocDouble(n);
    const ws = wasm.allocDouble(n);
    wasm.membraneRow(n, row.alpha, row.v, row.cur, row.drive, row.noise, row.gain, uScale, thr, wv, ws);
    const bits = (a) => new BigInt64Array(Float64Array.from(a).buffer);
    return { js: [bits(jv), bits(js)], wa: [bits(wv), bits(ws)] };
}
/** A row whose exp argument −uScale·(V − thr) is exactly x[i] (α = 1, uScale = −1, thr = 0, other terms 0). */
function rowOfArguments(x) {
    const row = allocRow(x.length);
    row.alpha.fill(1);
    row.v.set(x);
    return row;
}
describe('wasm membraneRow', () => {
    it.each([1, 2, 3, 7, 64, 500, 501])('is bit-equal to the js reference on random model-like rows (n %i)', (n) => {
        const r = mulberry32(n);
        const row = allocRow(n);
        for (let i = 0; i < n; i++) {
            row.alpha[i] = 0.8 + 0.19 * r();
            row.v[i] = -0.5 + 1.5 * r();
            row.cur[i] = (r() - 0.5) * 4;
            row.drive[i] = (r() - 0.5) * 0.2;
            row.noise[i] = (r() - 0.5) * 0.3;
            row.gain[i] = r();
        }
        const { js, wa } = both(row, n, 5 + 10 * r(), 0.5 + 0.2 * r());
        expect(wa[0]).toEqual(js[0]);
        expect(wa[1]).toEqual(js[1]);
    });
    it('is bit-equal over the whole range of the exp, on Math.round ties and beyond ±708 (Math.exp)', () => {
        const r = mulberry32(77);
        const x = [];
        for (let i = 0; i < 4000; i++)
            x.push(i % 2 ? (r() - 0.5) * 80 : -708 + 1417 * r());
        // Exact ties of x·64/ln2 (Math.round rounds them up), negative and positive.
        for (let m = -3000; m < 3000; m += 7) {
            const t = (m + 0.5) / fastExpConstants.invL;
            if (t * fastExpConstants.invL === m + 0.5)
                x.push(t);
        }
        x.push(0, -0, 709, -708, 709.5, -708.5, 745, -745, -800, 1e5, -1e5, Infinity, -Infinity, NaN, 1e-300);
        // Out-of-range values alone and paired with in-range neighbours (odd and even positions).
        x.push(1, 800, -900, 2, NaN, 3);
        expect(x.filter((t) => Number.isInteger(t * fastExpConstants.invL - 0.5)).length).toBeGreaterThan(100);
        const { js, wa } = both(rowOfArguments(x), x.length, -1, 0);
        expect(wa[0]).toEqual(js[0]);
        expect(wa[1]).toEqual(js[1]);
    });
});

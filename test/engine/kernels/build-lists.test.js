// wasm buildLists against the js reference (kernels/build-lists.ts): the same spike and active lists and counts on
// random trace rows (refractory zeros, values at the cutoff, n odd, nonzero offsets), and a hand-written row.
import { describe, expect, it } from 'vitest';
import { buildLists } from '../../../src/main/engine/kernels/build-lists';
import { createWasmKernels } from '../../../src/main/engine/kernels/wasm';
import { mulberry32 } from '../../../src/main/engine/losses/subsample';
const wasm = createWasmKernels();
describe('wasm buildLists', () => {
    it.each([1, 3, 64, 500, 501])('gives the js reference lists (n %i)', (n) => {
        const r = mulberry32(n);
        const off = 5;
        const flags = wasm.allocBytes(n + off);
        const sp = wasm.allocFloat(n + off);
        for (let i = 0; i < n; i++) {
            flags[off + i] = r() < 0.1 ? 1 : r() < 0.2 ? 2 : 0;
            sp[off + i] = flags[off + i] === 2 ? 0 : r() < 0.1 ? 0.25 : r() * r() * 0.5;
        }
        for (const lo of [0.25, Number.MIN_VALUE]) {
            const js = { s: new Int32Array(n + 4), a: new Int32Array(n + 4), c: new Int32Array(2) };
            const wa = { s: wasm.allocInt(n + 4), a: wasm.allocInt(n + 4), c: wasm.allocInt(2) };
            buildLists(n, flags, sp, off, lo, js.s, js.a, 4, js.c);
            wasm.buildLists(n, flags, sp, off, lo, wa.s, wa.a, 4, wa.c);
            expect(Array.from(wa.c)).toEqual(Array.from(js.c));
            expect(Array.from(wa.s.subarray(4, 4 + js.c[0]))).toEqual(Array.from(js.s.subarray(4, 4 + js.c[0])));
            expect(Array.from(wa.a.subarray(4, 4 + js.c[1]))).toEqual(Array.from(js.a.subarray(4, 4 + js.c[1])));
        }
    });
    it('lists a hand-written row', () => {
        const flags = wasm.allocBytes(5);
        flags.set([1, 0, 2, 1, 0]);
        const sp = wasm.allocFloat(5);
        sp.set([0.5, 0.1, 0, 0.3, 0.2]);
        const s = wasm.allocInt(5);
        const a = wasm.allocInt(5);
        const c = wasm.allocInt(2);
        wasm.buildLists(5, flags, sp, 0, 0.2, s, a, 0, c);
        expect(Array.from(c)).toEqual([2, 3]);
        expect(Array.from(s.subarray(0, 2))).toEqual([0, 3]);
        expect(Array.from(a.subarray(0, 3))).toEqual([0, 3, 4]);
    });
});

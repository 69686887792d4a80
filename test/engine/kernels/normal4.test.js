// 4-lane ziggurat normals (normal4.ts, Kernels.fillNormal4): the wasm-SIMD kernel gives the reference's bits
// (row lengths around the 4-lane groups and 64-value blocks, scales ≠ 1, rows long enough for many wedge and
// tail draws); one value per lane per row replays Rng.fillNormal on that lane's state; the reference draws a
// standard normal (moments, tail mass, Kolmogorov–Smirnov, χ²) with uncorrelated lanes; seeding never leaves
// a lane all-zero.
import { describe, expect, it } from 'vitest';
import { fillNormal4, NORMAL4_STATE_WORDS, seedNormal4 } from '../../../src/main/engine/normal4';
import { createWasmKernels, wasmSimdSupported } from '../../../src/main/engine/kernels/wasm';
import { createJsKernels } from '../../../src/main/engine/kernels/js';
import { Rng } from '../../../src/main/engine/rng';
import { ZIG_R } from '../../../src/main/engine/ziggurat';
import { expectStandardNormal } from '../helpers/normal-checks';
function seeded(...key) {
    const st = new Int32Array(NORMAL4_STATE_WORDS);
    seedNormal4(st, new Rng(...key));
    return st;
}
describe.runIf(wasmSimdSupported())('wasm fillNormal4', () => {
    const wasm = createWasmKernels();
    /** Draws the same rows with the reference and the kernel; returns both outputs and final states. */
    function both(key, lengths, scale) {
        const total = lengths.reduce((a, b) => a + b, 0);
        const stJs = seeded(key);
        const stWa = wasm.allocInt(NORMAL4_STATE_WORDS);
        stWa.set(stJs);
        const js = new Float64Array(total);
        const wa = new Float64Array(total);
        const row = new Float64Array(Math.max(...lengths));
        const rowWa = wasm.allocDouble(row.length);
        let off = 0;
        for (const n of lengths) {
            fillNormal4(stJs, row, n, scale);
            js.set(row.subarray(0, n), off);
            wasm.fillNormal4(stWa, rowWa, n, scale);
            wa.set(rowWa.subarray(0, n), off);
            off += n;
        }
        wasm.free(rowWa);
        return { js, wa, stJs: Array.from(stJs), stWa: Array.from(stWa) };
    }
    /** Index of the first value whose bits differ (−1: none); a plain loop, toEqual on 10⁶ BigInts is slow. */
    function firstDifference(a, b) {
        if (a.length !== b.length)
            return Math.min(a.length, b.length);
        const x = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
        const y = new Uint32Array(b.buffer, b.byteOffset, 2 * b.length);
        for (let q = 0; q < x.length; q++)
            if (x[q] !== y[q])
                return q >> 1;
        return -1;
    }
    it.each([1, 2, 3, 4, 5, 7, 63, 64, 65, 67, 128, 130, 500, 501, 1003])('is bit-equal to the reference on rows of %i values (scales 1, 0.37, −2.5)', (n) => {
        for (const scale of [1, 0.37, -2.5]) {
            const rows = Math.ceil(20_000 / n);
            const { js, wa, stJs, stWa } = both(n, Array(rows).fill(n), scale);
            expect(firstDifference(wa, js)).toBe(-1);
            expect(stWa).toEqual(stJs);
        }
    });
    it('is bit-equal on 2·10⁶ values in rows of mixed lengths, wedges and tails included', () => {
        const lengths = [];
        for (let q = 0; lengths.length < 4000; q++)
            lengths.push([500, 501, 67, 1000, 3][q % 5]);
        const { js, wa, stJs, stWa } = both(9, lengths, 0.3);
        expect(js.length).toBeGreaterThan(1_500_000);
        let tail = 0;
        for (const v of js)
            if (Math.abs(v) > 0.3 * ZIG_R)
                tail++;
        // ≈ 5.8e-4 of the values lie beyond the base layer: hundreds of tail draws (and ~2.8 % wedge tests).
        expect(tail).toBeGreaterThan(300);
        expect(firstDifference(wa, js)).toBe(-1);
        expect(stWa).toEqual(stJs);
    });
});
describe('fillNormal4 reference', () => {
    it('is what the js backend runs', () => {
        expect(createJsKernels().fillNormal4).toBe(fillNormal4);
    });
    it('with one value per lane per row, replays Rng.fillNormal on each lane (wedges and tails included)', () => {
        const st = seeded(3, 1);
        const lanes = [0, 1, 2, 3].map((l) => {
            const words = new Uint32Array(6);
            for (let w = 0; w < 4; w++)
                words[w] = st[4 * w + l];
            new Float64Array(words.buffer, 0, 3)[2] = NaN;
            const r = new Rng(0);
            r.setState(words);
            return r;
        });
        const rows = 50_000;
        const got = new Float64Array(4 * rows);
        const want = new Float64Array(4 * rows);
        for (let q = 0; q < rows; q++) {
            fillNormal4(st, got.subarray(4 * q, 4 * q + 4), 4, 0.5);
            for (let l = 0; l < 4; l++)
                lanes[l].fillNormal(want, 4 * q + l, 1, 0.5);
        }
        expect(got.filter((v) => Math.abs(v) > 0.5 * ZIG_R).length).toBeGreaterThan(50);
        expect(Array.from(got)).toEqual(Array.from(want));
    });
    it('draws a standard normal: moments, tail mass, KS, χ² on 80 bins', () => {
        const x = new Float64Array(1_000_000);
        const st = seeded(77);
        for (let off = 0; off < x.length; off += 500)
            fillNormal4(st, x.subarray(off, off + 500), 500, 1);
        expectStandardNormal(x);
    });
    it('keeps lanes uncorrelated with each other and with their own next value', () => {
        const groups = 250_000;
        const x = new Float64Array(4 * groups);
        const st = seeded(5);
        for (let off = 0; off < x.length; off += 1000)
            fillNormal4(st, x.subarray(off, off + 1000), 1000, 1);
        const corr = (a, b, lag) => {
            let s = 0;
            for (let g = 0; g + lag < groups; g++)
                s += x[4 * g + a] * x[4 * (g + lag) + b];
            return s / (groups - lag);
        };
        const bound = 5 / Math.sqrt(groups);
        for (let a = 0; a < 4; a++) {
            for (let b = 0; b < 4; b++) {
                if (a !== b)
                    expect(Math.abs(corr(a, b, 0))).toBeLessThan(bound);
                expect(Math.abs(corr(a, b, 1))).toBeLessThan(bound);
            }
            // Squares too: rejection paths that drew shared words would show up in the magnitudes.
            let s = 0;
            for (let g = 0; g < groups; g++)
                s += (x[4 * g + a] ** 2 - 1) * (x[4 * g + ((a + 1) & 3)] ** 2 - 1);
            expect(Math.abs(s / groups)).toBeLessThan(10 / Math.sqrt(groups)); // sd of (x² − 1)(y² − 1) is 2
        }
    });
    it('depends only on the seeding stream and never starts a lane all-zero', () => {
        const a = new Float64Array(100);
        const b = new Float64Array(100);
        fillNormal4(seeded(1, 2, 3), a, 100, 1);
        fillNormal4(seeded(1, 2, 3), b, 100, 1);
        expect(Array.from(b)).toEqual(Array.from(a));
        fillNormal4(seeded(1, 2, 4), b, 100, 1);
        expect(Array.from(b)).not.toEqual(Array.from(a));
        // mix32 maps exactly one word to 0: −0x9e3779b9 (its first step adds 0x9e3779b9, the rest map 0 to 0).
        class ZeroWords extends Rng {
            nextU32() {
                return -0x9e3779b9 >>> 0;
            }
        }
        const st = new Int32Array(NORMAL4_STATE_WORDS);
        seedNormal4(st, new ZeroWords(0));
        for (let l = 0; l < 4; l++)
            expect(st[l] | st[4 + l] | st[8 + l] | st[12 + l]).not.toBe(0);
        // An all-zero lane would give 0 forever; the repaired lanes also differ from each other.
        const x = new Float64Array(400);
        fillNormal4(st, x, 400, 1);
        const lane = (l) => Array.from(x.filter((_, q) => (q & 3) === l));
        for (let l = 0; l < 4; l++)
            expect(lane(l).some((v) => v !== 0)).toBe(true);
        for (let l = 1; l < 4; l++)
            expect(lane(l)).not.toEqual(lane(0));
    });
});

// Batched draws of the PRNG: fillUniform is the same stream as uniform(); fillNormal (ziggurat) is standard
// normal — moments, Kolmogorov–Smirnov distance, fine-binned χ², tail mass beyond the base layer — and keyed,
// reproducible and independent of the row length it is drawn in.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/main/engine/rng';
import { expectStandardNormal } from './helpers/normal-checks';
describe('Rng batched draws', () => {
    it('fillUniform gives exactly the values of successive uniform() calls', () => {
        const a = new Rng(4, 5, 6);
        const b = new Rng(4, 5, 6);
        const row = new Float64Array(1001);
        a.fillUniform(row, 1, 1000);
        expect(row[0]).toBe(0);
        for (let q = 0; q < 1000; q++)
            expect(row[1 + q]).toBe(b.uniform());
        expect(a.nextU32()).toBe(b.nextU32());
    });
    it('fillNormal is keyed, reproducible, and the same whatever the row lengths', () => {
        const x = new Float64Array(3000);
        const y = new Float64Array(3000);
        new Rng(1, 2).fillNormal(x, 0, 3000, 1);
        const r = new Rng(1, 2);
        r.fillNormal(y, 0, 7, 1);
        r.fillNormal(y, 7, 1993, 1);
        r.fillNormal(y, 2000, 1000, 1);
        expect(Array.from(y)).toEqual(Array.from(x));
        const z = new Float64Array(3000);
        new Rng(1, 3).fillNormal(z, 0, 3000, 1);
        expect(Array.from(z)).not.toEqual(Array.from(x));
        // scale multiplies the same draws
        const s = new Float32Array(10);
        new Rng(1, 2).fillNormal(s, 0, 10, 0.25);
        for (let q = 0; q < 10; q++)
            expect(s[q]).toBe(Math.fround(0.25 * x[q]));
    });
    it('fillNormal draws a standard normal (moments, KS, χ² on 80 bins, tail beyond the base layer)', () => {
        const x = new Float64Array(400_000);
        new Rng(77).fillNormal(x, 0, x.length, 1);
        expectStandardNormal(x);
    });
});

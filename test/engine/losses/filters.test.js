// Box filters of spec §3.1: hand-computed outputs, the reference's lengths, composition and the adjoint identity.
import { describe, expect, it } from 'vitest';
import { applyFilter, applyFilterTransposeAdd, boxFilter, composeFilters, lossFilters } from '../../../src/main/engine/losses/filters';
import { mulberry32 } from '../../../src/main/engine/losses/subsample';
const run = (f, x) => {
    const y = new Float64Array(f.outLen);
    applyFilter(f, x, 0, 1, y, 0, 1);
    return Array.from(y);
};
describe('filters', () => {
    it('averages windows, excluding padding from the count', () => {
        expect(run(boxFilter(5, 2, 1, 0), [1, 2, 3, 4, 5])).toEqual([1.5, 2.5, 3.5, 4.5]);
        // kernel 3, padding 1: first and last windows hold 2 real bins each
        expect(run(boxFilter(4, 3, 1, 1), [1, 2, 3, 4])).toEqual([1.5, 2, 3, 3.5]);
        // windows [0,3) [1,5) [3,6): 6/3, 12/4, 12/3
        expect(run(boxFilter(6, 4, 2, 1), [0, 3, 3, 0, 6, 6])).toEqual([2, 3, 4]);
    });
    it('gives the reference output lengths (83/41, 67/17, 233/58)', () => {
        const len = (T, r) => {
            const f = lossFilters(T, 0.002, 12, r);
            return [f.filter1.outLen, f.feature.outLen];
        };
        expect(len(250, 2)).toEqual([83, 41]);
        expect(len(200, 4)).toEqual([67, 17]);
        expect(len(700, 4)).toEqual([233, 58]);
    });
    it('composition equals filtering twice, and the transpose is the adjoint', () => {
        const rnd = mulberry32(5);
        const x = Array.from({ length: 40 }, () => rnd());
        const f1 = boxFilter(40, 6, 3, 2);
        const f2 = boxFilter(f1.outLen, 4, 2, 1);
        const twice = run(f2, run(f1, x));
        const once = run(composeFilters(f2, f1), x);
        once.forEach((v, i) => expect(v).toBeCloseTo(twice[i], 12));
        const c = composeFilters(f2, f1);
        const y = Array.from({ length: c.outLen }, () => rnd() - 0.5);
        const gx = new Float64Array(40);
        applyFilterTransposeAdd(c, y, 0, 1, gx, 0, 1);
        const lhs = once.reduce((s, v, i) => s + v * y[i], 0);
        const rhs = x.reduce((s, v, i) => s + v * gx[i], 0);
        expect(lhs).toBeCloseTo(rhs, 12);
    });
    it('rejects a filter longer than the trial, naming the setting', () => {
        expect(() => lossFilters(3, 0.002, 12, 2)).toThrow(/loss.filterMs/);
    });
});

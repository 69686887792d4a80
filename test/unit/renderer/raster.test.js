// Sparse spike lists → dense count matrices, and smoothed population rates.
import { describe, expect, it } from 'vitest';
import { denseCounts, rowRates } from '../../../src/renderer/src/lib/analysis/raster';
describe('denseCounts', () => {
    it('counts repeated (row, bin) pairs and drops out-of-range spikes', () => {
        const c = denseCounts({ row: [0, 0, 1, 2, -1], bin: [1, 1, 0, 5, 0] }, 2, 3);
        expect(Array.from(c)).toEqual([0, 2, 0, 1, 0, 0]);
    });
    it('filters spikes with keep()', () => {
        const unit = [7, 8, 7];
        const c = denseCounts({ row: [0, 0, 1], bin: [0, 1, 2] }, 2, 3, (i) => unit[i] === 7);
        expect(Array.from(c)).toEqual([1, 0, 0, 0, 0, 1]);
    });
});
describe('rowRates', () => {
    it('divides counts by units × bin width (Hz)', () => {
        const r = rowRates([1, 0, 2, 0], 2, 2, 10, 0.002);
        expect(Array.from(r)).toEqual([50, 0, 100, 0]);
    });
    it('box-smooths within a row without leaking across rows', () => {
        const r = rowRates([0, 3, 0, 9, 9, 9], 2, 3, 1, 1, 3);
        expect(Array.from(r)).toEqual([1.5, 1, 1.5, 9, 9, 9]);
    });
});

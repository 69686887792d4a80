// Pure chart helpers: extents, scales, histogram bins, decimation, paths, legend layout, colours.
import { describe, expect, it } from 'vitest';
import { bandPath, cellTextColor, decimate, histogram, innerSize, legendLayout, linePath, makeScale, paddedExtent, positiveExtent, symmetricDomain, tickCount, toFractions } from '../../../src/renderer/src/charts/scales';
describe('extents', () => {
    it('pads the finite range and ignores NaN/Infinity', () => {
        expect(paddedExtent([[1, NaN, 3], new Float32Array([Infinity, 2])], 0.5)).toEqual([0, 4]);
    });
    it('keeps a constant series invertible and empty input sane', () => {
        expect(paddedExtent([[5, 5]])).toEqual([2.5, 7.5]);
        expect(paddedExtent([[0]])).toEqual([-1, 1]);
        expect(paddedExtent([])).toEqual([0, 1]);
    });
    it('anchors at zero when asked', () => {
        expect(paddedExtent([[2, 4]], 0.1, true)).toEqual([0, 4.4]);
    });
    it('log extents skip non-positive values', () => {
        const [lo, hi] = positiveExtent([[0, -1, 0.1, 10]]);
        expect(lo).toBeCloseTo(0.1 / 1.1);
        expect(hi).toBeCloseTo(11);
        expect(positiveExtent([[0, -2]])).toEqual([1e-3, 1]);
    });
    it('symmetric domain is centred on zero', () => {
        expect(symmetricDomain([-0.2, 0.5, NaN])).toEqual([-0.5, 0, 0.5]);
    });
});
describe('scales and layout', () => {
    it('inner size never goes negative', () => {
        expect(innerSize(50, 20, { top: 10, right: 10, bottom: 40, left: 60 })).toEqual({ w: 0, h: 0 });
        expect(innerSize(300, 200, { top: 10, right: 10, bottom: 40, left: 60 })).toEqual({ w: 230, h: 150 });
    });
    it('makeScale maps the domain onto the range (linear and log)', () => {
        const s = makeScale([0, 10], [0, 100], { nice: false });
        expect(s(5)).toBe(50);
        const l = makeScale([1, 100], [0, 2], { log: true, nice: false });
        expect(l(10)).toBeCloseTo(1);
    });
    it('tick count follows the axis length within [2, 10]', () => {
        expect(tickCount(10)).toBe(2);
        expect(tickCount(350)).toBe(5);
        expect(tickCount(5000)).toBe(10);
    });
    it('legend wraps to a new row when the width is exceeded', () => {
        const one = legendLayout(['a', 'b'], 1000);
        expect(one.height).toBe(18);
        expect(one.at[1]?.y).toBe(0);
        const wrapped = legendLayout(['recorded trials', 'generated trials'], 120);
        expect(wrapped.at[1]).toEqual({ x: 0, y: 16 });
        expect(wrapped.height).toBe(34);
        expect(legendLayout([], 100).height).toBe(0);
    });
});
describe('histogram', () => {
    it('counts values into equal bins over a fixed domain, upper edge in the last bin', () => {
        const bins = histogram([0, 0.5, 1, 1.5, 2, 2, NaN, 5], [0, 2], 4);
        expect(bins.map((b) => b.count)).toEqual([1, 1, 1, 3]);
        expect(bins[0]).toMatchObject({ x0: 0, x1: 0.5 });
        expect(bins[3]).toMatchObject({ x0: 1.5, x1: 2 });
    });
    it('fractions sum to one', () => {
        const f = toFractions(histogram([1, 2, 3, 4], [0, 4], 2));
        expect(f.reduce((s, b) => s + b.count, 0)).toBeCloseTo(1);
        expect(toFractions([{ x0: 0, x1: 1, count: 0 }])[0]?.count).toBe(0);
    });
});
describe('decimation and paths', () => {
    it('keeps short series whole', () => {
        expect(decimate([0, 1, 2], [1, 2, 3], 10)).toEqual([0, 1, 2]);
    });
    it('keeps extremes of each bucket and the last point', () => {
        const n = 1000;
        const xs = Array.from({ length: n }, (_, i) => i);
        const ys = xs.map((i) => (i === 437 ? 100 : i === 612 ? -100 : 0));
        const idx = decimate(xs, ys, 20);
        expect(idx.length).toBeLessThanOrEqual(41);
        expect(idx).toContain(437);
        expect(idx).toContain(612);
        expect(idx[idx.length - 1]).toBe(n - 1);
        expect([...idx].sort((a, b) => a - b)).toEqual(idx);
    });
    it('breaks lines at non-finite points', () => {
        const id = (v) => v;
        expect(linePath([0, 1, 2, 3], [0, NaN, 2, 3], id, id)).toBe('M0.0,0.0M2.0,2.0L3.0,3.0');
        expect(linePath([1, 2], [1, 2], id, (v) => (v > 1 ? v : NaN))).toBe('M2.0,2.0');
    });
    it('band path closes each finite segment', () => {
        const id = (v) => v;
        expect(bandPath([0, 1], [0, 0], [1, 1], id, id)).toBe('M0.0,1.0L1.0,1.0L1.0,0.0L0.0,0.0Z');
        expect(bandPath([0, 1, 2], [0, NaN, 0], [1, 1, 1], id, id)).toBe('');
    });
});
describe('cell text colour', () => {
    it('picks black on light and white on dark fills', () => {
        expect(cellTextColor('#ffffff')).toBe('#000000');
        expect(cellTextColor('rgb(68, 1, 84)')).toBe('#ffffff');
        expect(cellTextColor('#fde725')).toBe('#000000');
    });
});

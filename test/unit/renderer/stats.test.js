// Binomial intervals and lick tallies shown in the Behaviour view.
import { describe, expect, it } from 'vitest';
import { binomialCi, lickByStimulus } from '../../../src/renderer/src/lib/analysis/stats';
describe('binomialCi', () => {
    it('matches 1.96·sqrt(p(1−p)/n) and clips to [0, 1]', () => {
        const [lo, hi] = binomialCi(0.5, 100);
        expect(lo).toBeCloseTo(0.402);
        expect(hi).toBeCloseTo(0.598);
        expect(binomialCi(0.01, 10)[0]).toBe(0);
        expect(binomialCi(0.99, 10)[1]).toBe(1);
        expect(binomialCi(0.5, 0).every(Number.isNaN)).toBe(true);
    });
});
describe('lickByStimulus', () => {
    it('tallies licks per condition in ascending order', () => {
        const t = lickByStimulus([1, 0, 1, 1, 0], [4, 4, 0, 4, 0]);
        expect(t).toEqual([
            { stimulus: 0, trials: 2, licks: 1, fraction: 0.5 },
            { stimulus: 4, trials: 3, licks: 2, fraction: 2 / 3 }
        ]);
    });
});

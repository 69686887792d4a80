// fastExp against Math.exp: relative accuracy over the whole normal range, the overflow/underflow edges, NaN.
import { describe, expect, it } from 'vitest';
import { fastExp } from '../../src/main/engine/fast-exp';
import { Rng } from '../../src/main/engine/rng';
describe('fastExp', () => {
    it('is within 1e-14 relative of Math.exp from −708 to 709', () => {
        const rng = new Rng(3);
        let worst = 0;
        for (let q = 0; q < 200_000; q++) {
            // Dense near 0 (where the model lives) and spread over the full range.
            const x = q % 2 ? (rng.uniform() - 0.5) * 80 : -708 + rng.uniform() * 1417;
            worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
        }
        for (const x of [0, 1, -1, 1e-300, -1e-300, Math.LN2 / 128, 0.5, 700, -700]) {
            worst = Math.max(worst, Math.abs(fastExp(x) / Math.exp(x) - 1));
        }
        expect(worst).toBeLessThan(1e-14);
        expect(fastExp(0)).toBe(1);
    });
    it('defers to Math.exp at the edges: overflow, underflow, subnormals, NaN', () => {
        expect(fastExp(710)).toBe(Infinity);
        expect(fastExp(Infinity)).toBe(Infinity);
        expect(fastExp(-746)).toBe(0);
        expect(fastExp(-Infinity)).toBe(0);
        expect(Number.isNaN(fastExp(NaN))).toBe(true);
        for (const x of [-708.5, -720, -745, 709.5, 709.78])
            expect(fastExp(x)).toBe(Math.exp(x));
    });
});

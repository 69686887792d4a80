// Log-domain Sinkhorn and the debiased divergence: closed forms, marginals, ε → 0 limit, gradient vs finite differences.
import { describe, expect, it } from 'vitest';
import { hungarian } from '../../../src/main/engine/ot/hungarian';
import { sinkhorn, transportPlan } from '../../../src/main/engine/ot/sinkhorn';
import { sinkhornDivergence, squaredEuclideanCost } from '../../../src/main/engine/ot/sinkhorn-divergence';
import { mulberry32 } from '../../../src/main/engine/losses/subsample';
const cloud = (rnd, n, d) => Float64Array.from({ length: n * d }, () => rnd() * 2 - 1);
describe('sinkhorn', () => {
    it('two single points: OT_ε = c(x, y) and S_ε = c(x, y)', () => {
        const x = Float64Array.of(0, 0);
        const y = Float64Array.of(3, 4);
        const r = sinkhornDivergence(x, 1, y, 1, 2, 1, { epsilon: 0.1 });
        expect(r.value).toBeCloseTo(25, 10);
        // dS/dx = 2(x − y)
        expect(Array.from(r.gradX)).toEqual([-6, -8].map((v) => expect.closeTo(v, 10)));
    });
    it('a translated cloud: S_ε(α, α + τ) = scale·‖τ‖² exactly, at any ε', () => {
        const rnd = mulberry32(11);
        const n = 7;
        const d = 3;
        const x = cloud(rnd, n, d);
        const tau = [0.3, -0.2, 0.5]; // ‖τ‖² = 0.38
        const y = Float64Array.from(x, (v, k) => v + tau[k % d]);
        for (const epsilon of [1, 0.1, 0.01, 0.001]) {
            const r = sinkhornDivergence(x, n, y, n, d, 0.5, { epsilon, tol: 1e-10, maxIter: 5000 });
            // ε = 0.01 is a slow case (two near-tied plans): the report must say so, and the value still holds
            expect(r.converged).toBe(r.marginalError < 1e-10);
            expect(r.value).toBeCloseTo(0.5 * 0.38, r.converged ? 8 : 5);
        }
    });
    it('S_ε(α, α) = 0 and S_ε ≥ 0 on random clouds', () => {
        const rnd = mulberry32(12);
        const x = cloud(rnd, 6, 2);
        expect(Math.abs(sinkhornDivergence(x, 6, x, 6, 2, 1, { epsilon: 0.05, tol: 1e-10 }).value)).toBeLessThan(1e-9);
        for (let k = 0; k < 5; k++) {
            const y = cloud(rnd, 9, 2);
            expect(sinkhornDivergence(x, 6, y, 9, 2, 1, { epsilon: 0.05 }).value).toBeGreaterThan(0);
        }
    });
    it('the plan has the uniform marginals for unequal sizes, and reports convergence', () => {
        const rnd = mulberry32(13);
        const n = 5;
        const m = 8;
        const C = squaredEuclideanCost(cloud(rnd, n, 3), n, cloud(rnd, m, 3), m, 3, 1);
        const r = sinkhorn(C, n, m, { epsilon: 0.02, tol: 1e-9, maxIter: 50000 });
        expect(r.converged).toBe(true);
        expect(r.marginalError).toBeLessThan(1e-9);
        const P = transportPlan(C, n, m, r.f, r.g, r.epsilon);
        for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < m; j++)
                s += P[i * m + j];
            expect(s).toBeCloseTo(1 / n, 8);
        }
        for (let j = 0; j < m; j++) {
            let s = 0;
            for (let i = 0; i < n; i++)
                s += P[i * m + j];
            expect(s).toBeCloseTo(1 / m, 12);
        }
        const capped = sinkhorn(C, n, m, { epsilon: 1e-4, tol: 1e-14, maxIter: 3, scaling: 1 });
        expect(capped.converged).toBe(false);
        expect(capped.iterations).toBe(3);
    });
    it('converges to the Hungarian assignment and cost as ε → 0', () => {
        const rnd = mulberry32(14);
        const n = 6;
        const C = squaredEuclideanCost(cloud(rnd, n, 2), n, cloud(rnd, n, 2), n, 2, 1);
        const hard = hungarian(C, n, n);
        const gaps = [];
        for (const epsilon of [0.1, 0.01, 0.001]) {
            const r = sinkhorn(C, n, n, { epsilon, tol: 1e-10, maxIter: 100000 });
            gaps.push(Math.abs(r.cost - hard.cost / n));
            if (epsilon === 0.001) {
                const P = transportPlan(C, n, n, r.f, r.g, epsilon);
                for (let i = 0; i < n; i++) {
                    const j = hard.rowToCol[i];
                    expect(P[i * n + j]).toBeGreaterThan(0.99 / n);
                }
            }
        }
        expect(gaps[1]).toBeLessThan(gaps[0]);
        expect(gaps[2]).toBeLessThan(gaps[1]);
        expect(gaps[2]).toBeLessThan(0.005);
    });
    it('dS/dx matches central finite differences (unequal sizes)', () => {
        const rnd = mulberry32(15);
        const n = 4;
        const m = 6;
        const d = 3;
        const x = cloud(rnd, n, d);
        const y = cloud(rnd, m, d);
        const opts = { epsilon: 0.2, tol: 1e-13, maxIter: 100000 };
        const r = sinkhornDivergence(x, n, y, m, d, 0.7, opts);
        const h = 1e-5;
        for (let k = 0; k < n * d; k++) {
            const xp = Float64Array.from(x);
            const xm = Float64Array.from(x);
            xp[k] += h;
            xm[k] -= h;
            const fd = (sinkhornDivergence(xp, n, y, m, d, 0.7, opts).value - sinkhornDivergence(xm, n, y, m, d, 0.7, opts).value) /
                (2 * h);
            expect(r.gradX[k]).toBeCloseTo(fd, 7);
        }
    });
});

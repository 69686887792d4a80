// BPTT vs central finite differences of an independent, surrogate-relaxed dense forward (float64 kernels),
// for every parameter group; and the error introduced by skipping adjoint rows below the surrogate cutoff.
import { describe, expect, it } from 'vitest';
import { blockCount, GradPool } from '../../../src/main/engine/model/grad-tree';
import { finalizeGrad } from '../../../src/main/engine/model/grads';
import { PARAM_NAMES } from '../../../src/main/engine/model/params';
import { backwardNode } from '../../../src/main/engine/model/shard';
import { Rng } from '../../../src/main/engine/rng';
import { finiteDifferenceError, kernelsF64, livelyNetwork, pickEntries } from '../helpers/lively-network';
import { relaxedTrial } from '../helpers/relaxed-lif';
const B = 3;
const k = kernelsF64;
function setup(warmupMs) {
    const net = livelyNetwork(B, { warmupMs });
    const { dims, dyn, T, n, frozen } = net;
    const rng = new Rng(11);
    const w1 = Float64Array.from({ length: B * T * n }, () => rng.normal());
    const w2 = Float64Array.from({ length: B * T * n }, () => rng.normal());
    const w3 = Float64Array.from({ length: B * T }, () => rng.normal());
    const w4 = Float64Array.from({ length: B * T }, () => rng.normal());
    const loss = (p) => {
        let s = 0;
        for (let b = 0; b < B; b++) {
            const r = relaxedTrial(p, dims, dyn, frozen[b]);
            for (let q = 0; q < T * n; q++)
                s += w1[b * T * n + q] * r.z[q] + 0.5 * w2[b * T * n + q] * r.z[q] * r.z[q];
            for (let t = 0; t < T; t++)
                s += w3[b * T + t] * r.jaw[t] + 0.5 * w4[b * T + t] * r.jaw[t] * r.jaw[t];
        }
        return s;
    };
    return { ...net, w1, w2, w3, w4, loss };
}
function bptt(s, cutoff) {
    const { dims, T, n } = s;
    const gs = new Float64Array(B * T * n);
    const gj = new Float64Array(B * T);
    for (let b = 0; b < B; b++) {
        const r = relaxedTrial(s.params, dims, s.dyn, s.frozen[b]);
        for (let q = 0; q < T * n; q++)
            gs[b * T * n + q] = s.w1[b * T * n + q] + s.w2[b * T * n + q] * r.z[q];
        for (let t = 0; t < T; t++)
            gj[b * T + t] = s.w3[b * T + t] + s.w4[b * T + t] * r.jaw[t];
    }
    const pool = new GradPool(dims, k);
    const { grad, rows } = backwardNode(s.mt, s.ws, 0, B, 0, blockCount(B), gs, gj, cutoff, pool, k);
    return { g: finalizeGrad(grad, s.layout, dims, true, 'f64'), rows };
}
describe('BPTT gradient vs finite differences (float64, frozen draws, relaxed spikes)', () => {
    const s = setup(0);
    it('the relaxed reference reproduces the product forward at the unperturbed parameters', () => {
        const uScale = s.dyn.temperature / (s.dyn.thr - s.dyn.vr0);
        const spScale = s.dyn.gamma * s.dyn.probScale * uScale;
        for (let b = 0; b < B; b++) {
            const r = relaxedTrial(s.params, s.dims, s.dyn, s.frozen[b]);
            for (let q = 0; q < s.T * s.n; q++) {
                expect(r.z[q]).toBe(s.spikes[b * s.T * s.n + q]);
                // The trace keeps the surrogate derivative at V (0 when refractory) rather than V itself.
                const sg = 1 / (1 + Math.exp(-uScale * (r.v[q] - s.dyn.thr)));
                const sp = s.frozen[b].flags[q] & 2 ? 0 : spScale * sg * (1 - sg);
                expect(Math.abs(sp - s.ws.sp[b * s.T * s.n + q])).toBeLessThan(1e-10);
            }
            for (let t = 0; t < s.T; t++)
                expect(Math.abs(r.jaw[t] - s.jaw[b * s.T + t])).toBeLessThan(1e-5);
        }
        let total = 0;
        for (let q = 0; q < s.spikes.length; q++)
            total += s.spikes[q];
        expect(total).toBeGreaterThan(20); // the check needs spikes to be meaningful
    });
    const { g } = bptt(s, 0);
    it.each(PARAM_NAMES.map((n) => [n]))('%s: relative error ≤ 1e-6', (name) => {
        const idx = pickEntries(s, name, name === 'jaw_affine' ? 2 : 10);
        const { relError, fdNormSq: den } = finiteDifferenceError(s.params, s.loss, g, name, idx);
        expect(den).toBeGreaterThan(1e-8); // a group with no gradient would make the check vacuous
        expect(relError).toBeLessThan(1e-6);
    });
    it('skipping adjoint rows below cutoff × peak changes the gradient by a bounded, shrinking amount', () => {
        const exact = g;
        const errs = [];
        const fracs = [];
        for (const cutoff of [1e-2, 1e-3, 1e-4]) {
            const { g: approx, rows } = bptt(s, cutoff);
            fracs.push(rows);
            let num = 0;
            let den = 0;
            for (const name of PARAM_NAMES) {
                for (let q = 0; q < exact[name].length; q++) {
                    num += (approx[name][q] - exact[name][q]) ** 2;
                    den += exact[name][q] ** 2;
                }
            }
            errs.push(Math.sqrt(num / den));
        }
        // Measured here: 1.2e-3, 4.0e-4, 6.0e-5 relative (all groups); bound at 10 × cutoff.
        expect(errs[0]).toBeLessThan(1e-1);
        expect(errs[1]).toBeLessThan(1e-2);
        expect(errs[2]).toBeLessThan(1e-3);
        expect(errs[2]).toBeLessThanOrEqual(errs[0]);
        expect(fracs[0]).toBeLessThan(fracs[2]); // a larger cutoff skips more rows
    });
});

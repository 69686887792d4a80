// Statistics of the fused forward row pass (lif-forward.ts) on a network whose membrane is pinned at v_rest
// (τ → 0, no noise, no weights, no input): per-step spike probability c·σ(T·u) thinned by the refractory period,
// refractory steps respected, the stored surrogate consistent with the flags; and the stored noise has std σ√dt.
import { describe, expect, it } from 'vitest';
import { createJsKernels } from '../../../src/main/engine/kernels/js';
import { allocModelTensors, refreshModelTensors } from '../../../src/main/engine/model/params';
import { forwardShard } from '../../../src/main/engine/model/shard';
import { allocWorkspace, REFRACTORY, SPIKE } from '../../../src/main/engine/model/trace';
import { setupFit } from '../../../src/main/engine/train/setup';
import { tinyConfig, tinyData } from '../helpers/tiny-data';
const k = createJsKernels('f32');
function pinned(noiseLevel, tauMs) {
    const data = tinyData({ nBins: 200 });
    const cfg = tinyConfig({
        model: { tauExcMs: tauMs, tauInhMs: tauMs, noiseLevel, inputRateHz: 0, latentDim: 0, warmupMs: 20 }
    });
    const s = setupFit(data, cfg);
    for (const w of [s.params.w_rec_d0, s.params.w_rec_d1, s.params.w_in])
        w.fill(0);
    const { dims, dyn } = s;
    const uScale = dyn.temperature / (dyn.thr - dyn.vr0);
    // Logits x = T·(v_rest − thr)/(thr − v_rest0) from −4 to 1 across neurons.
    const x = Float64Array.from({ length: dims.n }, (_, i) => -4 + (5 * i) / (dims.n - 1));
    for (let i = 0; i < dims.n; i++)
        s.params.v_rest[i] = dyn.thr + x[i] / uScale;
    const mt = allocModelTensors(dims, dyn, s.layout.motor, k);
    refreshModelTensors(mt, s.params);
    const B = 100;
    const ws = allocWorkspace(dims, B, k);
    const out = { spikes: new Float32Array(B * dims.nBins * dims.n), jaw: new Float32Array(B * dims.nBins) };
    forwardShard(mt, ws, { key: [9, 1, 0], stimulus: new Float32Array(B) }, 0, B, k, out);
    return { dims, dyn, x, ws, out, B, uScale };
}
describe('forward row pass', () => {
    it('spikes with probability c·σ(x) per free step and stays silent nRef steps after each spike', () => {
        const { dims, dyn, x, ws, out, B, uScale } = pinned(0, 0.01);
        const { n, nBins: T, nRef } = dims;
        expect(nRef).toBe(2);
        const spScale = dyn.gamma * dyn.probScale * uScale;
        // Violations are counted (one expect per check keeps the test fast).
        let badFlag = 0;
        let badRef = 0;
        let badSp = 0;
        let spikes = 0;
        let expected = 0;
        let variance = 0;
        for (let i = 0; i < n; i++) {
            const p = dyn.probScale / (1 + Math.exp(-x[i]));
            // Renewal process: a spike, nRef silent steps, then a geometric wait → rate p/(1 + nRef·p) per step.
            const r = p / (1 + nRef * p);
            let count = 0;
            for (let b = 0; b < B; b++) {
                let sinceSpike = Infinity;
                for (let t = 0; t < T; t++) {
                    const q = (b * T + t) * n + i;
                    const f = ws.flags[q];
                    const z = out.spikes[q];
                    if (z !== (f & SPIKE))
                        badFlag++;
                    // Refractory exactly when one of the last nRef steps spiked (within the recorded window).
                    if (sinceSpike <= nRef && !(f & REFRACTORY))
                        badRef++;
                    if (t >= nRef && sinceSpike > nRef && f & REFRACTORY)
                        badRef++;
                    const sg = 1 / (1 + Math.exp(-x[i]));
                    const want = f & REFRACTORY ? 0 : spScale * sg * (1 - sg);
                    if (!(Math.abs(ws.sp[q] - want) <= 1e-6 * spScale))
                        badSp++;
                    sinceSpike = z ? 1 : sinceSpike + 1;
                    count += z;
                }
            }
            const N = B * T;
            expect(Math.abs(count - N * r)).toBeLessThan(5 * Math.sqrt(N * r * (1 - r)) + 1);
            spikes += count;
            expected += N * r;
            variance += N * r * (1 - r);
        }
        expect(spikes).toBeGreaterThan(1000);
        // All neurons together: a 5 % error in p would sit ≈ 10 standard deviations out.
        expect(Math.abs(spikes - expected)).toBeLessThan(4 * Math.sqrt(variance));
        expect([badFlag, badRef, badSp]).toEqual([0, 0, 0]);
    });
    it('stores membrane noise η with standard deviation σ·√dt and mean 0', () => {
        const { dims, dyn, ws, B } = pinned(0.1, 30);
        const cells = B * dims.nBins * dims.n;
        let m1 = 0;
        let m2 = 0;
        for (let q = 0; q < cells; q++) {
            m1 += ws.eta[q];
            m2 += ws.eta[q] * ws.eta[q];
        }
        m1 /= cells;
        m2 /= cells;
        const sd = dyn.noiseStd;
        expect(sd).toBeCloseTo(0.1 * Math.sqrt(2), 12);
        expect(Math.abs(m1)).toBeLessThan((5 * sd) / Math.sqrt(cells));
        expect(Math.abs(m2 / (sd * sd) - 1)).toBeLessThan(5 * Math.sqrt(2 / cells));
    });
});

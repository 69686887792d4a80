// The factored dL/dz (shared rows + per-group values) against its dense expansion: hand-computed rows, and the
// backward gives bit-identical gradients from either form.
import { describe, expect, it } from 'vitest';
import { createJsKernels } from '../../../src/main/engine/kernels/js';
import { blockCount, GradPool } from '../../../src/main/engine/model/grad-tree';
import { finalizeGrad } from '../../../src/main/engine/model/grads';
import { initParams } from '../../../src/main/engine/model/init';
import { buildLayout } from '../../../src/main/engine/model/layout';
import { allocModelTensors, buildDims, PARAM_NAMES, refreshModelTensors } from '../../../src/main/engine/model/params';
import { backwardNode, forwardShard } from '../../../src/main/engine/model/shard';
import { allocWorkspace } from '../../../src/main/engine/model/trace';
import { Rng } from '../../../src/main/engine/rng';
import { denseSpikeGrad, spikeGradRow } from '../../../src/main/engine/spike-grad';
import { tinyConfig, tinyData } from '../helpers/tiny-data';
describe('factored dL/dz', () => {
    it('expands to shared[t,n] + perGroup[b,t,g(n)], neurons of no group getting the shared part only', () => {
        // B = 2, T = 2, N = 3; group 0 = {2, 0}, neuron 1 in no group
        const g = {
            shared: Float64Array.of(1, 2, 3, 4, 5, 6),
            perGroup: Float64Array.of(10, 20, 30, 40),
            groups: 1,
            members: Int32Array.of(2, 0),
            start: Int32Array.of(0, 2)
        };
        expect(Array.from(denseSpikeGrad(g, 2, 2, 3))).toEqual([11, 2, 13, 24, 5, 26, 31, 2, 33, 44, 5, 46]);
        const row = new Float64Array(3);
        spikeGradRow(Float32Array.of(0, 0, 0, 7, 8, 9), 1, 0, 1, 3, row);
        expect(Array.from(row)).toEqual([7, 8, 9]);
    });
    it('gives the backward the same gradient bits as its dense float64 expansion', () => {
        const k = createJsKernels('f64');
        const data = tinyData({ withJaw: true, nBins: 30 });
        const cfg = tinyConfig({ model: { inputRateHz: 150, noiseLevel: 0.1 } });
        const layout = buildLayout(data, cfg.model);
        const { dims, dyn } = buildDims(cfg.model, layout, data.dt, data.nBins, data.stimBin);
        const params = initParams(layout, dims, new Rng(1, 5), cfg.model.threshold, cfg.model.vRest, 'f64');
        for (let q = 0; q < params.w_in.length; q++)
            params.w_in[q] *= 6;
        const mt = allocModelTensors(dims, dyn, layout.motor, k);
        refreshModelTensors(mt, params);
        const B = 3;
        const { n, nBins: T } = dims;
        const ws = allocWorkspace(dims, B, k);
        const spikes = new Float32Array(B * T * n);
        const jaw = new Float32Array(B * T);
        forwardShard(mt, ws, { key: [3, 1, 0], stimulus: Float32Array.from([4, 0, 2]) }, 0, B, k, { spikes, jaw });
        expect(spikes.some((v) => v !== 0)).toBe(true);
        const rng = new Rng(7);
        // two groups over the first neurons (every third neuron left out), random values
        const members = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 2);
        const half = members.length >> 1;
        const factored = {
            shared: Float64Array.from({ length: T * n }, () => rng.normal()),
            perGroup: Float64Array.from({ length: B * T * 2 }, () => rng.normal()),
            groups: 2,
            members,
            start: Int32Array.of(0, half, members.length)
        };
        const dense = new Float64Array(B * T * n);
        const row = new Float64Array(n);
        for (let b = 0; b < B; b++) {
            for (let t = 0; t < T; t++) {
                spikeGradRow(factored, b, t, T, n, row);
                dense.set(row, (b * T + t) * n);
            }
        }
        const gradJaw = Float64Array.from({ length: B * T }, () => rng.normal());
        const run = (gs) => {
            const { grad } = backwardNode(mt, ws, 0, B, 0, blockCount(B), gs, gradJaw, 0, new GradPool(dims, k), k);
            return finalizeGrad(grad, layout, dims, true, 'f64');
        };
        const a = run(factored);
        const b = run(dense);
        for (const name of PARAM_NAMES)
            expect(a[name]).toEqual(b[name]);
        expect(a.w_rec_d0.some((v) => v !== 0)).toBe(true);
    });
});

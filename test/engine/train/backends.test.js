// The model code runs unchanged on every kernel backend: the wasm-SIMD kernels give the same spikes and
// gradients as the js reference up to float rounding of the dot products.
import { describe, expect, it } from 'vitest';
import { createJsKernels } from '../../../src/main/engine/kernels/js';
import { createWasmKernels, wasmSimdSupported } from '../../../src/main/engine/kernels/wasm';
import { setupFit } from '../../../src/main/engine/train/setup';
import { createLocalRunner } from '../../../src/main/engine/train/local-runner';
import { finalizeGrad } from '../../../src/main/engine/model/grads';
import { PARAM_NAMES } from '../../../src/main/engine/model/params';
import { tinyConfig, tinyData } from '../helpers/tiny-data';
async function gradientOn(kernels) {
    const data = tinyData({ withJaw: true });
    const cfg = tinyConfig({ model: { inputRateHz: 120 } });
    const s = setupFit(data, cfg);
    const runner = createLocalRunner({ dims: s.dims, dyn: s.dyn, motor: s.layout.motor, kernels });
    await runner.setParams(s.params);
    const B = 8;
    const T = s.dims.nBins;
    const out = { spikes: new Float32Array(B * T * s.dims.n), jaw: new Float32Array(B * T) };
    await runner.forward({ key: [1, 2, 3], stimulus: new Float32Array(B).fill(4) }, out);
    const gs = Float32Array.from(out.spikes, (z, q) => z - 0.05 + 0.001 * (q % 7));
    const { grad } = await runner.backward(gs, out.jaw, 0);
    return { out, g: finalizeGrad(grad, s.layout, s.dims, true) };
}
describe.runIf(wasmSimdSupported())('wasm-SIMD kernels in the model', () => {
    it('match the js reference', async () => {
        const a = await gradientOn(createJsKernels('f32'));
        const b = await gradientOn(createWasmKernels());
        let spikes = 0;
        for (let q = 0; q < a.out.spikes.length; q++)
            spikes += a.out.spikes[q];
        expect(spikes).toBeGreaterThan(0);
        // Forward sums are in the same order (bit-equal currents), so spikes agree exactly at this size.
        expect(Array.from(b.out.spikes)).toEqual(Array.from(a.out.spikes));
        for (const k of PARAM_NAMES) {
            let num = 0;
            let den = 0;
            for (let q = 0; q < a.g[k].length; q++) {
                num += (a.g[k][q] - b.g[k][q]) ** 2;
                den += a.g[k][q] ** 2;
            }
            expect(Math.sqrt(num / Math.max(den, 1e-30))).toBeLessThan(1e-5);
        }
    });
});

// tfjs loader: starts a backend that computes, and honours a forced choice.
import { describe, expect, it } from 'vitest';
import { loadTfjs } from '../../../src/main/engine/kernels/tfjs';
describe('loadTfjs', () => {
    it('auto picks a working backend', async () => {
        const { tf, backend } = await loadTfjs('auto');
        expect(['tensorflow', 'wasm', 'cpu']).toContain(backend);
        expect(Array.from(tf.add(tf.tensor1d([1, 2]), 3).dataSync())).toEqual([4, 5]);
    });
    it('can force the wasm and cpu backends', async () => {
        for (const name of ['wasm', 'cpu']) {
            const { tf, backend } = await loadTfjs(name);
            expect(backend).toBe(name);
            expect(tf.getBackend()).toBe(name);
            expect(tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync()[0]).toBe(11);
        }
    });
});

// app.* domain: version, mode, data folder and the engine backend this process would fit with.
import { availableParallelism } from 'node:os';
// The engine's backend probe (pure, cheap: validates the bundled wasm module once).
import { availableKernelBackends } from '../engine';
/** Backend and thread count an `auto` fit would use here ('wasm-simd' or 'js'). */
export function engineInfo() {
    const best = availableKernelBackends()[0] ?? 'js';
    return { backend: best === 'wasm' ? 'wasm-simd' : 'js', threads: Math.max(1, availableParallelism()) };
}
export const appDomain = {
    name: 'app',
    create: (ctx) => {
        const engine = engineInfo();
        return {
            handlers: {
                'app.info': () => ({ version: ctx.version, mode: ctx.mode === 'electron' ? 'electron' : 'browser', dataDir: ctx.paths.dataDir, engine })
            }
        };
    }
};

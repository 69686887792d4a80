import { AppError } from '@shared/contract/errors';
import { createJsKernels } from './js';
import { createWasmKernels, wasmSimdSupported } from './wasm';
/** Kernel backends usable here, fastest first. */
export function availableKernelBackends() {
    return wasmSimdSupported() ? ['wasm', 'js'] : ['js'];
}
/** A fresh Kernels instance of the named backend. */
export function createKernels(name) {
    return name === 'wasm' ? createWasmKernels() : createJsKernels('f32');
}
/**
 * Resolves EngineConfig.backend / threads to a concrete backend.
 * @param cpus logical cores available (threads = 0 means one per core); the caller measures it, the
 *   engine library does not touch node:os.
 * @throws AppError INVALID_SETTINGS when 'wasm' is forced on a runtime without WebAssembly SIMD, or 'tfjs'
 *   is asked of the hand-written engine (the tfjs model is selected by the trainer, not as kernels).
 */
export function selectKernels(cfg, cpus) {
    const threads = cfg.threads > 0 ? cfg.threads : Math.max(1, Math.floor(cpus));
    let name;
    switch (cfg.backend) {
        case 'auto':
            name = availableKernelBackends()[0] ?? 'js';
            break;
        case 'wasm':
            if (!wasmSimdSupported()) {
                throw new AppError('INVALID_SETTINGS', 'this runtime has no WebAssembly SIMD; choose "auto" or "js"', {
                    field: 'engine.backend'
                });
            }
            name = 'wasm';
            break;
        case 'js':
            name = 'js';
            break;
        case 'tfjs':
            throw new AppError('INVALID_SETTINGS', 'the tfjs backend is a reference model, not a kernel backend', {
                field: 'engine.backend'
            });
    }
    const kernels = createKernels(name);
    return { kernels, name: kernels.name, threads };
}

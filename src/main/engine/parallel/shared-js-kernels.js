import { createJsKernels } from '../kernels/js';
export function createSharedJsKernels() {
    const base = createJsKernels('f32');
    return {
        ...base,
        allocFloat: (n) => new Float32Array(new SharedArrayBuffer(4 * n)),
        allocInt: (n) => new Int32Array(new SharedArrayBuffer(4 * n))
    };
}

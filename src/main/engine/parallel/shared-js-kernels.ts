// The plain-TS kernels with SharedArrayBuffer-backed allocation, so arrays made by one thread (weights,
// gradients, outputs) can be handed to the others without copying when the wasm backend is not used.
import type { Kernels } from '../kernels/kernels'
import { createJsKernels } from '../kernels/js'

export function createSharedJsKernels(): Kernels {
  const base = createJsKernels('f32')
  return {
    ...base,
    allocFloat: (n) => new Float32Array(new SharedArrayBuffer(4 * n)),
    allocInt: (n) => new Int32Array(new SharedArrayBuffer(4 * n))
  }
}

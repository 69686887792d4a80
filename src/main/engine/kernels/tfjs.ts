// Loads TensorFlow.js on the best backend installed: tfjs-node (native, optional dependency) when present,
// else the wasm backend, else the pure-JS cpu backend. Used by the tfjs reference model (tfjs-model/).
import type * as TF from '@tensorflow/tfjs'

export type Tf = typeof TF
export type TfBackendName = 'tensorflow' | 'wasm' | 'cpu'

export interface LoadedTfjs {
  tf: Tf
  /** The tfjs backend in use: 'tensorflow' (tfjs-node), 'wasm' or 'cpu'. */
  backend: TfBackendName
}

let loading: Promise<LoadedTfjs> | null = null

/**
 * Imports tfjs once and activates a backend.
 * @param prefer 'auto' = tensorflow → wasm → cpu; a name forces that backend (throws if it cannot start).
 */
export function loadTfjs(prefer: 'auto' | TfBackendName = 'auto'): Promise<LoadedTfjs> {
  if (prefer !== 'auto') return start(prefer)
  loading ??= (async () => {
    for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
      try {
        return await start(name)
      } catch {
        // Not installed or cannot start here: try the next one.
      }
    }
    throw new Error('tfjs: no backend could start')
  })()
  return loading
}

async function start(name: TfBackendName): Promise<LoadedTfjs> {
  if (name === 'tensorflow') {
    // Optional dependency: its import throws ERR_MODULE_NOT_FOUND when npm dropped it. Hidden from the
    // bundler (a variable specifier) so a missing package cannot break the build.
    const spec = '@tensorflow/tfjs-node'
    const tfn = (await import(/* @vite-ignore */ spec)) as Tf
    await tfn.setBackend('tensorflow')
    await tfn.ready()
    return { tf: tfn, backend: 'tensorflow' }
  }
  const tf = await import('@tensorflow/tfjs')
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm')
  if (!(await tf.setBackend(name))) throw new Error(`tfjs: backend ${name} did not start`)
  await tf.ready()
  return { tf, backend: name }
}

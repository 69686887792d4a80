// app.* domain: version, mode, data folder and the engine backend this process would fit with.
import { availableParallelism } from 'node:os'
import type { OutputOf } from '@shared/contract/define'
import type { Methods } from '@shared/contract/methods'
// The engine's backend probe (pure, cheap: validates the bundled wasm module once).
import { availableKernelBackends } from '../../engine'
import type { Domain } from '../domain'

export type AppInfo = OutputOf<Methods['app.info']>

/** Backend and thread count an `auto` fit would use here ('wasm-simd' or 'js'). */
export function engineInfo(): AppInfo['engine'] {
  const best = availableKernelBackends()[0] ?? 'js'
  return { backend: best === 'wasm' ? 'wasm-simd' : 'js', threads: Math.max(1, availableParallelism()) }
}

export const appDomain: Domain = {
  name: 'app',
  create: (ctx) => {
    const engine = engineInfo()
    return {
      handlers: {
        'app.info': () => ({
          version: ctx.version,
          mode: ctx.mode === 'electron' ? 'electron' : 'browser',
          dataDir: ctx.paths.dataDir,
          engine
        })
      }
    }
  }
}

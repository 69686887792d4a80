// Engine worker entry (built to out/main/engine-worker.js): receives the start message, runs the fit loop on
// the engine (on a shard pool when the config asks for several threads) and posts every outcome back.
import { availableParallelism } from 'node:os'
import { parentPort } from 'node:worker_threads'
import type { StartMessage } from './protocol'
import { availableKernelBackends, createPoolRunner, createTrainer, type FitData } from '../engine'
import { runFitLoop, type LoopDeps } from './worker-loop'

/** Threads (including this one) the fit computes on: config.engine.threads, 0 = one per core. */
function threadsFor(start: StartMessage<FitData>): number {
  const t = start.config.engine.threads
  return t > 0 ? t : Math.max(1, availableParallelism())
}

const port = parentPort
if (!port) throw new Error('engine-worker.ts must run in a worker thread')

port.once('message', (start: StartMessage<FitData>) => {
  const threads = threadsFor(start)
  const choice = start.config.engine.backend
  const backend = choice === 'js' || choice === 'wasm' ? choice : (availableKernelBackends()[0] ?? 'js')
  const deps: LoopDeps = {
    createTrainer: (data, config, state) =>
      createTrainer(
        data,
        config,
        state,
        threads > 1
          ? {
              createRunner: (o) =>
                createPoolRunner({ ...o, backend, threads, cancelFlag: new Int32Array(start.flags, 0, 1) })
            }
          : {}
      ),
    post: (msg, transfer) => port.postMessage(msg, transfer ?? [])
  }
  void runFitLoop(start, deps).finally(() => port.close())
})

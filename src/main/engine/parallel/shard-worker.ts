// Shard worker entry (built to out/main/shard-worker.js): attaches to the pool's shared kernel memory, runs
// its assigned shards of the named task and answers in the order asked.
import { parentPort } from 'node:worker_threads'
import type { Kernels } from '../kernels/kernels'
import { createSharedJsKernels } from './shared-js-kernels'
import { createWasmKernels } from '../kernels/wasm'
import {
  ShardCancelledError,
  type FromShardWorker,
  type ShardContext,
  type ShardTask,
  type ToShardWorker
} from './task'
import { shardTasks } from './tasks'

type AnyTask = ShardTask<unknown, unknown, unknown, unknown>

/** This thread's kernels and cancel flag, set by the first init (later inits reuse them: one allocator per memory). */
let ctx: ShardContext | null = null
/** Per task name: the task and its state on this thread. */
const installed = new Map<string, { task: AnyTask; state: unknown }>()

function reply(msg: FromShardWorker): void {
  parentPort?.postMessage(msg)
}

function handle(msg: ToShardWorker): void {
  try {
    if (msg.type === 'init') {
      const t = shardTasks[msg.task] as AnyTask | undefined
      if (!t) throw new Error(`shard worker: unknown task "${msg.task}"`)
      if (!ctx) {
        const kernels: Kernels =
          msg.backend === 'wasm' && msg.memory ? createWasmKernels(msg.memory) : createSharedJsKernels()
        const flag = msg.cancel
        ctx = {
          kernels,
          thread: msg.thread,
          checkCancelled: () => {
            if (Atomics.load(flag, 0) !== 0) throw new ShardCancelledError()
          }
        }
      }
      installed.set(msg.task, { task: t, state: t.init(ctx, msg.init) })
      reply({ type: 'ok', id: msg.id, results: [] })
      return
    }
    const job = installed.get(msg.task)
    if (!job || !ctx) throw new Error(`shard worker: run of task "${msg.task}" before its init`)
    const results = msg.shards.map((s) => job.task.run(job.state, ctx as ShardContext, s, msg.payload))
    reply({ type: 'ok', id: msg.id, results })
  } catch (e) {
    reply({
      type: 'error',
      id: msg.id,
      cancelled: e instanceof ShardCancelledError,
      message: e instanceof Error ? e.message : String(e)
    })
  }
}

parentPort?.on('message', handle)

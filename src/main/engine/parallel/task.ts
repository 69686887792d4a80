// The contract between the shard pool and the work it runs: a ShardTask is initialised once per thread and
// then run once per shard. Tasks run identically inline (threads = 1) and in worker threads.
import type { Kernels } from '../kernels/kernels'
import type { KernelMemory } from '../kernels/wasm'

/** Thrown by a task (via ShardContext.checkCancelled) when the pool's cancel flag is set. */
export class ShardCancelledError extends Error {
  constructor() {
    super('shard work cancelled')
    this.name = 'ShardCancelledError'
  }
}

export interface ShardContext {
  /** This thread's kernels: same backend as the pool's, and for wasm attached to the pool's shared memory. */
  kernels: Kernels
  /** 0-based thread index (0 for the inline runner). */
  thread: number
  /** Throws ShardCancelledError when the pool was cancelled; call it between time chunks. */
  checkCancelled(): void
}

/**
 * A unit of data-parallel work. I = init payload (once per thread), P = per-run payload, R = per-shard result
 * (structured-cloneable; large outputs go to shared arrays named in the payload), S = per-thread state.
 * run() must depend only on (state, shard, payload), never on the thread, so results do not depend on the
 * number of threads.
 */
export interface ShardTask<I, P, R, S> {
  init(ctx: ShardContext, init: I): S
  run(state: S, ctx: ShardContext, shard: number, payload: P): R
}

/**
 * Messages main → shard worker. A worker holds one state per task name: the pool's own task and any side task
 * installed on the same threads (ShardPool.initTask), each re-initialised by a later init of its name.
 */
export type ToShardWorker =
  | {
      type: 'init'
      id: number
      task: string
      backend: 'wasm' | 'js'
      memory: KernelMemory | null
      cancel: Int32Array
      thread: number
      init: unknown
    }
  | { type: 'run'; id: number; task: string; shards: number[]; payload: unknown }

/** Messages shard worker → main. */
export type FromShardWorker =
  { type: 'ok'; id: number; results: unknown[] } | { type: 'error'; id: number; cancelled: boolean; message: string }

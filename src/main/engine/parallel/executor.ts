// What the losses see of a worker pool: install a registered task's per-fit data on every thread, run a step's
// shards of it (results in shard order, whatever thread ran them), and allocate float64 arrays every thread can
// read and write. The pool runner offers one (BatchRunner.executor); without one the losses run in-process.

export interface ShardExecutor {
  readonly threads: number
  /** Runs task `task`'s init with `init` on every thread (again: replaces it). */
  install(task: string, init: unknown): Promise<void>
  /** Runs shards 0 … nShards − 1 of `task` with `payload`; the results in shard order. */
  run<R>(task: string, nShards: number, payload: unknown): Promise<R[]>
  /** A zeroed float64 array in memory every thread sees (posting it copies nothing). */
  alloc64(n: number): Float64Array
}

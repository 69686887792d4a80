// A small kernel task used to test the pool's mechanics (sharding, shared memory, fixed-order reduction,
// cancellation) and to measure raw kernel throughput per thread, independently of the model code.
import type { ShardContext, ShardTask } from './task'

export interface SelftestInit {
  /** Presynaptic-major matrix [rows, len] in pool-shared memory. */
  mat: Float32Array
  rows: number
  len: number
}

export interface SelftestPayload {
  /** Trial vectors [trials, len] and row lists: trial b uses rows[b·rowsPerTrial ..]. */
  vecs: Float32Array
  rowIdx: Int32Array
  rowsPerTrial: number
  trialsPerShard: number
  trials: number
  /** One output slot per shard, [shards, rows]: slot s += Σ_b∈s matᵀ-restricted dot products. */
  slots: Float32Array
  /** Repeat the work this many times (timing) and check cancellation between repeats. */
  repeats: number
}

export const selftestTask: ShardTask<SelftestInit, SelftestPayload, { trials: number }, SelftestInit> = {
  init: (_ctx: ShardContext, init: SelftestInit) => init,
  run(st, ctx, shard, p) {
    const { kernels: k } = ctx
    const first = shard * p.trialsPerShard
    const last = Math.min(p.trials, first + p.trialsPerShard)
    for (let r = 0; r < p.repeats; r++) {
      ctx.checkCancelled()
      for (let b = first; b < last; b++) {
        k.dotRows(
          p.slots,
          shard * st.rows,
          st.mat,
          p.rowIdx,
          b * p.rowsPerTrial,
          p.rowsPerTrial,
          st.len,
          p.vecs,
          b * st.len
        )
      }
    }
    return { trials: Math.max(0, last - first) }
  }
}

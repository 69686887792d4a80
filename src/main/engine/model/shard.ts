// The pure per-shard computation the worker pool distributes, and the BatchRunner interface the training loop
// drives (in-process: train/local-runner.ts; worker threads: engine/parallel/pool.ts).
// forwardShard(model, batch, trial range) → outputs + trace; backwardNode(model, trace, dL/dz, tree node) → gradient.
import type { ShardExecutor } from '../parallel/executor'
import type { FloatArray, Kernels } from '../kernels/kernels'
import { Rng } from '../rng'
import { blockTrials, reduceNode, type GradPool } from './grad-tree'
import type { ShardGrad } from './grads'
import { backwardTrial } from './lif-backward'
import { forwardTrial } from './lif-forward'
import type { LightPlan } from '../perturb/light'
import type { ModelTensors, ParamSet } from './params'
import type { SpikeGrad } from '../spike-grad'
import type { SpikeTally } from '../spike-tally'
import type { ShardWorkspace } from './trace'

/**
 * One batch of trials: trial b uses stimulus[b] and the random stream Rng(...key, b). With `light`, every trial
 * of the batch gets the same in-silico perturbation (same key → same draws as without it: common random numbers).
 */
export interface BatchSpec {
  key: number[]
  stimulus: Float32Array
  light?: LightPlan
}

/**
 * Batch outputs (global arrays, B × T × N spikes as 0/1 and B × T jaw); a pool may back them by shared memory.
 * With `tally`, the spike counts of the batch are filled too (colSum is overwritten with the batch's sums).
 */
export interface BatchOutputs {
  spikes: Float32Array
  jaw: Float32Array
  tally?: SpikeTally
}

export interface ForwardStats {
  /** Spikes in the recorded steps of all trials. */
  spikes: number
}

export interface BackwardStats {
  /** Adjoint rows computed / rows that a dense adjoint would compute (the active fraction q). */
  activeFraction: number
}

/** Simulates trials [lo, hi) of the batch into workspace slots 0 … hi−lo−1 and the global outputs. */
export function forwardShard(
  mt: ModelTensors,
  ws: ShardWorkspace,
  batch: BatchSpec,
  lo: number,
  hi: number,
  k: Kernels,
  out: Partial<BatchOutputs>
): ForwardStats {
  if (hi - lo > ws.capacity) throw new Error(`shard of ${hi - lo} trials exceeds workspace capacity ${ws.capacity}`)
  let spikes = 0
  const rng = new Rng(0)
  for (let b = lo; b < hi; b++) {
    rng.reseed(...batch.key, b)
    spikes += forwardTrial(
      mt,
      ws,
      b - lo,
      batch.stimulus[b],
      rng,
      k,
      {
        spikes: out.spikes ?? null,
        jaw: out.jaw ?? null,
        index: b,
        tally: out.tally ?? null
      },
      batch.light ?? null
    )
  }
  return { spikes }
}

/**
 * Gradient of gradient-tree node [blockLo, blockHi) (blocks of grad-tree.ts), whose trials lie in the shard
 * [shardLo, …) held by `ws`. Deterministic: the bits depend only on the node, never on the shard.
 * @returns the node gradient (acquired from `pool`) and the number of adjoint rows computed
 */
export function backwardNode(
  mt: ModelTensors,
  ws: ShardWorkspace,
  shardLo: number,
  nTrials: number,
  blockLo: number,
  blockHi: number,
  gradSpikes: SpikeGrad,
  gradJaw: FloatArray | null,
  cutoff: number,
  pool: GradPool,
  k: Kernels
): { grad: ShardGrad; rows: number } {
  let rows = 0
  const grad = reduceNode(
    blockLo,
    blockHi,
    (block, g) => {
      const [lo, hi] = blockTrials(block, nTrials)
      for (let b = lo; b < hi; b++) rows += backwardTrial(mt, ws, b - shardLo, b, gradSpikes, gradJaw, g, k, cutoff)
    },
    pool,
    k
  )
  return { grad, rows }
}

/**
 * What the training loop needs from an executor of batches. Implementations: the in-process runner
 * (train/local-runner.ts) and the worker pool. Calls alternate setParams → forward → backward.
 */
export interface BatchRunner {
  readonly backend: { name: string; threads: number }
  /** Loads new parameters (after an optimiser step or a rollback). */
  setParams(p: ParamSet): Promise<void>
  /** Simulates the batch, keeping the trace for backward. */
  forward(batch: BatchSpec, out: BatchOutputs): Promise<ForwardStats>
  /**
   * Gradient of the last forward batch w.r.t. the effective tensors, reduced by the fixed block tree.
   * The returned buffer stays valid until the next backward call.
   */
  backward(
    gradSpikes: SpikeGrad,
    gradJaw: FloatArray | null,
    cutoff: number
  ): Promise<{ grad: ShardGrad } & BackwardStats>
  /** Optional: a zeroed array every thread of the runner reads and writes in place (outputs, dL/dz: no copies). */
  allocBatchArray?(n: number): Float32Array
  /** Optional: the runner's threads for other sharded work (the losses' per-session shards); absent = in-process. */
  readonly executor?: ShardExecutor
  dispose(): Promise<void>
}

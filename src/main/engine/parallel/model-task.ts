// The model's shard task: forward (trace kept per shard in this thread's workspace) and backward of
// gradient-tree nodes (model/shard.ts), run by the shard pool on every thread. Weights are read from the
// pool's shared memory; the gradients of a backward stay valid until this thread's next forward.
import type { FloatArray } from '../kernels/kernels'
import { blockTrials, GradPool } from '../model/grad-tree'
import type { ShardGrad } from '../model/grads'
import type { ModelTensors } from '../model/params'
import { backwardNode, forwardShard, type BatchSpec } from '../model/shard'
import type { SpikeGrad } from '../spike-grad'
import type { TallyLayout } from '../spike-tally'
import { allocWorkspace, freeWorkspace, type ShardWorkspace } from '../model/trace'
import type { ShardContext, ShardTask } from './task'

/**
 * Shared model tensors (big arrays in pool memory, small vectors in SharedArrayBuffers) and fixed structure: the
 * model's tensors less the jaw's scalar gain and bias, which each run passes itself.
 */
export type ModelTaskInit = Omit<ModelTensors, 'jawGain' | 'jawBias'>

interface RunCommon {
  /** Gradient-tree nodes [blockLo, blockHi) of this batch; shard s = node s. */
  nodes: Array<[number, number]>
  nTrials: number
  /** The run's shard → thread assignment (a thread frees the traces of shards it no longer owns). */
  assignment: number[][]
}

/** Spike counts of a forward: groupSum global (B × T × G), colSum one zeroed T × N partial per thread. */
export interface TallyPayload extends TallyLayout {
  colSums: Float64Array[]
  groupSum: Float64Array
}

export type ModelTaskPayload =
  | (RunCommon & {
      phase: 'forward'
      batch: BatchSpec
      jawGain: number
      jawBias: number
      spikes: Float32Array
      jaw: Float32Array
      tally: TallyPayload | null
    })
  | (RunCommon & { phase: 'backward'; gradSpikes: SpikeGrad; gradJaw: FloatArray | null; cutoff: number })

export type ModelTaskResult = { spikes: number } | { grad: ShardGrad; rows: number }

interface ModelTaskState {
  mt: ModelTensors
  traces: Map<number, { ws: ShardWorkspace; lo: number }>
  grads: GradPool
  held: ShardGrad[]
}

/** Trial range [lo, hi) of tree node [b0, b1). */
export function nodeTrials(node: [number, number], nTrials: number): [number, number] {
  return [blockTrials(node[0], nTrials)[0], blockTrials(node[1] - 1, nTrials)[1]]
}

export const modelTask: ShardTask<ModelTaskInit, ModelTaskPayload, ModelTaskResult, ModelTaskState> = {
  init(ctx: ShardContext, i: ModelTaskInit): ModelTaskState {
    const mt: ModelTensors = { ...i, jawGain: 0, jawBias: 0 }
    return { mt, traces: new Map(), grads: new GradPool(i.dims, ctx.kernels), held: [] }
  },

  run(st, ctx, shard, p) {
    ctx.checkCancelled()
    const k = ctx.kernels
    const node = p.nodes[shard]
    const [lo, hi] = nodeTrials(node, p.nTrials)
    if (p.phase === 'forward') {
      // The main thread has combined the last backward's gradients by now: recycle them.
      for (const g of st.held) st.grads.release(g)
      st.held = []
      const mine = new Set(p.assignment[ctx.thread])
      for (const [s, tr] of st.traces) {
        if (!mine.has(s)) {
          freeWorkspace(tr.ws, k)
          st.traces.delete(s)
        }
      }
      let tr = st.traces.get(shard)
      if (!tr || tr.ws.capacity < hi - lo) {
        if (tr) freeWorkspace(tr.ws, k)
        tr = { ws: allocWorkspace(st.mt.dims, hi - lo, k), lo }
        st.traces.set(shard, tr)
      }
      tr.lo = lo
      st.mt.jawGain = p.jawGain
      st.mt.jawBias = p.jawBias
      const t = p.tally
      const tally = t
        ? { groupOf: t.groupOf, groups: t.groups, colSum: t.colSums[ctx.thread], groupSum: t.groupSum }
        : undefined
      return forwardShard(st.mt, tr.ws, p.batch, lo, hi, k, { spikes: p.spikes, jaw: p.jaw, tally })
    }
    const tr = st.traces.get(shard)
    if (!tr || tr.lo !== lo) throw new Error(`shard ${shard}: backward without its forward trace`)
    const r = backwardNode(
      st.mt,
      tr.ws,
      lo,
      p.nTrials,
      node[0],
      node[1],
      p.gradSpikes,
      p.gradJaw,
      p.cutoff,
      st.grads,
      k
    )
    st.held.push(r.grad)
    return r
  }
}

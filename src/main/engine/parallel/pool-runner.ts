// BatchRunner on the shard pool: the batch's gradient-tree nodes are spread over the calling thread and
// (threads − 1) workers; weights live in shared memory, so setParams writes them once for everyone. The
// batch gradient is combined along the fixed tree (model/grad-tree.ts): same bits for any thread count.
import type { FloatArray } from '../kernels/kernels'
import { blockCount, GradPool, planNodes, splitPoint } from '../model/grad-tree'
import { addGrad, type ShardGrad } from '../model/grads'
import { allocModelTensors, refreshModelTensors, type Dims, type Dynamics, type ParamSet } from '../model/params'
import { isFactored, type FactoredSpikeGrad, type SpikeGrad } from '../spike-grad'
import type { BatchOutputs, BatchRunner, BatchSpec, ForwardStats } from '../model/shard'
import { balancedAssignment, ShardPool } from './pool'
import type { ShardExecutor } from './executor'
import type { SpikeTally } from '../spike-tally'
import {
  nodeTrials,
  type ModelTaskInit,
  type TallyPayload,
  type ModelTaskPayload,
  type ModelTaskResult
} from './model-task'

export interface PoolRunnerOptions {
  dims: Dims
  dyn: Dynamics
  motor: Int32Array
  backend: 'wasm' | 'js'
  /** Compute threads including the caller (≥ 1). */
  threads: number
  /** Built shard worker (default: out/main/shard-worker.js beside the bundle). */
  workerPath?: string
  /** Cancel flag shared with the fit host: set to 1 → the running forward/backward rejects between shards. */
  cancelFlag?: Int32Array
  /**
   * Tree nodes per thread (finer = better balance and cancel latency, more gradient buffers). Default: the
   * fewest nodes whose balanced assignment keeps every thread within 10 % of the mean load.
   */
  nodesPerThread?: number
}

function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(8 * n))
}

function isShared(a: FloatArray): boolean {
  return a.buffer instanceof SharedArrayBuffer
}

/** Nodes and thread assignment for a batch (see PoolRunnerOptions.nodesPerThread). */
export function planBatch(
  nTrials: number,
  threads: number,
  nodesPerThread?: number
): { nodes: Array<[number, number]>; assignment: number[][] } {
  const blocks = blockCount(nTrials)
  const plan = (m: number): { nodes: Array<[number, number]>; assignment: number[][]; imbalance: number } => {
    const nodes = planNodes(blocks, m)
    const costs = nodes.map((nd) => nodeTrials(nd, nTrials)[1] - nodeTrials(nd, nTrials)[0])
    const assignment = balancedAssignment(costs, threads)
    const loads = assignment.map((list) => list.reduce((a, q) => a + costs[q], 0))
    return { nodes, assignment, imbalance: (Math.max(...loads) * threads) / Math.max(1, nTrials) }
  }
  if (nodesPerThread) return plan(threads * nodesPerThread)
  let best = plan(threads)
  for (let per = 2; per <= 8 && best.imbalance > 1.1; per++) {
    const p = plan(threads * per)
    if (p.imbalance < best.imbalance) best = p
  }
  return best
}

function copyGrad(dst: ShardGrad, src: ShardGrad): void {
  dst.wRec[0].set(src.wRec[0])
  dst.wRec[1].set(src.wRec[1])
  dst.wIn.set(src.wIn)
  dst.vRest.set(src.vRest)
  dst.noiseScale.set(src.noiseScale)
  dst.latent.set(src.latent)
  dst.wJaw.set(src.wJaw)
  dst.jawAffine.set(src.jawAffine)
}

/** Starts the workers and returns the runner (dispose() stops them). */
export async function createPoolRunner(o: PoolRunnerOptions): Promise<BatchRunner> {
  const pool = new ShardPool<ModelTaskInit, ModelTaskPayload, ModelTaskResult>({
    task: 'model',
    threads: o.threads,
    backend: o.backend,
    workerPath: o.workerPath,
    cancelFlag: o.cancelFlag
  })
  const k = pool.kernels
  const { n, nBins: T } = o.dims
  const mt = allocModelTensors(o.dims, o.dyn, o.motor, k)
  // Small vectors go to SharedArrayBuffers so refreshModelTensors' in-place writes reach every thread.
  mt.vRest = sharedF64(n)
  mt.noiseScale = sharedF64(n)
  mt.latent = sharedF64(o.dims.latentDim * n)
  mt.wJaw = sharedF64(n)
  mt.inhLocal = new Int32Array(new SharedArrayBuffer(4))
  try {
    const { jawGain: _g, jawBias: _b, ...init } = mt
    await pool.init(init)
  } catch (e) {
    await pool.close()
    throw e
  }
  const grads = new GradPool(o.dims, k)
  // Staging for batch arrays that are not shared (a caller that does not use allocBatchArray): grown on
  // demand, one for B×T×N (forward spikes, then backward dL/dz) and one for B×T (jaw, dL/djaw).
  const stage = { cells: k.allocFloat(0), jaw: k.allocFloat(0) }
  const staged = (which: 'cells' | 'jaw', len: number): Float32Array => {
    if (stage[which].length < len) {
      k.free(stage[which])
      stage[which] = k.allocFloat(len)
    }
    return stage[which].subarray(0, len) as Float32Array
  }
  // Float64 staging in shared memory for the factored dL/dz (T × N shared rows, B × T × G group values).
  const stage64 = { shared: sharedF64(0), perGroup: sharedF64(0) }
  const shared64 = (which: 'shared' | 'perGroup', src: Float64Array): Float64Array => {
    if (src.buffer instanceof SharedArrayBuffer) return src
    if (stage64[which].length < src.length) stage64[which] = sharedF64(src.length)
    const s = stage64[which].subarray(0, src.length)
    s.set(src)
    return s
  }
  /** The factored gradient with its big arrays in shared memory (posting them then copies nothing). */
  const visibleFactored = (g: FactoredSpikeGrad): FactoredSpikeGrad => ({
    ...g,
    shared: shared64('shared', g.shared),
    perGroup: shared64('perGroup', g.perGroup)
  })
  // Spike tally staging: the batch's group counts and one colSum partial per thread, in shared memory.
  let tallyBufs: TallyPayload | null = null
  const tallyStage = (t: SpikeTally): TallyPayload => {
    const fits =
      tallyBufs && tallyBufs.groupSum.length >= t.groupSum.length && tallyBufs.colSums[0].length === t.colSum.length
    if (!tallyBufs || !fits) {
      tallyBufs = {
        groupOf: t.groupOf,
        groups: t.groups,
        colSums: Array.from({ length: pool.threads }, () => sharedF64(t.colSum.length)),
        groupSum: sharedF64(t.groupSum.length)
      }
    }
    for (const c of tallyBufs.colSums) c.fill(0)
    return {
      ...tallyBufs,
      groupOf: t.groupOf,
      groups: t.groups,
      groupSum: tallyBufs.groupSum.subarray(0, t.groupSum.length)
    }
  }
  /** Partials summed in thread order (integer counts: exact in any order). */
  const collectTally = (t: SpikeTally, staged: TallyPayload): void => {
    t.colSum.set(staged.colSums[0])
    for (let th = 1; th < staged.colSums.length; th++) {
      const c = staged.colSums[th]
      for (let i = 0; i < c.length; i++) t.colSum[i] += c[i]
    }
    t.groupSum.set(staged.groupSum)
  }
  /** `a` itself when every thread can see it, else a shared copy (copied in when `copyIn`). */
  const visible = (a: FloatArray, which: 'cells' | 'jaw', copyIn: boolean): FloatArray => {
    if (isShared(a)) return a
    const s = staged(which, a.length)
    if (copyIn) s.set(a)
    return s
  }
  /**
   * Batch gradient along the fixed tree from node results that stay in the threads' buffers (shared memory,
   * read-only here): only a node's left operand is copied into a runner-owned buffer before `left += right`,
   * the same additions in the same order as combineNodes, with O(tree depth) buffers instead of one per node.
   */
  const combine = (lo: number, hi: number, results: Map<string, ShardGrad>): { g: ShardGrad; owned: boolean } => {
    const own = results.get(`${lo}:${hi}`)
    if (own) return { g: own, owned: false }
    if (hi - lo <= 1) throw new Error(`gradient tree node ${lo}:${hi} was not computed`)
    const mid = splitPoint(lo, hi)
    let left = combine(lo, mid, results)
    const right = combine(mid, hi, results)
    if (!left.owned) {
      const g = grads.acquire()
      copyGrad(g, left.g)
      left = { g, owned: true }
    }
    addGrad(left.g, right.g, k)
    if (right.owned) grads.release(right.g)
    return left
  }
  let plan: { nTrials: number; nodes: Array<[number, number]>; assignment: number[][] } | null = null
  let last: ShardGrad | null = null

  const executor: ShardExecutor = {
    threads: pool.threads,
    install: (task, init) => pool.initTask(task, init),
    run: <R>(task: string, nShards: number, payload: unknown) => pool.runTask<unknown, R>(task, nShards, payload),
    alloc64: sharedF64
  }

  return {
    backend: { name: k.name, threads: pool.threads },
    executor,
    setParams(p: ParamSet): Promise<void> {
      refreshModelTensors(mt, p)
      return Promise.resolve()
    },
    async forward(batch: BatchSpec, out: BatchOutputs): Promise<ForwardStats> {
      const nTrials = batch.stimulus.length
      const { nodes, assignment } = planBatch(nTrials, pool.threads, o.nodesPerThread)
      plan = { nTrials, nodes, assignment }
      const spikesOut = visible(out.spikes, 'cells', false) as Float32Array
      const jawOut = visible(out.jaw, 'jaw', false) as Float32Array
      const tally = out.tally ? tallyStage(out.tally) : null
      const res = await pool.run(
        nodes.length,
        {
          phase: 'forward',
          batch,
          nodes,
          nTrials,
          assignment,
          jawGain: mt.jawGain,
          jawBias: mt.jawBias,
          spikes: spikesOut,
          jaw: jawOut,
          tally
        },
        assignment
      )
      if (spikesOut !== out.spikes) out.spikes.set(spikesOut)
      if (jawOut !== out.jaw) out.jaw.set(jawOut)
      if (out.tally && tally) collectTally(out.tally, tally)
      let spikes = 0
      for (const r of res) if ('spikes' in r) spikes += r.spikes
      return { spikes }
    },
    async backward(gradSpikes: SpikeGrad, gradJaw: FloatArray | null, cutoff: number) {
      if (!plan) throw new Error('pool runner: backward before forward')
      const { nTrials, nodes, assignment } = plan
      if (last) grads.release(last)
      last = null
      const gs = isFactored(gradSpikes) ? visibleFactored(gradSpikes) : visible(gradSpikes, 'cells', true)
      const gj = gradJaw ? visible(gradJaw, 'jaw', true) : null
      const res = await pool.run(
        nodes.length,
        { phase: 'backward', nodes, nTrials, assignment, gradSpikes: gs, gradJaw: gj, cutoff },
        assignment
      )
      const results = new Map<string, ShardGrad>()
      let rows = 0
      res.forEach((r, s) => {
        if (!('grad' in r)) throw new Error('pool runner: forward result in backward')
        results.set(`${nodes[s][0]}:${nodes[s][1]}`, r.grad)
        rows += r.rows
      })
      const root = combine(0, blockCount(nTrials), results)
      // A single node (one thread) is the root itself: copy it so it outlives the thread's next forward.
      if (!root.owned) {
        const g = grads.acquire()
        copyGrad(g, root.g)
        last = g
      } else last = root.g
      const dense = 2 * nTrials * T * n
      return { grad: last, activeFraction: dense > 0 ? rows / dense : 0 }
    },
    // In the pool's shared memory: forward writes spikes here and backward reads dL/dz here, without staging.
    allocBatchArray: (len: number): Float32Array => k.allocFloat(len) as Float32Array,
    async dispose(): Promise<void> {
      await pool.close()
      if (last) grads.release(last)
      last = null
      grads.dispose()
      k.free(stage.cells)
      k.free(stage.jaw)
    }
  }
}

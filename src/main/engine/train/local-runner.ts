// In-process BatchRunner: runs the batch as `shards` tree nodes one after another on the calling thread.
// With shards > 1 it reproduces exactly what a worker pool computes (used by the determinism tests).
import type { FloatArray, Kernels } from '../kernels/kernels'
import { blockCount, blockTrials, combineNodes, GradPool, planNodes } from '../model/grad-tree'
import type { ShardGrad } from '../model/grads'
import { allocModelTensors, refreshModelTensors, type Dims, type Dynamics, type ParamSet } from '../model/params'
import {
  backwardNode,
  forwardShard,
  type BatchOutputs,
  type BatchRunner,
  type BatchSpec,
  type ForwardStats
} from '../model/shard'
import type { SpikeGrad } from '../spike-grad'
import { allocWorkspace, freeWorkspace, type ShardWorkspace } from '../model/trace'

export interface LocalRunnerOptions {
  dims: Dims
  dyn: Dynamics
  motor: Int32Array
  kernels: Kernels
  /** Tree nodes the batch is cut into (1 = whole batch at once). */
  shards?: number
}

export function createLocalRunner(o: LocalRunnerOptions): BatchRunner {
  const k = o.kernels
  const mt = allocModelTensors(o.dims, o.dyn, o.motor, k)
  const pool = new GradPool(o.dims, k)
  const shards = Math.max(1, o.shards ?? 1)
  const workspaces: ShardWorkspace[] = []
  let nodes: Array<[number, number]> = []
  let nTrials = 0
  let last: ShardGrad | null = null

  const trialRange = (node: [number, number]): [number, number] => [
    blockTrials(node[0], nTrials)[0],
    blockTrials(node[1] - 1, nTrials)[1]
  ]

  return {
    backend: { name: k.name, threads: 1 },
    setParams(p: ParamSet): Promise<void> {
      refreshModelTensors(mt, p)
      return Promise.resolve()
    },
    forward(batch: BatchSpec, out: BatchOutputs): Promise<ForwardStats> {
      nTrials = batch.stimulus.length
      nodes = planNodes(blockCount(nTrials), shards)
      out.tally?.colSum.fill(0)
      let spikes = 0
      nodes.forEach((node, s) => {
        const [lo, hi] = trialRange(node)
        let ws = workspaces[s]
        if (!ws || ws.capacity < hi - lo) {
          if (ws) freeWorkspace(ws, k)
          ws = allocWorkspace(o.dims, hi - lo, k)
          workspaces[s] = ws
        }
        spikes += forwardShard(mt, ws, batch, lo, hi, k, out).spikes
      })
      return Promise.resolve({ spikes })
    },
    backward(gradSpikes: SpikeGrad, gradJaw: FloatArray | null, cutoff: number) {
      if (last) pool.release(last)
      const results = new Map<string, ShardGrad>()
      let rows = 0
      nodes.forEach((node, s) => {
        const [lo] = trialRange(node)
        const r = backwardNode(mt, workspaces[s], lo, nTrials, node[0], node[1], gradSpikes, gradJaw, cutoff, pool, k)
        rows += r.rows
        results.set(`${node[0]}:${node[1]}`, r.grad)
      })
      last = combineNodes(0, blockCount(nTrials), results, pool, k)
      const dense = 2 * nTrials * o.dims.nBins * o.dims.n
      return Promise.resolve({ grad: last, activeFraction: dense > 0 ? rows / dense : 0 })
    },
    dispose(): Promise<void> {
      for (const ws of workspaces) freeWorkspace(ws, k)
      workspaces.length = 0
      if (last) pool.release(last)
      last = null
      pool.dispose()
      return Promise.resolve()
    }
  }
}

// Deterministic gradient reduction: the batch is cut into fixed blocks of trials, each block's gradient is summed
// from zero in trial order, and blocks are combined by one fixed binary tree. A shard (thread) computes whole tree
// nodes, so the bits of the batch gradient do not depend on how many shards there are.
import type { Kernels } from '../kernels/kernels'
import { addGrad, allocGrad, freeGrad, zeroGrad, type ShardGrad } from './grads'
import type { Dims } from './params'

/** Trials per gradient block (fixed: changing it changes the float summation order). */
export const BLOCK_TRIALS = 4

export function blockCount(nTrials: number): number {
  return Math.ceil(nTrials / BLOCK_TRIALS)
}

/** Trial range [lo, hi) of block b. */
export function blockTrials(b: number, nTrials: number): [number, number] {
  return [b * BLOCK_TRIALS, Math.min(nTrials, (b + 1) * BLOCK_TRIALS)]
}

/** Tree split of the block range [lo, hi): the left child is the largest power of two < hi − lo. */
export function splitPoint(lo: number, hi: number): number {
  let m = 1
  while (m * 2 < hi - lo) m *= 2
  return lo + m
}

/**
 * Disjoint tree nodes [lo, hi) (in block order) covering all blocks, at least `nShards` of them when possible:
 * the node list a pool hands out, one or more per worker.
 */
export function planNodes(nBlocks: number, nShards: number): Array<[number, number]> {
  let nodes: Array<[number, number]> = [[0, nBlocks]]
  while (nodes.length < nShards) {
    let best = -1
    for (let q = 0; q < nodes.length; q++) {
      const size = nodes[q][1] - nodes[q][0]
      if (size > 1 && (best < 0 || size > nodes[best][1] - nodes[best][0])) best = q
    }
    if (best < 0) break
    const [lo, hi] = nodes[best]
    const mid = splitPoint(lo, hi)
    nodes = [...nodes.slice(0, best), [lo, mid], [mid, hi], ...nodes.slice(best + 1)]
  }
  return nodes
}

/** Reusable gradient buffers (zeroed on acquire). */
export class GradPool {
  private free: ShardGrad[] = []
  constructor(
    private readonly dims: Dims,
    private readonly k: Kernels
  ) {}
  acquire(): ShardGrad {
    const g = this.free.pop() ?? allocGrad(this.dims, this.k)
    zeroGrad(g)
    return g
  }
  release(g: ShardGrad): void {
    this.free.push(g)
  }
  dispose(): void {
    for (const g of this.free) freeGrad(g, this.k)
    this.free = []
  }
}

/**
 * Gradient of tree node [lo, hi) of blocks: leaf(b, g) accumulates block b into the zeroed g; children are
 * combined as left += right. The result is acquired from `pool` (caller releases it).
 */
export function reduceNode(
  lo: number,
  hi: number,
  leaf: (block: number, g: ShardGrad) => void,
  pool: GradPool,
  k: Kernels
): ShardGrad {
  if (hi - lo === 1) {
    const g = pool.acquire()
    leaf(lo, g)
    return g
  }
  const mid = splitPoint(lo, hi)
  const left = reduceNode(lo, mid, leaf, pool, k)
  const right = reduceNode(mid, hi, leaf, pool, k)
  addGrad(left, right, k)
  pool.release(right)
  return left
}

/**
 * Root gradient from node results computed elsewhere (keys `${lo}:${hi}`), combined along the same tree.
 * The returned buffer is one of the results or acquired from `pool`; consumed results are released to `pool`.
 */
export function combineNodes(
  lo: number,
  hi: number,
  results: Map<string, ShardGrad>,
  pool: GradPool,
  k: Kernels
): ShardGrad {
  const own = results.get(`${lo}:${hi}`)
  if (own) return own
  if (hi - lo <= 1) throw new Error(`gradient tree node ${lo}:${hi} was not computed`)
  const mid = splitPoint(lo, hi)
  const left = combineNodes(lo, mid, results, pool, k)
  const right = combineNodes(mid, hi, results, pool, k)
  addGrad(left, right, k)
  pool.release(right)
  return left
}

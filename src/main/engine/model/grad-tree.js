import { addGrad, allocGrad, freeGrad, zeroGrad } from './grads';
/** Trials per gradient block (fixed: changing it changes the float summation order). */
export const BLOCK_TRIALS = 4;
export function blockCount(nTrials) {
    return Math.ceil(nTrials / BLOCK_TRIALS);
}
/** Trial range [lo, hi) of block b. */
export function blockTrials(b, nTrials) {
    return [b * BLOCK_TRIALS, Math.min(nTrials, (b + 1) * BLOCK_TRIALS)];
}
/** Tree split of the block range [lo, hi): the left child is the largest power of two < hi − lo. */
export function splitPoint(lo, hi) {
    let m = 1;
    while (m * 2 < hi - lo)
        m *= 2;
    return lo + m;
}
/**
 * Disjoint tree nodes [lo, hi) (in block order) covering all blocks, at least `nShards` of them when possible:
 * the node list a pool hands out, one or more per worker.
 */
export function planNodes(nBlocks, nShards) {
    let nodes = [[0, nBlocks]];
    while (nodes.length < nShards) {
        let best = -1;
        for (let q = 0; q < nodes.length; q++) {
            const size = nodes[q][1] - nodes[q][0];
            if (size > 1 && (best < 0 || size > nodes[best][1] - nodes[best][0]))
                best = q;
        }
        if (best < 0)
            break;
        const [lo, hi] = nodes[best];
        const mid = splitPoint(lo, hi);
        nodes = [...nodes.slice(0, best), [lo, mid], [mid, hi], ...nodes.slice(best + 1)];
    }
    return nodes;
}
/** Reusable gradient buffers (zeroed on acquire). */
export class GradPool {
    dims;
    k;
    free = [];
    constructor(dims, k) {
        this.dims = dims;
        this.k = k;
    }
    acquire() {
        const g = this.free.pop() ?? allocGrad(this.dims, this.k);
        zeroGrad(g);
        return g;
    }
    release(g) {
        this.free.push(g);
    }
    dispose() {
        for (const g of this.free)
            freeGrad(g, this.k);
        this.free = [];
    }
}
/**
 * Gradient of tree node [lo, hi) of blocks: leaf(b, g) accumulates block b into the zeroed g; children are
 * combined as left += right. The result is acquired from `pool` (caller releases it).
 */
export function reduceNode(lo, hi, leaf, pool, k) {
    if (hi - lo === 1) {
        const g = pool.acquire();
        leaf(lo, g);
        return g;
    }
    const mid = splitPoint(lo, hi);
    const left = reduceNode(lo, mid, leaf, pool, k);
    const right = reduceNode(mid, hi, leaf, pool, k);
    addGrad(left, right, k);
    pool.release(right);
    return left;
}
/**
 * Root gradient from node results computed elsewhere (keys `${lo}:${hi}`), combined along the same tree.
 * The returned buffer is one of the results or acquired from `pool`; consumed results are released to `pool`.
 */
export function combineNodes(lo, hi, results, pool, k) {
    const own = results.get(`${lo}:${hi}`);
    if (own)
        return own;
    if (hi - lo <= 1)
        throw new Error(`gradient tree node ${lo}:${hi} was not computed`);
    const mid = splitPoint(lo, hi);
    const left = combineNodes(lo, mid, results, pool, k);
    const right = combineNodes(mid, hi, results, pool, k);
    addGrad(left, right, k);
    pool.release(right);
    return left;
}

import { Rng } from '../rng';
import { blockTrials, reduceNode } from './grad-tree';
import { backwardTrial } from './lif-backward';
import { forwardTrial } from './lif-forward';
/** Simulates trials [lo, hi) of the batch into workspace slots 0 … hi−lo−1 and the global outputs. */
export function forwardShard(mt, ws, batch, lo, hi, k, out) {
    if (hi - lo > ws.capacity)
        throw new Error(`shard of ${hi - lo} trials exceeds workspace capacity ${ws.capacity}`);
    let spikes = 0;
    const rng = new Rng(0);
    for (let b = lo; b < hi; b++) {
        rng.reseed(...batch.key, b);
        spikes += forwardTrial(mt, ws, b - lo, batch.stimulus[b], rng, k, {
            spikes: out.spikes ?? null,
            jaw: out.jaw ?? null,
            index: b,
            tally: out.tally ?? null
        }, batch.light ?? null);
    }
    return { spikes };
}
/**
 * Gradient of gradient-tree node [blockLo, blockHi) (blocks of grad-tree.ts), whose trials lie in the shard
 * [shardLo, …) held by `ws`. Deterministic: the bits depend only on the node, never on the shard.
 * @returns the node gradient (acquired from `pool`) and the number of adjoint rows computed
 */
export function backwardNode(mt, ws, shardLo, nTrials, blockLo, blockHi, gradSpikes, gradJaw, cutoff, pool, k) {
    let rows = 0;
    const grad = reduceNode(blockLo, blockHi, (block, g) => {
        const [lo, hi] = blockTrials(block, nTrials);
        for (let b = lo; b < hi; b++)
            rows += backwardTrial(mt, ws, b - shardLo, b, gradSpikes, gradJaw, g, k, cutoff);
    }, pool, k);
    return { grad, rows };
}

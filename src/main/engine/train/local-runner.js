import { blockCount, blockTrials, combineNodes, GradPool, planNodes } from '../model/grad-tree';
import { allocModelTensors, refreshModelTensors } from '../model/params';
import { backwardNode, forwardShard } from '../model/shard';
import { allocWorkspace, freeWorkspace } from '../model/trace';
export function createLocalRunner(o) {
    const k = o.kernels;
    const mt = allocModelTensors(o.dims, o.dyn, o.motor, k);
    const pool = new GradPool(o.dims, k);
    const shards = Math.max(1, o.shards ?? 1);
    const workspaces = [];
    let nodes = [];
    let nTrials = 0;
    let last = null;
    const trialRange = (node) => [
        blockTrials(node[0], nTrials)[0],
        blockTrials(node[1] - 1, nTrials)[1]
    ];
    return {
        backend: { name: k.name, threads: 1 },
        setParams(p) {
            refreshModelTensors(mt, p);
            return Promise.resolve();
        },
        forward(batch, out) {
            nTrials = batch.stimulus.length;
            nodes = planNodes(blockCount(nTrials), shards);
            out.tally?.colSum.fill(0);
            let spikes = 0;
            nodes.forEach((node, s) => {
                const [lo, hi] = trialRange(node);
                let ws = workspaces[s];
                if (!ws || ws.capacity < hi - lo) {
                    if (ws)
                        freeWorkspace(ws, k);
                    ws = allocWorkspace(o.dims, hi - lo, k);
                    workspaces[s] = ws;
                }
                spikes += forwardShard(mt, ws, batch, lo, hi, k, out).spikes;
            });
            return Promise.resolve({ spikes });
        },
        backward(gradSpikes, gradJaw, cutoff) {
            if (last)
                pool.release(last);
            const results = new Map();
            let rows = 0;
            nodes.forEach((node, s) => {
                const [lo] = trialRange(node);
                const r = backwardNode(mt, workspaces[s], lo, nTrials, node[0], node[1], gradSpikes, gradJaw, cutoff, pool, k);
                rows += r.rows;
                results.set(`${node[0]}:${node[1]}`, r.grad);
            });
            last = combineNodes(0, blockCount(nTrials), results, pool, k);
            const dense = 2 * nTrials * o.dims.nBins * o.dims.n;
            return Promise.resolve({ grad: last, activeFraction: dense > 0 ? rows / dense : 0 });
        },
        dispose() {
            for (const ws of workspaces)
                freeWorkspace(ws, k);
            workspaces.length = 0;
            if (last)
                pool.release(last);
            last = null;
            pool.dispose();
            return Promise.resolve();
        }
    };
}

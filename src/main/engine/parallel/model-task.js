import { blockTrials, GradPool } from '../model/grad-tree';
import { backwardNode, forwardShard } from '../model/shard';
import { allocWorkspace, freeWorkspace } from '../model/trace';
/** Trial range [lo, hi) of tree node [b0, b1). */
export function nodeTrials(node, nTrials) {
    return [blockTrials(node[0], nTrials)[0], blockTrials(node[1] - 1, nTrials)[1]];
}
export const modelTask = {
    init(ctx, i) {
        const mt = { ...i, jawGain: 0, jawBias: 0 };
        return { mt, traces: new Map(), grads: new GradPool(i.dims, ctx.kernels), held: [] };
    },
    run(st, ctx, shard, p) {
        ctx.checkCancelled();
        const k = ctx.kernels;
        const node = p.nodes[shard];
        const [lo, hi] = nodeTrials(node, p.nTrials);
        if (p.phase === 'forward') {
            // The main thread has combined the last backward's gradients by now: recycle them.
            for (const g of st.held)
                st.grads.release(g);
            st.held = [];
            const mine = new Set(p.assignment[ctx.thread]);
            for (const [s, tr] of st.traces) {
                if (!mine.has(s)) {
                    freeWorkspace(tr.ws, k);
                    st.traces.delete(s);
                }
            }
            let tr = st.traces.get(shard);
            if (!tr || tr.ws.capacity < hi - lo) {
                if (tr)
                    freeWorkspace(tr.ws, k);
                tr = { ws: allocWorkspace(st.mt.dims, hi - lo, k), lo };
                st.traces.set(shard, tr);
            }
            tr.lo = lo;
            st.mt.jawGain = p.jawGain;
            st.mt.jawBias = p.jawBias;
            const t = p.tally;
            const tally = t ? { groupOf: t.groupOf, groups: t.groups, colSum: t.colSums[ctx.thread], groupSum: t.groupSum } : undefined;
            return forwardShard(st.mt, tr.ws, p.batch, lo, hi, k, { spikes: p.spikes, jaw: p.jaw, tally });
        }
        const tr = st.traces.get(shard);
        if (!tr || tr.lo !== lo)
            throw new Error(`shard ${shard}: backward without its forward trace`);
        const r = backwardNode(st.mt, tr.ws, lo, p.nTrials, node[0], node[1], p.gradSpikes, p.gradJaw, p.cutoff, st.grads, k);
        st.held.push(r.grad);
        return r;
    }
};

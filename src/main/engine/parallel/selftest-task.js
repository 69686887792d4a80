export const selftestTask = {
    init: (_ctx, init) => init,
    run(st, ctx, shard, p) {
        const { kernels: k } = ctx;
        const first = shard * p.trialsPerShard;
        const last = Math.min(p.trials, first + p.trialsPerShard);
        for (let r = 0; r < p.repeats; r++) {
            ctx.checkCancelled();
            for (let b = first; b < last; b++) {
                k.dotRows(p.slots, shard * st.rows, st.mat, p.rowIdx, b * p.rowsPerTrial, p.rowsPerTrial, st.len, p.vecs, b * st.len);
            }
        }
        return { trials: Math.max(0, last - first) };
    }
};

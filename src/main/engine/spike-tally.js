// Spike counts the losses need, tallied by the forward while it emits spikes (it has every step's spike list at
// hand), so the main thread does not rescan the B × T × N batch: per-neuron sums over trials and per-trial group
// counts. Counts are integers, so partial sums added in any order give the same bits.
/** A zeroed tally for B trials, T steps and N neurons. */
export function allocTally(layout, B, T, N) {
    return { ...layout, colSum: new Float64Array(T * N), groupSum: new Float64Array(B * T * layout.groups) };
}
/**
 * Adds one step's spikes (neuron indices list[off … off + count)) of trial b at step t to colSum (T × N, the
 * caller's, possibly a per-thread partial) and to groupSum.
 */
export function tallyStep(layout, colSum, groupSum, b, t, T, N, list, off, count) {
    const { groupOf, groups: G } = layout;
    const cs = t * N;
    const gs = (b * T + t) * G;
    for (let q = 0; q < count; q++) {
        const i = list[off + q];
        colSum[cs + i]++;
        const g = groupOf[i];
        if (g >= 0)
            groupSum[gs + g]++;
    }
}

/** Rate floor of the relative rate penalty, Hz (keeps silent data neurons from dominating it). */
export const RATE_FLOOR_HZ = 1;
/**
 * Mean over recorded neurons (of sessions with trials this step) of ((r̂ − r)/(r + 1 Hz·dt))², r̂ = the model's
 * mean spikes per bin over the batch, r = the unit's training mean. dL/dz is the same for every (b, t):
 * weight·dL/dz[·,t,n] is added to gShared[t·N + n]. `colSum` (Σ_b z, T × N), when the caller has it, saves the
 * pass over the spikes. Returns the unweighted value.
 */
export function rateLoss(targets, spikes, B, trials, weight, gShared, colSum) {
    const T = targets.nBins;
    const N = targets.nNeurons;
    const floor = RATE_FLOOR_HZ * targets.dt;
    const used = targets.sessions.filter((s) => s.neurons.length > 0 && trials[s.index].length > 0);
    const count = used.reduce((a, s) => a + s.neurons.length, 0);
    if (count === 0 || B === 0)
        return 0;
    const sums = new Float64Array(N);
    if (colSum)
        for (let t = 0; t < T; t++)
            for (let n = 0; n < N; n++)
                sums[n] += colSum[t * N + n];
    else
        for (let r = 0; r < B * T; r++)
            for (let n = 0; n < N; n++)
                sums[n] += spikes[r * N + n];
    let loss = 0;
    for (const s of used) {
        s.neurons.forEach((n, q) => {
            const r = s.meanRate[q];
            const e = (sums[n] / (B * T) - r) / (r + floor);
            loss += e * e;
            if (!gShared)
                return;
            const g = (weight * 2 * e) / (r + floor) / count / (B * T);
            for (let t = 0; t < T; t++)
                gShared[t * N + n] += g;
        });
    }
    return loss / count;
}

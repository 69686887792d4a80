// Per-trial, per-area response amplitude, peak and latency of the filtered population rate (trial-variability views).
import { applyFilter } from '../losses/filters';
/**
 * For trials × bins × units spikes (model B × T × N, or a session K × T × U) and each unit's area: the population
 * rate of each area (mean over its units, / dt), filtered by `filter` (filter1). Baseline = mean over the filter
 * windows that end at or before the stimulus bin; post-stimulus = windows centred at or after it.
 */
export function areaResponses(spikes, nTrials, nBins, unitArea, nAreas, dtS, stimBin, filter) {
    const U = unitArea.length;
    const L = filter.outLen;
    const size = new Int32Array(nAreas);
    unitArea.forEach((a) => a >= 0 && a < nAreas && size[a]++);
    const centre = Float64Array.from({ length: L }, (_, j) => filter.start[j] + filter.len[j] / 2);
    const pre = [];
    const post = [];
    for (let j = 0; j < L; j++) {
        if (filter.start[j] + filter.len[j] <= stimBin)
            pre.push(j);
        if (centre[j] >= stimBin)
            post.push(j);
    }
    if (pre.length === 0)
        pre.push(0);
    const res = {
        baselineHz: new Float64Array(nTrials * nAreas).fill(NaN),
        peakHz: new Float64Array(nTrials * nAreas).fill(NaN),
        amplitudeHz: new Float64Array(nTrials * nAreas).fill(NaN),
        latencyS: new Float64Array(nTrials * nAreas).fill(NaN)
    };
    const pop = new Float64Array(nBins * nAreas);
    const rate = new Float64Array(L);
    for (let k = 0; k < nTrials; k++) {
        pop.fill(0);
        for (let t = 0; t < nBins; t++) {
            const row = (k * nBins + t) * U;
            for (let u = 0; u < U; u++) {
                const a = unitArea[u];
                if (a >= 0 && a < nAreas)
                    pop[t * nAreas + a] += spikes[row + u];
            }
        }
        for (let a = 0; a < nAreas; a++) {
            if (size[a] === 0 || post.length === 0)
                continue;
            applyFilter(filter, pop, a, nAreas, rate, 0, 1);
            for (let j = 0; j < L; j++)
                rate[j] /= size[a] * dtS;
            const base = pre.reduce((s, j) => s + rate[j], 0) / pre.length;
            let peak = -Infinity;
            for (const j of post)
                peak = Math.max(peak, rate[j]);
            const amp = peak - base;
            const o = k * nAreas + a;
            res.baselineHz[o] = base;
            res.peakHz[o] = peak;
            res.amplitudeHz[o] = amp;
            if (amp > 0) {
                const j = post.find((q) => rate[q] - base >= amp / 2);
                if (j !== undefined)
                    res.latencyS[o] = (centre[j] - stimBin) * dtS;
            }
        }
    }
    return res;
}

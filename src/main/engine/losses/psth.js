// Trial-averaged (PSTH) loss of spec §3.2 and its gradient: per recorded neuron, filter1 PSTHs z-scored by the data.
import { applyFilter, applyFilterTransposeAdd } from './filters';
/** Per-column mean and unbiased std over time of an L × C matrix; std < 1e-3 → 1 (spec §3.2 step 2). */
function columnScale(x, L, C) {
    const mean = new Float64Array(C);
    const scale = new Float64Array(C);
    for (let c = 0; c < C; c++) {
        let s = 0;
        for (let l = 0; l < L; l++)
            s += x[l * C + c];
        const m = s / L;
        let v = 0;
        for (let l = 0; l < L; l++)
            v += (x[l * C + c] - m) ** 2;
        const sd = L > 1 ? Math.sqrt(v / (L - 1)) : 0;
        mean[c] = m;
        scale[c] = sd < 1e-3 ? 1 : sd;
    }
    return { mean, scale };
}
/**
 * Trial-averaged filtered data of a session over `trials` (cached per trial set): PSTH L1 × U_s of the session's
 * mapped units (spikes per bin) and the jaw's, each with its z-scoring mean/scale.
 */
export function dataPsth(targets, s, trials) {
    const key = `${s.index}:${trials.join(',')}`;
    const hit = targets.psthCache.get(key);
    if (hit)
        return hit;
    const sess = targets.data.sessions[s.index];
    const T = targets.nBins;
    const U = sess.unitArea.length;
    const C = s.units.length;
    const avg = new Float64Array(T * C);
    for (const k of trials) {
        for (let t = 0; t < T; t++) {
            const row = (k * T + t) * U;
            for (let c = 0; c < C; c++)
                avg[t * C + c] += sess.spikes[row + s.units[c]];
        }
    }
    const f = targets.filter1;
    const psth = new Float64Array(f.outLen * C);
    if (trials.length > 0) {
        for (let i = 0; i < avg.length; i++)
            avg[i] /= trials.length;
        for (let c = 0; c < C; c++)
            applyFilter(f, avg, c, C, psth, c, C);
    }
    const { mean, scale } = columnScale(psth, f.outLen, C);
    let jaw = null;
    let jawMean = 0;
    let jawScale = 1;
    if (s.useJaw && sess.jaw && trials.length > 0) {
        const mj = new Float64Array(T);
        for (const k of trials)
            for (let t = 0; t < T; t++)
                mj[t] += sess.jaw[k * T + t] / trials.length;
        jaw = new Float64Array(f.outLen);
        applyFilter(f, mj, 0, 1, jaw, 0, 1);
        const js = columnScale(jaw, f.outLen, 1);
        jawMean = js.mean[0];
        jawScale = js.scale[0];
    }
    const out = { psth, mean, scale, jaw, jawMean, jawScale };
    if (targets.psthCache.size > 256)
        targets.psthCache.clear(); // bound memory when callers pass many trial sets
    targets.psthCache.set(key, out);
    return out;
}
/** Trial mean over B trials of a B × T × C array, as T × C (C = N neurons, or 1 for the jaw). */
export function trialMean(x, B, T, C) {
    const out = new Float64Array(T * C);
    for (let b = 0; b < B; b++) {
        const o = b * T * C;
        for (let i = 0; i < T * C; i++) {
            const v = x[o + i];
            if (v !== 0)
                out[i] += v; // spikes are sparse: skipping zeros halves the pass
        }
    }
    for (let i = 0; i < out.length; i++)
        out[i] /= B;
    return out;
}
/**
 * L_psth = mean over (bins l, terms) of ((P_model − P_data)/s)² where the terms are the recorded neurons of every
 * session with trials in `trials` (and each such session's jaw when used and `jaw` is given); P_model pools all
 * B model trials. dL/dz is the same for every trial: weight·dL/dz[b,t,n] is added to gShared[t·N + n]; dL/djaw
 * (× weight) is added to gradJaw. `colSum` (Σ_b z, T × N), when the caller has it, saves the pass over the spikes.
 * Returns the unweighted loss.
 */
export function psthLoss(targets, spikes, jaw, B, trials, weight, gShared, gradJaw, colSum) {
    const T = targets.nBins;
    const N = targets.nNeurons;
    const f = targets.filter1;
    const L = f.outLen;
    const used = targets.sessions.filter((s) => s.neurons.length > 0 && trials[s.index].length > 0);
    let terms = 0;
    for (const s of used)
        terms += s.neurons.length + (s.useJaw && jaw ? 1 : 0);
    if (terms === 0 || B === 0)
        return 0;
    const zMean = colSum ? colSum.map((v) => v / B) : trialMean(spikes, B, T, N);
    const jMean = jaw ? trialMean(jaw, B, T, 1) : null;
    const pm = new Float64Array(L);
    const g = new Float64Array(L);
    const gT = new Float64Array(T);
    // dL/d(trial-mean z) is accumulated unscaled, then × weight / B into gShared
    const gMean = gShared ? new Float64Array(T * N) : null;
    let loss = 0;
    const term = (target, tOff, tStride, scale) => {
        for (let l = 0; l < L; l++) {
            const e = (pm[l] - target[tOff + l * tStride]) / scale;
            loss += e * e;
            g[l] = (2 * e) / scale / (terms * L);
        }
    };
    for (const s of used) {
        const d = dataPsth(targets, s, trials[s.index]);
        const C = s.units.length;
        for (let c = 0; c < C; c++) {
            const n = s.neurons[c];
            applyFilter(f, zMean, n, N, pm, 0, 1);
            term(d.psth, c, C, d.scale[c]);
            if (gMean)
                applyFilterTransposeAdd(f, g, 0, 1, gMean, n, N);
        }
        if (d.jaw && jMean) {
            applyFilter(f, jMean, 0, 1, pm, 0, 1);
            term(d.jaw, 0, 1, d.jawScale);
            if (!gradJaw)
                continue;
            gT.fill(0);
            applyFilterTransposeAdd(f, g, 0, 1, gT, 0, 1);
            for (let b = 0; b < B; b++)
                for (let t = 0; t < T; t++)
                    gradJaw[b * T + t] += (weight * gT[t]) / B;
        }
    }
    if (gShared && gMean)
        for (let i = 0; i < T * N; i++)
            gShared[i] += (gMean[i] * weight) / B;
    return loss / (terms * L);
}

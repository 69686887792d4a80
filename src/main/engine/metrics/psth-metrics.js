// PSTH Pearson per recorded neuron (spec §5.2) and jaw trace correlation, per stimulus condition, with ceilings.
import { applyFilter } from '../losses/filters';
import { byStimulus, trainingTrials } from './conditions';
import { finiteMean, pearson } from './pearson';
/** Neurons whose training rate is at or below this are left out of the PSTH correlation (spec §5.2). */
export const PSTH_MIN_RATE_HZ = 1;
/** filter1 of the trial mean over `trials` of column `col` of a K × T × C array, appended to `out` (length L1). */
function filteredMean(targets, x, trials, C, col, out, outOff) {
    const T = targets.nBins;
    const avg = new Float64Array(T);
    for (let i = 0; i < trials.length; i++) {
        const base = trials[i] * T * C + col;
        for (let t = 0; t < T; t++)
            avg[t] += x[base + t * C];
    }
    for (let t = 0; t < T; t++)
        avg[t] /= trials.length;
    applyFilter(targets.filter1, avg, 0, 1, out, outOff, 1);
}
/**
 * Trial mean over `trials` of a K × T × C array as T × C (index t·C + c), summed in the order of `trials` exactly
 * as filteredMean sums one column, in one pass in memory order instead of one strided pass per column.
 */
function trialMeans(x, trials, T, C) {
    const avg = new Float64Array(T * C);
    for (let i = 0; i < trials.length; i++) {
        const base = trials[i] * T * C;
        for (let j = 0; j < T * C; j++) {
            const v = x[base + j];
            if (v !== 0)
                avg[j] += v; // spikes are sparse; adding 0 would change nothing
        }
    }
    for (let j = 0; j < T * C; j++)
        avg[j] /= trials.length;
    return avg;
}
/**
 * Per recorded model neuron: PSTHs (filter1, trial means) concatenated over the stimulus conditions present in
 * the held-out trials and in the model batch (resp. the training trials for the ceiling), then Pearson r.
 */
export function psthPearson(targets, spikes, stimulus, heldOut) {
    const L = targets.filter1.outLen;
    const N = targets.nNeurons;
    const T = targets.nBins;
    const modelByCond = byStimulus(stimulus);
    const out = [];
    // trial means per trial list (each list object belongs to one source array: the model's or one session's spikes)
    const means = new Map();
    const meansOf = (x, trials, C) => {
        let m = means.get(trials);
        if (!m)
            means.set(trials, (m = trialMeans(x, trials, T, C)));
        return m;
    };
    for (const s of targets.sessions) {
        const held = heldOut[s.index] ?? new Int32Array(0);
        if (s.neurons.length === 0 || held.length === 0)
            continue;
        const sess = targets.data.sessions[s.index];
        const U = sess.unitArea.length;
        const trainByCond = byStimulus(sess.stimulus, trainingTrials(sess.heldOut));
        const conds = [...byStimulus(sess.stimulus, held)];
        const withModel = conds.filter(([c]) => modelByCond.has(c));
        const withTrain = conds.filter(([c]) => trainByCond.has(c));
        s.neurons.forEach((n, q) => {
            if (s.meanRate[q] / targets.dt <= PSTH_MIN_RATE_HZ)
                return;
            const u = s.units[q];
            const corr = (list, other, x, C, col) => {
                if (list.length === 0)
                    return NaN;
                const a = new Float64Array(list.length * L);
                const b = new Float64Array(list.length * L);
                list.forEach(([c, heldC], i) => {
                    applyFilter(targets.filter1, meansOf(x, other.get(c) ?? [], C), col, C, a, i * L, 1);
                    applyFilter(targets.filter1, meansOf(sess.spikes, heldC, U), u, U, b, i * L, 1);
                });
                return pearson(a, b);
            };
            out.push({
                neuron: n,
                area: sess.unitArea[u],
                r: corr(withModel, modelByCond, spikes, N, n),
                ceiling: corr(withTrain, trainByCond, sess.spikes, U, u)
            });
        });
    }
    return out;
}
/** Mean r (and ceiling) overall and per area name; NaN where no neuron qualifies. */
export function summarisePsth(rows, areas) {
    const perArea = {};
    areas.forEach((name, a) => {
        const rs = rows.filter((r) => r.area === a).map((r) => r.r);
        if (rs.length > 0)
            perArea[name] = finiteMean(rs);
    });
    return { mean: finiteMean(rows.map((r) => r.r)), ceiling: finiteMean(rows.map((r) => r.ceiling)), perArea };
}
/**
 * Jaw correlation: per session with a recorded jaw, filter1 trial-mean jaw of the model trials vs the held-out
 * trials, concatenated over shared stimulus conditions; mean over sessions. NaN without behaviour.
 */
export function jawPearson(targets, jaw, stimulus, heldOut) {
    if (!jaw)
        return NaN;
    const L = targets.filter1.outLen;
    const modelByCond = byStimulus(stimulus);
    const rs = [];
    targets.data.sessions.forEach((sess, si) => {
        const held = heldOut[si] ?? new Int32Array(0);
        if (!sess.jaw || held.length === 0)
            return;
        const conds = [...byStimulus(sess.stimulus, held)].filter(([c]) => modelByCond.has(c));
        if (conds.length === 0)
            return;
        const a = new Float64Array(conds.length * L);
        const b = new Float64Array(conds.length * L);
        conds.forEach(([c, heldC], i) => {
            filteredMean(targets, jaw, modelByCond.get(c) ?? [], 1, 0, a, i * L);
            filteredMean(targets, sess.jaw ?? [], heldC, 1, 0, b, i * L);
        });
        rs.push(pearson(a, b));
    });
    return finiteMean(rs);
}

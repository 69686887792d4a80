// Trial-type mix (spec §5.4): generated trials typed by lick (jaw) or by nearest data template; data fractions.
import { modelFeatures, sessionLayout } from '../losses/features';
import { OUTCOME } from '../types';
import { trainingTrials } from './conditions';
export const TRIAL_TYPES = ['Hit', 'Miss', 'CR', 'FA'];
const CODES = [OUTCOME.Hit, OUTCOME.Miss, OUTCOME.CR, OUTCOME.FA];
/** Stimulus trials are Hit or Miss, catch trials (stimulus 0) CR or FA; the first of each pair is the lick. */
export function typeFromLick(lick, stimulus) {
    if (stimulus !== 0)
        return lick ? OUTCOME.Hit : OUTCOME.Miss;
    return lick ? OUTCOME.FA : OUTCOME.CR;
}
/** Fractions of each type name among outcome codes; all zeros when empty. */
export function typeFractions(codes) {
    const out = {};
    TRIAL_TYPES.forEach((name, i) => {
        let c = 0;
        for (let k = 0; k < codes.length; k++)
            if (codes[k] === CODES[i])
                c++;
        out[name] = codes.length > 0 ? c / codes.length : 0;
    });
    return out;
}
/** Outcome codes of every recorded trial of every session (the data's trial-type mix). */
export function dataOutcomes(data) {
    return Uint8Array.from(data.sessions.flatMap((s) => Array.from(s.outcome)));
}
/**
 * Template matching: per session with features, the template of each trial type is the mean z-scored feature
 * vector of its training trials; a generated trial takes the type, among those its stimulus allows, with the
 * smallest mean squared distance averaged over the sessions that have that template. Returns outcome codes.
 * `features` (per session, from sessionModelFeatures) saves recomputing the model features when the caller has them.
 */
export function classifyByTemplate(targets, spikes, jaw, stimulus, features) {
    const B = stimulus.length;
    const dist = Array.from({ length: CODES.length }, () => new Float64Array(B));
    const count = new Int32Array(CODES.length);
    for (const s of targets.sessions) {
        if (s.groups.length === 0)
            continue;
        const sess = targets.data.sessions[s.index];
        const layout = sessionLayout(s, targets.featureFilter, jaw !== null);
        const X = features?.[s.index] ?? modelFeatures(layout, spikes, jaw, B, targets.nBins, targets.nNeurons);
        const D = B > 0 ? X.length / B : 0;
        CODES.forEach((code, ti) => {
            const rows = trainingTrials(sess.heldOut).filter((k) => sess.outcome[k] === code);
            if (rows.length === 0 || D === 0)
                return;
            const tpl = new Float64Array(D);
            for (const k of rows) {
                for (let d = 0; d < D; d++)
                    tpl[d] += s.features[k * s.featureDim + d] / rows.length;
            }
            count[ti]++;
            for (let b = 0; b < B; b++) {
                let e = 0;
                for (let d = 0; d < D; d++)
                    e += (X[b * D + d] - tpl[d]) ** 2;
                dist[ti][b] += e / D;
            }
        });
    }
    const out = new Uint8Array(B);
    for (let b = 0; b < B; b++) {
        const allowed = stimulus[b] !== 0 ? [0, 1] : [2, 3];
        const avail = allowed.filter((ti) => count[ti] > 0);
        const pool = avail.length > 0 ? avail : [0, 1, 2, 3].filter((ti) => count[ti] > 0);
        let best = pool.length > 0 ? pool[0] : allowed[1];
        for (const ti of pool)
            if (dist[ti][b] / count[ti] < dist[best][b] / count[best])
                best = ti;
        out[b] = CODES[best];
    }
    return out;
}

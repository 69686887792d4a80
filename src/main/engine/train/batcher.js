// Per-step data selection (spec §1.4): the condition cycle (all → stimulus trials → catch trials), the training
// and held-out trial sets per session, and the B stimuli drawn with replacement from the condition's trials.
import { AppError } from '@shared/contract/errors';
import { OUTCOME } from '../types';
function select(data, keep) {
    return data.sessions.map((s) => {
        const out = [];
        for (let k = 0; k < s.outcome.length; k++)
            if (keep(s.outcome[k], s.heldOut[k] === 1))
                out.push(k);
        return Int32Array.from(out);
    });
}
const count = (sets) => sets.reduce((a, s) => a + s.length, 0);
/**
 * The condition cycle: 'all' training trials first; when the data has both stimulus trials (Hit/Miss) and
 * catch trials (CR/FA), stimulus-only and catch-only conditions follow. Step s uses cycle[s mod length].
 * @throws AppError EMPTY_RESULT when there is no training trial at all
 */
export function conditionCycle(data) {
    const all = select(data, (_, h) => !h);
    if (count(all) === 0) {
        throw new AppError('EMPTY_RESULT', 'no training trials: every trial is held out or there are none', {
            field: 'sessions.heldOut'
        });
    }
    const isStim = (o) => o === OUTCOME.Hit || o === OUTCOME.Miss;
    const stim = select(data, (o, h) => !h && isStim(o));
    const ctch = select(data, (o, h) => !h && !isStim(o));
    const cycle = [{ name: 'all', trials: all }];
    if (count(stim) > 0 && count(ctch) > 0) {
        cycle.push({ name: 'stimulus', trials: stim }, { name: 'catch', trials: ctch });
    }
    return cycle;
}
/** Held-out trial indices per session. */
export function heldOutTrials(data) {
    return select(data, (_, h) => h);
}
/** B stimuli drawn uniformly with replacement from the stimuli of the given trials (pooled over sessions). */
export function drawStimuli(data, trials, B, rng) {
    const pool = [];
    trials.forEach((set, s) => {
        for (let q = 0; q < set.length; q++)
            pool.push(data.sessions[s].stimulus[set[q]]);
    });
    const out = new Float32Array(B);
    if (pool.length === 0)
        return out;
    for (let b = 0; b < B; b++)
        out[b] = pool[rng.int(pool.length)];
    return out;
}

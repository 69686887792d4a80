// Grouping of generated and recorded trials by stimulus condition, so that metrics compare like with like.
/** Trial indices grouped by stimulus value, in first-seen order. `idx` restricts to those trials (default all). */
export function byStimulus(stimulus, idx) {
    const groups = new Map();
    const n = idx ? idx.length : stimulus.length;
    for (let i = 0; i < n; i++) {
        const k = idx ? idx[i] : i;
        const c = stimulus[k];
        const list = groups.get(c) ?? [];
        list.push(k);
        groups.set(c, list);
    }
    return new Map([...groups].map(([c, l]) => [c, Int32Array.from(l)]));
}
/** The training trials (heldOut = 0) of a session. */
export function trainingTrials(heldOut) {
    return Int32Array.from({ length: heldOut.length }, (_, k) => k).filter((k) => heldOut[k] === 0);
}
/** Rows `pick` (positions) of `from`. */
export function pickRows(from, pick) {
    return Int32Array.from({ length: pick.length }, (_, i) => from[pick[i]]);
}

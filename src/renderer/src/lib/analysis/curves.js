// Joins fetched (decimated) loss curves with live points pushed after them, for the live loss chart.
const terms = ['total', 'psth', 'trial', 'reg'];
/**
 * Fetched curves followed by the live points whose step is beyond the last fetched step (null → NaN).
 * Steps stay strictly increasing, so the chart never draws backwards.
 */
export function mergeCurves(fetched, live) {
    const last = fetched && fetched.step.length ? fetched.step[fetched.step.length - 1] : -Infinity;
    const liveIdx = [];
    let prev = last;
    if (live) {
        for (let i = 0; i < live.step.length; i++) {
            const s = live.step[i];
            if (s > prev) {
                liveIdx.push(i);
                prev = s;
            }
        }
    }
    const nf = fetched?.step.length ?? 0;
    const n = nf + liveIdx.length;
    const out = { step: new Float64Array(n), total: new Float64Array(n), psth: new Float64Array(n), trial: new Float64Array(n), reg: new Float64Array(n) };
    for (let i = 0; i < nf; i++) {
        out.step[i] = fetched?.step[i];
        for (const t of terms)
            out[t][i] = fetched?.[t][i] ?? NaN;
    }
    liveIdx.forEach((j, k) => {
        out.step[nf + k] = live?.step[j];
        for (const t of terms)
            out[t][nf + k] = live?.[t][j] ?? NaN;
    });
    return out;
}

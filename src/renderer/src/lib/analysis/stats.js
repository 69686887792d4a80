// Small statistics for the behaviour view: binomial intervals and lick tallies per stimulus condition.
/** Normal-approximation 95 % interval of a proportion p from n trials, clipped to [0, 1] (as the reference's 1.96·√(p(1−p)/n)). */
export function binomialCi(p, n) {
    if (!(n > 0) || !Number.isFinite(p))
        return [NaN, NaN];
    const h = 1.96 * Math.sqrt((p * (1 - p)) / n);
    return [Math.max(0, p - h), Math.min(1, p + h)];
}
/** Lick counts of generated trials per stimulus condition (ascending), from lick flags (1 = lick). */
export function lickByStimulus(lick, stimulus) {
    const m = new Map();
    const n = Math.min(lick.length, stimulus.length);
    for (let i = 0; i < n; i++) {
        const s = stimulus[i];
        const t = m.get(s) ?? { trials: 0, licks: 0 };
        t.trials++;
        if (lick[i] > 0)
            t.licks++;
        m.set(s, t);
    }
    return [...m.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([stimulus, t]) => ({ stimulus, ...t, fraction: t.licks / t.trials }));
}

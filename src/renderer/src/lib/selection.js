// Which dataset/run a view shows when the URL names none or a stale one (pure, unit-tested).
/** The run named in the URL if it exists, else the first (newest) candidate, else null. */
export function pickRun(candidates, wanted) {
    return candidates.find((r) => r.id === wanted) ?? candidates[0] ?? null;
}
/** Same rule for datasets. */
export const pickDataset = pickRun;
/** Display labels for runs: the name, plus the last 6 id characters where two runs share a name. */
export function runLabels(runs) {
    const counts = new Map();
    for (const r of runs)
        counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
    return runs.map((r) => ((counts.get(r.name) ?? 0) > 1 ? `${r.name} (${r.runId.slice(-6)})` : r.name));
}

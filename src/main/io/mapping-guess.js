// The automatic mapping guess shown to the user: area column, outcome column and value map, alignment, stimulus.
import { defaultBinning } from '@shared/domain/dataset';
import { AREA_COLUMNS, OUTCOME_COLUMNS, STIMULUS_COLUMNS, alignScore, guessOutcome } from './guess-rules';
const MAX_DISTINCT = 50;
const ONE_HOT = /^(hit|miss|cr|fa)(_?indices|_?trials?)?$/i;
function findCi(names, wanted) {
    const lower = new Map(names.map((n) => [n.toLowerCase(), n]));
    for (const w of wanted) {
        const hit = lower.get(w.toLowerCase());
        if (hit !== undefined)
            return hit;
    }
    return undefined;
}
function distinct(values) {
    return [...new Set(values)].sort();
}
/** Union of distinct values per text column (and the one-hot group), over all sessions. */
function outcomeValues(trials) {
    const out = {};
    for (const t of trials) {
        for (const [name, c] of Object.entries(t.columns)) {
            if (!Array.isArray(c))
                continue;
            const set = (out[name] ??= new Set());
            for (const v of c)
                set.add(v);
        }
        const oneHot = Object.keys(t.columns).filter((n) => ONE_HOT.test(n) && t.columns[n] instanceof Float64Array);
        if (oneHot.length >= 2)
            out[oneHot.join('|')] = new Set([...oneHot, 'none']);
    }
    return Object.fromEntries(Object.entries(out).filter(([, s]) => s.size <= MAX_DISTINCT).map(([k, s]) => [k, distinct([...s])]));
}
/** Median spacing of trial starts, s (NaN with fewer than two trials). */
function medianSpacing(t) {
    const d = [];
    for (let i = 1; i < t.n; i++)
        d.push(t.startTime[i] - t.startTime[i - 1]);
    d.sort((a, b) => a - b);
    return d.length ? d[d.length >> 1] : NaN;
}
/**
 * Guesses a mapping for the sessions of one file. The binning is the default (2 ms, −0.2..+1.2 s) unless the file
 * suggests its own (trials-table `rsnn_binning` attribute).
 */
export function guessMapping(sessions) {
    const warnings = sessions.flatMap((s) => s.warnings);
    const trials = sessions.map((s) => s.trials).filter((t) => t !== null);
    const first = sessions[0];
    const areaKeys = first ? Object.keys(first.units.areaSources) : [];
    const usable = areaKeys.filter((k) => sessions.some((s) => (s.units.areaSources[k] ?? []).some((v) => v !== '')));
    const hint = trials.find((t) => t.binningHint)?.binningHint;
    const guess = { binning: hint ?? defaultBinning };
    const area = findCi(usable, [...AREA_COLUMNS, 'brainRegion']);
    if (area !== undefined)
        guess.areaColumn = area;
    else
        warnings.push('no brain-area column found: set one, or a constant area with "=NAME"');
    const values = outcomeValues(trials);
    const trialColumns = distinct(trials.flatMap((t) => Object.keys(t.columns)));
    if (trials.length === 0)
        warnings.push('no trials table: the file has units but no trials to bin');
    else {
        const textCols = Object.keys(values).filter((k) => !k.includes('|'));
        const outcomeCol = findCi(textCols, OUTCOME_COLUMNS) ?? Object.keys(values).find((k) => k.includes('|'));
        if (outcomeCol !== undefined) {
            guess.outcomeColumn = outcomeCol;
            guess.outcomeMap = Object.fromEntries((values[outcomeCol] ?? []).map((v) => [v, guessOutcome(v)]));
        }
        else
            warnings.push('no outcome column found: every trial will count as Hit unless you choose one');
        const timeCols = distinct(trials.flatMap((t) => t.timeColumns));
        const align = [...timeCols].sort((a, b) => alignScore(a) - alignScore(b))[0];
        if (align !== undefined)
            guess.align = align;
        // A constant column (e.g. stim_present all 0) says nothing about the condition: fall back to the outcome.
        const varies = (c) => new Set(trials.flatMap((t) => { const v = t.columns[c]; return v instanceof Float64Array ? Array.from(v) : []; })).size > 1;
        const numeric = trialColumns.filter((c) => trials.some((t) => t.columns[c] instanceof Float64Array) && varies(c));
        const stim = findCi(numeric, STIMULUS_COLUMNS);
        if (stim !== undefined)
            guess.stimulusColumn = stim;
        const spacing = Math.min(...trials.map(medianSpacing));
        const b = guess.binning ?? defaultBinning;
        if (spacing < b.stop - b.start) {
            warnings.push(`trials are ${spacing.toFixed(3)} s apart (median) but the window is ${(b.stop - b.start).toFixed(3)} s: windows overlap`);
        }
    }
    const unitColumns = distinct([...(first?.units.columns ?? []), ...areaKeys]);
    const behaviourSeries = distinct(sessions.flatMap((s) => Object.keys(s.behaviour)));
    return { guess, unitColumns, trialColumns, outcomeValues: values, behaviourSeries, warnings: [...new Set(warnings)] };
}

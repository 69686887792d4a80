// Applies the trial part of a mapping: outcome labels (text or one-hot columns), outcome map, stimulus, alignment.
import { AppError } from '@shared/contract/errors';
import { guessOutcome } from './guess-rules';
/**
 * Outcome label of every trial. `column` is a text/numeric column, or one-hot columns joined by '|'
 * (label = name of the first column that is non-zero, 'none' when all are zero).
 */
export function outcomeLabels(trials, column, file) {
    const names = column.split('|').map((s) => s.trim());
    for (const n of names) {
        if (!(n in trials.columns)) {
            throw new AppError('FIELD_MISSING', `outcome column "${n}" is not in the trials table (columns: ${Object.keys(trials.columns).join(', ')})`, {
                file,
                field: `${trials.path}/${n}`
            });
        }
    }
    if (names.length === 1) {
        const c = trials.columns[names[0]];
        return Array.isArray(c) ? c : Array.from(c, (v) => String(v));
    }
    const cols = names.map((n) => trials.columns[n]);
    return Array.from({ length: trials.n }, (_, k) => {
        const hit = cols.findIndex((c) => (c instanceof Float64Array ? c[k] !== 0 && Number.isFinite(c[k]) : c?.[k] === 'true'));
        return hit >= 0 ? names[hit] : 'none';
    });
}
/** Target of a label: the map's entry, else the label itself when it names an outcome, else the meaning guess. */
export function outcomeTarget(label, map) {
    const m = map?.[label];
    if (m !== undefined)
        return m;
    return guessOutcome(label);
}
/** Numeric column (e.g. alignment or stimulus) or FIELD_MISSING naming the trials table path. */
export function numericColumn(trials, name, file, role) {
    const c = trials.columns[name];
    if (!(c instanceof Float64Array)) {
        const why = c === undefined ? 'is not in the trials table' : 'is not numeric';
        throw new AppError('FIELD_MISSING', `${role} column "${name}" ${why} (columns: ${Object.keys(trials.columns).join(', ')})`, {
            file,
            field: `${trials.path}/${name}`
        });
    }
    return c;
}

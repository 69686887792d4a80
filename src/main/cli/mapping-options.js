// The mapping step's CLI flags (--area-column, --outcome-column, --outcome-map, --align, --window, --dt).
import { AppError } from '@shared/contract/errors';
import { defaultBinning } from '@shared/domain/dataset';
import { outcomeTargets } from '@shared/domain/import-mapping';
import { numberOption } from './args';
export const mappingOptions = {
    'area-column': { type: 'string' },
    'outcome-column': { type: 'string' },
    'outcome-map': { type: 'string' },
    align: { type: 'string' },
    'stimulus-column': { type: 'string' },
    window: { type: 'string' },
    dt: { type: 'string' }
};
/** `Hit=correct,Miss=no response,exclude=early` → {correct: 'Hit', 'no response': 'Miss', early: 'exclude'}. */
export function parseOutcomeMap(text) {
    const out = {};
    for (const part of text.split(',')) {
        const eq = part.indexOf('=');
        const target = part.slice(0, eq).trim();
        const value = part.slice(eq + 1).trim();
        if (eq < 0 || !outcomeTargets.includes(target) || value === '') {
            throw new AppError('INVALID_INPUT', `"${part}" is not OUTCOME=value with OUTCOME one of ${outcomeTargets.join(', ')}`, {
                field: '--outcome-map'
            });
        }
        out[value] = target;
    }
    return out;
}
/** Only the flags given end up in the mapping (the importer guesses the rest), so equal flags hash equally. */
export function mappingFromArgs(v) {
    const m = {};
    const str = (k) => (typeof v[k] === 'string' ? v[k] : undefined);
    if (str('area-column'))
        m.areaColumn = str('area-column');
    if (str('outcome-column'))
        m.outcomeColumn = str('outcome-column');
    if (str('outcome-map'))
        m.outcomeMap = parseOutcomeMap(str('outcome-map'));
    if (str('align'))
        m.align = str('align');
    if (str('stimulus-column'))
        m.stimulusColumn = str('stimulus-column');
    const win = str('window');
    const dt = str('dt');
    if (win !== undefined || dt !== undefined) {
        let { start, stop } = defaultBinning;
        if (win !== undefined) {
            const parts = win.split(',');
            if (parts.length !== 2)
                throw new AppError('INVALID_INPUT', `"${win}" is not START,STOP in seconds`, { field: '--window' });
            start = numberOption(parts[0], '--window');
            stop = numberOption(parts[1], '--window');
            if (!(stop > start))
                throw new AppError('INVALID_INPUT', 'the window must end after it starts', { field: '--window' });
        }
        const step = dt === undefined ? defaultBinning.dt : numberOption(dt, '--dt');
        if (!(step > 0 && step <= 0.1))
            throw new AppError('INVALID_INPUT', 'dt must be in (0, 0.1] s', { field: '--dt' });
        m.binning = { dt: step, start, stop };
    }
    return m;
}

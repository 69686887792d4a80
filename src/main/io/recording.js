// Public entry points over any supported file: load (raw), inspect (mapping guess), read (mapped, binned sessions).
import { AppError } from '@shared/contract/errors';
import { buildSession } from './build-session';
import { detectFormat } from './detect-format';
import { withH5 } from './h5/h5lib';
import { guessMapping } from './mapping-guess';
import { readMat } from './mat/read-mat';
import { readNwb } from './nwb/read-nwb';
import { readSessionsOpen } from './rsnn-h5/read';
import { sessionsToRaw } from './rsnn-h5/to-raw';
/** Reads a file into the format-neutral RawRecording (units with spike times, trials, behaviour), no mapping. */
export function loadRecording(file) {
    return withH5(file, (f, header) => {
        const format = detectFormat(f, header, file);
        if (format === 'nwb')
            return readNwb(f, file);
        if (format === 'mat-v7.3')
            return readMat(f, file);
        return { file, format, sessions: sessionsToRaw(readSessionsOpen(f)), warnings: [] };
    });
}
/** Detects the format and guesses a mapping for the user to confirm (see MappingGuess). */
export async function inspectRecording(file) {
    const rec = await loadRecording(file);
    const parts = guessMapping(rec.sessions);
    return { file, format: rec.format, ...parts, warnings: [...rec.warnings, ...parts.warnings] };
}
/**
 * Reads and bins every session of `file` with `mapping` (missing fields: the automatic guess).
 * Sessions without trials are skipped with a warning; EMPTY_RESULT when none is left.
 */
export async function readRecordingReport(file, mapping, onProgress) {
    onProgress?.(0, 'reading');
    const rec = await loadRecording(file);
    const sessions = [];
    const warnings = [...rec.warnings];
    const n = rec.sessions.length;
    let lastError = null;
    for (const [i, raw] of rec.sessions.entries()) {
        onProgress?.(0.2 + (0.8 * i) / n, `binning ${raw.name}`);
        if (n > 1 && (!raw.trials || raw.trials.n === 0)) {
            warnings.push(`session "${raw.name}" has no trials; skipped`);
            continue;
        }
        try {
            const built = buildSession(raw, mapping);
            sessions.push(built.session);
            warnings.push(...built.warnings);
        }
        catch (err) {
            // One session of several that the mapping empties is skipped; a single-session file reports the error.
            if (n === 1 || !(err instanceof AppError) || err.code !== 'EMPTY_RESULT')
                throw err;
            warnings.push(err.message);
            lastError = err;
        }
    }
    if (sessions.length === 0) {
        throw lastError ?? new AppError('EMPTY_RESULT', 'no session has trials to bin', { file });
    }
    onProgress?.(1, 'done');
    return { sessions, warnings: [...new Set(warnings)] };
}
/** Reads and bins every session of `file` (see readRecordingReport). */
export async function readRecording(file, mapping, onProgress) {
    return (await readRecordingReport(file, mapping, onProgress)).sessions;
}

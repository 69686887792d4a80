// The user's mapping step: which columns give area/outcome, which event aligns trials, binning window.
import { z } from 'zod';
import { binningSchema } from './dataset';
export const outcomeTargets = ['Hit', 'Miss', 'CR', 'FA', 'exclude'];
export const importMappingSchema = z.object({
    /** Units column (or 'electrodes.location' / 'peak_channel_id' joins) giving the brain area. */
    areaColumn: z.string().optional(),
    /** Trials column giving the outcome (text column, or one-hot columns joined by '|'). */
    outcomeColumn: z.string().optional(),
    /** Source value → outcome, e.g. {correct: 'Hit', 'no response': 'Miss', 'early lick': 'exclude'}. */
    outcomeMap: z.record(z.string(), z.enum(outcomeTargets)).optional(),
    /** Trials column with the alignment event time (absolute or relative to start_time). */
    align: z.string().optional(),
    /** Trials column giving the stimulus condition code. */
    stimulusColumn: z.string().optional(),
    binning: binningSchema.optional()
});
/** What the importer detected and guessed, shown to the user before import. */
export const mappingGuessSchema = z.object({
    file: z.string(),
    format: z.enum(['nwb', 'mat-v7.3', 'rsnn-h5']),
    unitColumns: z.array(z.string()),
    trialColumns: z.array(z.string()),
    outcomeValues: z.record(z.string(), z.array(z.string())),
    behaviourSeries: z.array(z.string()),
    guess: importMappingSchema,
    warnings: z.array(z.string())
});

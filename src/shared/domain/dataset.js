// Dataset domain: recording sessions, units, trials, binned arrays. Shared by io, store, engine and UI.
import { z } from 'zod';
/** Trial outcomes of the detection task (spec/data.md). Anything else is excluded at import. */
export const outcomes = ['Hit', 'Miss', 'CR', 'FA'];
export const outcomeSchema = z.enum(outcomes);
/** Putative cell type: excitatory, inhibitory, or unknown (treated as excitatory when fitting). */
export const unitTypes = ['E', 'I', 'unknown'];
export const unitInfoSchema = z.object({
    /** Id as written in the source file (unique within a session only). */
    sourceId: z.number(),
    area: z.string(),
    type: z.enum(unitTypes),
    /** Mean firing rate over the whole recording, Hz. */
    firingRateHz: z.number()
});
export const trialInfoSchema = z.object({
    /** Row in the source trials table. */
    sourceIndex: z.number().int(),
    outcome: outcomeSchema,
    /** Stimulus condition code (e.g. amplitude 0–4; 0 = no stimulus / catch trial). */
    stimulus: z.number(),
    /** Absolute time (s) of the alignment event in the session clock. */
    alignTime: z.number()
});
/** Binning parameters: window relative to the alignment event, bin width. All in seconds. */
export const binningSchema = z.object({
    dt: z.number().positive().max(0.1),
    start: z.number(),
    stop: z.number()
});
export const defaultBinning = { dt: 0.002, start: -0.2, stop: 1.2 };
/** Number of bins of a window: round((stop − start)/dt). */
export function binCount(b) {
    return Math.round((b.stop - b.start) / b.dt);
}
export const sessionSummarySchema = z.object({
    name: z.string(),
    sourceFile: z.string(),
    unitsPerArea: z.record(z.string(), z.number().int()),
    trialsPerOutcome: z.object({ Hit: z.number().int(), Miss: z.number().int(), CR: z.number().int(), FA: z.number().int() }),
    window: z.object({ start: z.number(), stop: z.number(), dt: z.number() }),
    nUnits: z.number().int(),
    nTrials: z.number().int(),
    behaviour: z.array(z.string())
});
export const datasetSummarySchema = z.object({
    id: z.string(),
    name: z.string(),
    sessions: z.number().int(),
    areas: z.array(z.string()),
    nUnits: z.number().int(),
    nTrials: z.number().int(),
    createdAt: z.string(),
    hasBehaviour: z.boolean()
});

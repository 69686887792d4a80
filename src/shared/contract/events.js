// Push events main → renderer (Electron webContents.send / WS in browser mode).
import { z } from 'zod';
import { fitsEvents } from './fits-events';
export const eventSchemas = {
    'import.progress': z.object({ file: z.string(), fraction: z.number(), stage: z.string() }),
    /** The dataset list changed (another window or the CLI may have caused it). */
    'datasets.changed': z.object({ id: z.string(), change: z.enum(['imported', 'renamed', 'deleted']) }),
    ...fitsEvents
};

// fit.* push events: live progress, checkpoints and the three ways a fit ends.
import { z } from 'zod'
import { appErrorSchema } from './errors'
import { metricsSchema, fitProgressSchema, stopReasons } from '../domain/fit'

export const fitsEvents = {
  /** At most 10 per second per run, plus one on every evaluation, pause and resume. */
  'fit.progress': fitProgressSchema,
  'fit.checkpoint': z.object({
    runId: z.string(),
    step: z.number().int(),
    /** Held-out loss and T'trial of the evaluation at this step (null: none here); isBest: the best T'trial so far. */
    evalLoss: z.number().nullable(),
    tTrial: z.number().nullable(),
    isBest: z.boolean()
  }),
  'fit.finished': z.object({
    runId: z.string(),
    step: z.number().int(),
    reason: z.enum(stopReasons),
    metrics: metricsSchema.nullable()
  }),
  'fit.failed': z.object({ runId: z.string(), step: z.number().int(), error: appErrorSchema }),
  'fit.cancelled': z.object({ runId: z.string(), step: z.number().int(), checkpointStep: z.number().int() })
}

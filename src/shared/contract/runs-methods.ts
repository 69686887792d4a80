// runs.* methods: start (a fit), pause, resume, cancel, rename, list, get (curves, metrics, events), evaluate
// (held-out metrics of a checkpoint) and delete runs.
import { z } from 'zod'
import { method } from './define'
import { fitConfigSchema } from '../domain/model-config'
import { metricsSchema, runDetailSchema, runSummarySchema } from '../domain/fit'
import { fitPlanSchema } from '../domain/fit-plan'

const runRef = z.object({ id: z.string().min(1) })

const startInput = z.object({
  datasetId: z.string().min(1),
  name: z.string().max(200).optional(),
  config: fitConfigSchema.optional(),
  /** Overrides config.optim.steps. */
  steps: z.number().int().min(1).max(10_000_000).optional(),
  /** Wall-clock budget, minutes (the fit stops, checkpointed, when it is spent). */
  minutes: z
    .number()
    .positive()
    .max(60 * 24 * 30)
    .optional(),
  /** Overrides config.optim.seed. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** Lines stored with the run as events (e.g. why its smoothing and time step were chosen). */
  notes: z.array(z.string().max(1000)).max(10).optional()
})

export const runsMethods = {
  /** Start a fit of a stored dataset. Settings left out take their defaults (model-config.ts). */
  'runs.start': method(startInput, runSummarySchema),
  /**
   * What a fit with these settings will really use (neurons per area and why, batch, steps or time budget, time
   * step, trials), its expected time per step and duration, its automatic changes and small-data warnings.
   */
  'runs.plan': method(startInput.omit({ name: true, notes: true }), fitPlanSchema),
  /** Pause a running fit (it checkpoints first, so nothing is lost if the app is closed while paused). */
  'runs.pause': method(runRef, runSummarySchema),
  /** Continue a paused fit, or restart an interrupted/cancelled/failed one from its last usable checkpoint. */
  'runs.resume': method(
    runRef.extend({
      /** New step target (e.g. to continue a completed fit). */
      steps: z.number().int().min(1).max(10_000_000).optional(),
      /** Wall-clock budget of this resumed session, minutes. */
      minutes: z
        .number()
        .positive()
        .max(60 * 24 * 30)
        .optional()
    }),
    runSummarySchema
  ),
  'runs.cancel': method(runRef, runSummarySchema),
  'runs.rename': method(runRef.extend({ name: z.string().trim().min(1).max(200) }), runSummarySchema),
  'runs.list': method(z.object({ datasetId: z.string().optional() }), z.array(runSummarySchema)),
  /** A run with its curves (decimated to at most maxPoints steps), evaluations, events and checkpoints. */
  'runs.get': method(runRef.extend({ maxPoints: z.number().int().min(2).max(1_000_000).optional() }), runDetailSchema),
  /**
   * Held-out metrics of a run at its best (highest held-out T'trial) or newest checkpoint: the stored evaluation,
   * or with `recompute` evaluated again from the checkpoint file (the same numbers as the fit).
   */
  'runs.evaluate': method(
    runRef.extend({ checkpoint: z.enum(['best', 'last']).default('best'), recompute: z.boolean().default(false) }),
    z.object({ step: z.number().int(), metrics: metricsSchema })
  ),
  /** Delete a run, its curves and its checkpoint files (a running fit is cancelled first). */
  'runs.delete': method(runRef, z.object({ deleted: z.boolean() }))
}

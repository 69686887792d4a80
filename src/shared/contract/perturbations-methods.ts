// perturbations.* methods: in-silico optogenetics experiments on a run (start with progress events, cancel, list, get).
import { z } from 'zod'
import {
  experimentRequestSchema,
  experimentResultSchema,
  experimentSummarySchema,
  namedWindowSchema
} from '../domain/perturbation-experiment'
import { method } from './define'
import { appErrorSchema } from './errors'

export const perturbationsMethods = {
  /** Starts an experiment in the background; progress comes as perturb.progress events, the end as perturb.ended. */
  'perturbations.start': method(experimentRequestSchema, experimentSummarySchema),
  'perturbations.cancel': method(z.object({ id: z.string().min(1) }), z.object({ cancelled: z.boolean() })),
  /** The experiments stored with a run, newest first. */
  'perturbations.list': method(z.object({ runId: z.string().min(1) }), z.array(experimentSummarySchema)),
  'perturbations.get': method(
    z.object({ id: z.string().min(1) }),
    z.object({ summary: experimentSummarySchema, result: experimentResultSchema.nullable() })
  ),
  /** The run's areas and its standard task windows (baseline, stimulus, delay, response), for the experiment form. */
  'perturbations.setup': method(
    z.object({ runId: z.string().min(1) }),
    z.object({
      areas: z.array(z.string()),
      windows: z.array(namedWindowSchema),
      trialStartS: z.number(),
      trialEndS: z.number(),
      hasRecordedPerturbations: z.boolean()
    })
  )
}

export const perturbationsEvents = {
  'perturb.progress': z.object({ id: z.string(), runId: z.string(), fraction: z.number(), stage: z.string() }),
  'perturb.ended': z.object({
    id: z.string(),
    runId: z.string(),
    status: z.enum(['completed', 'cancelled', 'failed']),
    /** Why it did not complete, with its code (CANCELLED when cancelled); null when completed. */
    error: appErrorSchema.nullable()
  })
}

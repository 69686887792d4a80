// comparisons.* methods: the data behind the analysis views (computed in main, cached per run + checkpoint).
import { z } from 'zod'
import {
  behaviourSchema,
  checkpointRefSchema,
  comparisonRequestSchema,
  connectivitySchema,
  comparedRunSchema,
  variabilitySchema
} from '../domain/comparison'
import { inputCurrentsRequestSchema, inputCurrentsSchema } from '../domain/input-currents'
import { method } from './define'

export const comparisonsMethods = {
  /** Trial variability: single-trial activity per area, matched pairs, features, PCA embedding, T'trial. */
  'comparisons.variability': method(comparisonRequestSchema, variabilitySchema),
  /** Behaviour: jaw mean ± sd per outcome, matched single trials, trial-type mix, lick classification. */
  'comparisons.behaviour': method(comparisonRequestSchema, behaviourSchema),
  /** Connectivity: area-to-area mean E and I weights and the weight distribution. */
  'comparisons.connectivity': method(
    z.object({ runId: z.string().min(1), checkpoint: checkpointRefSchema.default('best') }),
    connectivitySchema
  ),
  /** Area-to-area input currents per task period and trial type (generated trials), e.g. Hit vs Miss. */
  'comparisons.inputCurrents': method(inputCurrentsRequestSchema, inputCurrentsSchema),
  /** Curves and metrics of several runs, for side-by-side comparison. */
  'comparisons.runs': method(
    z.object({ runIds: z.array(z.string().min(1)).min(1).max(20) }),
    z.object({ runs: z.array(comparedRunSchema) })
  )
}

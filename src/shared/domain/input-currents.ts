// Area-to-area input currents per task period, per trial type (Connectivity view): the request and its payload.
import { z } from 'zod'
import { checkpointRefSchema } from './comparison'
import { outcomeSchema } from './dataset'
import { conditionLabelsSchema } from './conditions'
import { namedWindowSchema } from './perturbation-experiment'

const f32 = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array')

export const inputCurrentsRequestSchema = z.object({
  runId: z.string().min(1),
  checkpoint: checkpointRefSchema.default('best'),
  /** Generated trials (the recorded trials' stimulus mix), classified like the run's metrics. */
  nTrials: z.number().int().min(10).max(5000).default(400),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1)
})
export type InputCurrentsRequest = z.infer<typeof inputCurrentsRequestSchema>

export const inputCurrentsSchema = z.object({
  runId: z.string(),
  checkpointStep: z.number().int(),
  areas: z.array(z.string()),
  /** The standard task periods (baseline, stimulus, delay, response), s from the alignment event. */
  periods: z.array(namedWindowSchema),
  nTrials: z.number().int(),
  trialTypeMethod: z.string(),
  /** Per outcome with trials: [period × target area × source area], mean input per target neuron per second. */
  byOutcome: z.array(z.object({ outcome: outcomeSchema, nTrials: z.number().int(), values: f32 })),
  /** The dataset's own names of the outcome codes (absent: the detection task). */
  conditionLabels: conditionLabelsSchema.optional()
})
export type InputCurrents = z.infer<typeof inputCurrentsSchema>

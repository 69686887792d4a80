// timescale.* methods: the data's split-half ceilings by smoothing width and the suggested loss smoothing and
// model time step for given model time constants (shared/domain/timescale.ts).
import { z } from 'zod'
import { method } from './define'
import { ceilingPointSchema, timescaleSuggestionSchema } from '../domain/timescale'

export const timescaleMethods = {
  /**
   * Ceilings of a stored dataset by smoothing width (computed once, then cached with it) and the suggestion for
   * these membrane time constants; `filterMs` given = that smoothing is kept and only dt is chosen.
   */
  'timescale.suggest': method(
    z.object({
      id: z.string().min(1),
      tauExcMs: z.number().positive().max(1000).optional(),
      tauInhMs: z.number().positive().max(1000).optional(),
      filterMs: z.number().positive().max(200).optional()
    }),
    z.object({
      ceilings_by_smoothing: z.array(ceilingPointSchema),
      /** The dataset's bin width as imported, ms. */
      dataDtMs: z.number(),
      suggestion: timescaleSuggestionSchema.nullable()
    })
  )
}

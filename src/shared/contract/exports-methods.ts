// exports.* methods: fitted model → HDF5 (+ JSON sidecar), generated trials → NWB, model file → run.
import { z } from 'zod'
import { checkpointRefSchema } from '../domain/comparison'
import { sessionMetadataSchema } from '../domain/session-metadata'
import { method } from './define'

/** An absolute or working-directory-relative path on the machine that runs main. */
const outPath = z.string().min(1)

export const exportModelResultSchema = z.object({
  path: z.string(),
  sidecarPath: z.string(),
  bytes: z.number().int(),
  checkpointStep: z.number().int(),
  parameters: z.array(z.string())
})
export type ExportModelResult = z.infer<typeof exportModelResultSchema>

export const exportTrialsResultSchema = z.object({
  path: z.string(),
  bytes: z.number().int(),
  checkpointStep: z.number().int(),
  nTrials: z.number().int(),
  nUnits: z.number().int(),
  /** Generated trials per stimulus condition, keyed by the condition code as text. */
  perCondition: z.record(z.string(), z.number().int()),
  /** Session metadata written (carried from the recordings, overlaid with the request's). */
  metadata: sessionMetadataSchema,
  /** What the file lacks or leaves out (no subject in the recordings, sessions that disagree…). */
  warnings: z.array(z.string())
})
export type ExportTrialsResult = z.infer<typeof exportTrialsResultSchema>

export const importModelResultSchema = z.object({
  runId: z.string(),
  datasetId: z.string(),
  step: z.number().int(),
  /** Warnings about the import (e.g. app version differs). */
  warnings: z.array(z.string())
})
export type ImportModelResult = z.infer<typeof importModelResultSchema>

export const exportsMethods = {
  'exports.model': method(
    z.object({
      runId: z.string().min(1),
      path: outPath,
      checkpoint: checkpointRefSchema.default('best'),
      /** Overwrite an existing file of the same name. */
      force: z.boolean().default(false)
    }),
    exportModelResultSchema
  ),
  'exports.trials': method(
    z.object({
      runId: z.string().min(1),
      path: outPath,
      checkpoint: checkpointRefSchema.default('best'),
      /** Generated trials per stimulus condition of the dataset. */
      nPerCondition: z.number().int().min(1).max(5000).default(50),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(1),
      force: z.boolean().default(false),
      /** Subject, experimenter, lab… to write where the recordings have none (wins over theirs). */
      metadata: sessionMetadataSchema.optional()
    }),
    exportTrialsResultSchema
  ),
  'exports.importModel': method(
    z.object({ path: z.string().min(1), name: z.string().min(1).optional() }),
    importModelResultSchema
  )
}

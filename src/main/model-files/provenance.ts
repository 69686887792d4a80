// Provenance of an exported model: where it came from (app, engine, data, run, seed, steps, metrics, dates).
import { z } from 'zod'
import { runSweepSchema } from '@shared/domain/sweep'

export const provenanceSchema = z.object({
  app: z.literal('rsnn-studio'),
  appVersion: z.string(),
  engineBackend: z.object({ name: z.string(), threads: z.number().int() }),
  runId: z.string(),
  runName: z.string().optional(),
  datasetId: z.string(),
  datasetName: z.string().optional(),
  /** Content hash of the dataset in the store (source files + import mapping): finds it again on import. */
  datasetContentHash: z.string(),
  /** Content hash (sha256 hex) of every source file of the dataset, with the session it gave. */
  datasetHashes: z.array(z.object({ session: z.string(), sourceFile: z.string(), sha256: z.string() })),
  seed: z.number().int(),
  /** Optimiser steps of the exported checkpoint. */
  steps: z.number().int(),
  /** Held-out metrics of the exported checkpoint (engine Metrics), or null when none were computed. */
  metrics: z.record(z.string(), z.unknown()).nullable(),
  /** When the run started and when this file was written (ISO 8601). */
  runStartedAt: z.string().optional(),
  exportedAt: z.string(),
  /** For a file the app ships (the fitted example): the command and settings that made it, and what was fixed. */
  madeBy: z.string().optional(),
  /** The sweep task that produced the run: index, parameters, host, Slurm job / array ids. */
  sweep: runSweepSchema.optional()
})
export type Provenance = z.infer<typeof provenanceSchema>

/** Recorded units the model neurons link to: per session its name, source file and unit source ids. */
export const recordedSessionsSchema = z.array(
  z.object({ name: z.string(), sourceFile: z.string(), unitSourceIds: z.array(z.number()) })
)
export type RecordedSessions = z.infer<typeof recordedSessionsSchema>

/** The held-out split of each session the model was fitted with (same shape as the store's SessionSplit). */
export const splitSchema = z.array(
  z.object({
    session: z.string(),
    nTrials: z.number().int(),
    heldOut: z.array(z.number().int()),
    excluded: z.array(z.number().int())
  })
)
export type Split = z.infer<typeof splitSchema>

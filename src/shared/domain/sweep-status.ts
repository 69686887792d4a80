// A sweep's state as `sweep-status`, `merge` and the Library report it: per task, the scheduler's view (Slurm)
// and the task store's (step, held-out metrics) together.
import { z } from 'zod'
import { metricsSchema } from './fit'
import { sweepParamsSchema } from './sweep'

/** `not-submitted`: written but never queued; `interrupted`: its process died (resumable from a checkpoint). */
export const sweepTaskStatuses = [
  'not-submitted',
  'pending',
  'running',
  'completed',
  'failed',
  'timed-out',
  'cancelled',
  'interrupted'
] as const
export type SweepTaskStatus = (typeof sweepTaskStatuses)[number]

/** Statuses `sweep --resume` runs again (from the task's checkpoints). */
export const rerunSweepStatuses: readonly SweepTaskStatus[] = ['failed', 'timed-out', 'cancelled', 'interrupted']

export const sweepTaskStateSchema = z.object({
  index: z.number().int(),
  status: z.enum(sweepTaskStatuses),
  params: sweepParamsSchema,
  /** The task's run in its own store, once started. */
  run: z.string().nullable(),
  step: z.number().int().nullable(),
  targetSteps: z.number().int(),
  /** Latest held-out metrics of the task's run. */
  metrics: metricsSchema.nullable(),
  /** Scheduler id of the task (`12_3`), when submitted to Slurm. */
  jobId: z.string().nullable(),
  /** Why it failed, when known. */
  error: z.string().nullable()
})
export type SweepTaskState = z.infer<typeof sweepTaskStateSchema>

export const sweepSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The sweep folder. */
  dir: z.string(),
  mode: z.enum(['local', 'slurm']),
  createdAt: z.string(),
  /** Axis paths, in the sweep file's order (the parameter columns). */
  axes: z.array(z.string()),
  tasks: z.array(sweepTaskStateSchema),
  /** Tasks per status. */
  counts: z.record(z.string(), z.number().int()),
  /** Null when the folder cannot be read (moved, deleted): the reason. */
  problem: z.string().nullable()
})
export type SweepSummary = z.infer<typeof sweepSummarySchema>

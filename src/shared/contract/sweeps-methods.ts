// sweeps.* methods: the sweeps this store knows with each task's state, writing (and submitting) a Slurm sweep
// folder from the UI, and merging completed tasks' runs into the store.
import { z } from 'zod'
import { sweepSummarySchema } from '../domain/sweep-status'
import { method } from './define'

/** Slurm names (partitions, comma-separated; accounts): nothing that could break the #SBATCH line it is written to. */
const slurmName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.+:@-]+(,[A-Za-z0-9_.+:@-]+)*$/, 'letters, digits and _ . + : @ - (partitions comma-separated)')

export const slurmOptionsSchema = z.object({
  partition: slurmName.optional(),
  time: z
    .string()
    .regex(/^(\d+-)?\d{1,3}(:\d{2}){0,2}$/, 'time as [D-]HH:MM:SS')
    .optional(),
  cpusPerTask: z.number().int().min(1).max(256).default(2),
  mem: z
    .string()
    .regex(/^\d+[KMGT]?$/, 'memory as 4G, 500M…')
    .optional(),
  account: slurmName.optional(),
  maxParallel: z.number().int().min(1).max(100_000).optional()
})

export const sweepsMethods = {
  /** Every sweep launched from or merged into this store, with each task's state. */
  'sweeps.list': method(z.object({}), z.array(sweepSummarySchema)),
  'sweeps.status': method(z.object({ dir: z.string().min(1) }), sweepSummarySchema),
  /**
   * Writes a Slurm sweep folder from a sweep file's JSON and returns the sbatch command; `submit` also submits
   * it when sbatch is on this machine.
   */
  'sweeps.launch': method(
    z.object({
      sweep: z.unknown(),
      out: z.string().min(1).optional(),
      slurm: slurmOptionsSchema.default({ cpusPerTask: 2 }),
      submit: z.boolean().default(true)
    }),
    z.object({
      dir: z.string(),
      id: z.string(),
      tasks: z.number().int(),
      script: z.string(),
      command: z.string(),
      submitted: z.object({ jobId: z.string() }).nullable(),
      /** Why it was not submitted (no Slurm on this machine, …). */
      note: z.string().nullable()
    })
  ),
  'sweeps.merge': method(
    z.object({ dir: z.string().min(1) }),
    z.object({ merged: z.number().int(), alreadyPresent: z.number().int(), notCompleted: z.number().int() })
  )
}

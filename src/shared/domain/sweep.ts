// Sweeps: many fits from one file (docs/sweeps.md). The sweep file's schema, a task of its expansion, the
// sweep record a run keeps, and a task's status as `sweep-status` and the UI report it.
import { z } from 'zod'

/** Most tasks one sweep may expand to (a typo such as `"seeds": 1e6` is refused rather than written out). */
export const MAX_SWEEP_TASKS = 10_000

const seedValue = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1)
/** A config value an axis may take (checked against the config schema at expansion). */
const axisValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.union([z.number(), z.string()]))])

/** A continuous range, for `"mode": "random"`: uniform (or log-uniform) in [min, max], rounded with `integer`. */
export const axisRangeSchema = z
  .object({ min: z.number(), max: z.number(), log: z.boolean().default(false), integer: z.boolean().default(false) })
  .strict()
  .refine((r) => r.max >= r.min, { message: 'max must be ≥ min', path: ['max'] })
  .refine((r) => !r.log || r.min > 0, { message: 'a log range needs min > 0', path: ['min'] })
export type AxisRange = z.infer<typeof axisRangeSchema>

export const sweepAxisSchema = z.union([z.array(axisValue).min(1).max(MAX_SWEEP_TASKS), axisRangeSchema])
export type SweepAxis = z.infer<typeof sweepAxisSchema>

export const sweepFileSchema = z
  .object({
    /** Shown in the Library and used in folder and job names. */
    name: z.string().trim().min(1).max(80).optional(),
    /** Datasets of the store, by name or id; every task runs on each. */
    datasets: z.array(z.string().min(1)).min(1).max(100),
    /** A partial fit config (any subset of model-config.ts), shared by every task. */
    base: z.record(z.string(), z.unknown()).default({}),
    /** Config fields by dotted path (`loss.trialCoeff`) → the values to try (or a range in random mode). */
    axes: z.record(z.string(), sweepAxisSchema).default({}),
    /** How many seeds (0…n−1), or the list of seeds; every parameter point runs with each. */
    seeds: z
      .union([z.number().int().min(1).max(MAX_SWEEP_TASKS), z.array(seedValue).min(1).max(MAX_SWEEP_TASKS)])
      .default(1),
    /** `grid`: every combination of the axes; `random`: `count` points drawn from them. */
    mode: z.enum(['grid', 'random']).default('grid'),
    count: z.number().int().min(1).max(MAX_SWEEP_TASKS).optional(),
    /** Seed of the random draw of points (the expansion is deterministic). */
    randomSeed: seedValue.default(0)
  })
  .strict()
export type SweepFile = z.infer<typeof sweepFileSchema>

/** A parameter value as recorded with a task and its run. */
export type ParamValue = z.infer<typeof axisValue>
export const sweepParamsSchema = z.record(z.string(), axisValue)

/** What a run records of the sweep task that produced it, and where it ran. */
export const runSweepSchema = z.object({
  sweepId: z.string(),
  sweepName: z.string(),
  index: z.number().int().min(0),
  /** `dataset`, each axis by its path, and `seed`. */
  params: sweepParamsSchema,
  /** Where the task last ran: host, and the Slurm job / array job / array task ids when under Slurm. */
  host: z.string().nullable(),
  slurm: z
    .object({ jobId: z.string(), arrayJobId: z.string().nullable(), arrayTaskId: z.string().nullable() })
    .nullable()
})
export type RunSweep = z.infer<typeof runSweepSchema>

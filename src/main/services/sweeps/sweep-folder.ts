// The self-contained sweep folder (docs/sweeps.md): the manifest, the dataset files, one resolved config per
// task and a store per task. Local and Slurm sweeps use the same folder; `merge` reads it back.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import { AppError } from '@shared/contract/errors'
import { fitConfigSchema, type FitConfig } from '@shared/domain/model-config'
import { sweepFileSchema, sweepParamsSchema, type SweepFile } from '@shared/domain/sweep'
import { expandSweep } from '@shared/domain/sweep-expand'

export const MANIFEST = 'sweep.json'
export const SWEEP_FORMAT = 'rsnn-studio-sweep'

const manifestSchema = z.object({
  format: z.literal(SWEEP_FORMAT),
  version: z.literal(1),
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  /** Where the tasks run: this machine (`sweep --local`) or a Slurm cluster. */
  mode: z.enum(['local', 'slurm']),
  /** The sweep file as given. */
  sweep: sweepFileSchema,
  axes: z.array(z.string()),
  datasets: z.array(z.object({ ref: z.string(), id: z.string(), name: z.string(), file: z.string() })),
  tasks: z.array(
    z.object({ index: z.number().int(), dataset: z.string(), params: sweepParamsSchema, targetSteps: z.number().int() })
  )
})
export type SweepManifest = z.infer<typeof manifestSchema>

/** A dataset of the main store as the sweep needs it: its id, name and HDF5 file. */
export interface SourceDataset {
  id: string
  name: string
  h5Path: string
}

/** Folder of task i (its config, its store, its logs). */
export const taskDir = (dir: string, index: number): string => join(dir, 'tasks', String(index))
export const taskStore = (dir: string, index: number): string => join(taskDir(dir, index), 'store')
export const taskConfigFile = (dir: string, index: number): string => join(taskDir(dir, index), 'config.json')

/**
 * Stable id of a sweep: its name and a hash of the sweep file (key order kept: the axes' order is the tasks'
 * order) and the datasets it resolved to.
 */
export function sweepId(sweep: SweepFile, datasets: SourceDataset[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify({ sweep, datasets: datasets.map((d) => d.id) }))
    .digest('hex')
    .slice(0, 10)
  const slug =
    (sweep.name ?? 'sweep')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'sweep'
  return `${slug}-${hash}`
}

/**
 * Writes the sweep folder (or finds the same sweep already written there: a re-run continues it). Refuses a
 * folder that holds another sweep. Files are written under temporary names and renamed, manifest last.
 */
export function writeSweepFolder(
  dir: string,
  sweep: SweepFile,
  mode: SweepManifest['mode'],
  resolveDataset: (ref: string) => SourceDataset,
  appVersion: string,
  file?: string
): { manifest: SweepManifest; existed: boolean } {
  const abs = resolve(dir)
  const datasets = [...new Set(sweep.datasets)].map((ref) => ({ ref, ...resolveDataset(ref) }))
  const id = sweepId(sweep, datasets)
  if (existsSync(join(abs, MANIFEST))) {
    const old = readSweepManifest(abs)
    if (old.id !== id)
      throw new AppError(
        'CONFLICT',
        `the folder holds another sweep ("${old.name}", ${old.id}); choose another --out`,
        { file: abs }
      )
    if (old.mode !== mode)
      throw new AppError('CONFLICT', `the sweep in this folder runs ${old.mode === 'local' ? 'locally' : 'on Slurm'}`, {
        file: abs
      })
    return { manifest: old, existed: true }
  }
  const tasks = expandSweep(sweep, file)
  mkdirSync(join(abs, 'data'), { recursive: true })
  for (const d of datasets) {
    const target = join(abs, 'data', `${d.id}.h5`)
    if (!existsSync(target)) {
      copyFileSync(d.h5Path, `${target}.tmp`)
      renameSync(`${target}.tmp`, target)
    }
  }
  for (const t of tasks) {
    mkdirSync(taskDir(abs, t.index), { recursive: true })
    writeAtomic(taskConfigFile(abs, t.index), JSON.stringify(t.config, null, 2))
  }
  const manifest: SweepManifest = {
    format: SWEEP_FORMAT,
    version: 1,
    id,
    name: sweep.name ?? id,
    createdAt: new Date().toISOString(),
    appVersion,
    mode,
    sweep,
    axes: Object.keys(sweep.axes),
    datasets: datasets.map((d) => ({ ref: d.ref, id: d.id, name: d.name, file: join('data', `${d.id}.h5`) })),
    tasks: tasks.map((t) => ({
      index: t.index,
      dataset: t.dataset,
      params: t.params,
      targetSteps: t.config.optim.steps
    }))
  }
  writeAtomic(join(abs, MANIFEST), JSON.stringify(manifest, null, 2))
  return { manifest, existed: false }
}

export function isSweepFolder(dir: string): boolean {
  return existsSync(join(dir, MANIFEST))
}

export function readSweepManifest(dir: string): SweepManifest {
  const file = join(resolve(dir), MANIFEST)
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT'
    throw new AppError(
      missing ? 'NOT_FOUND' : 'BAD_VALUE',
      missing ? 'not a sweep folder (no sweep.json)' : `not valid JSON: ${(err as Error).message}`,
      { file }
    )
  }
  const r = manifestSchema.safeParse(json)
  if (!r.success) {
    const issue = r.error.issues[0]!
    throw new AppError('BAD_VALUE', issue.message, { file, field: issue.path.join('.') || 'format' })
  }
  return r.data
}

/** The resolved config of task i. */
export function readTaskConfig(dir: string, index: number): FitConfig {
  const file = taskConfigFile(dir, index)
  try {
    return fitConfigSchema.parse(JSON.parse(readFileSync(file, 'utf8')))
  } catch (err) {
    throw new AppError('BAD_VALUE', `unreadable task config: ${(err as Error).message.split('\n')[0]}`, { file })
  }
}

export function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text)
  renameSync(`${path}.tmp`, path)
}

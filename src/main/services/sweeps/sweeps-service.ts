// Sweeps service: write a sweep folder from a sweep file, submit it to Slurm (all tasks, or only the failed ones
// with resume), report each task's state, merge completed tasks' runs into this store; the CLI and the UI share it.
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'
import { rerunSweepStatuses, type SweepSummary } from '@shared/domain/sweep-status'
import { parseSweepFile } from '@shared/domain/sweep-expand'
import { copyRunFrom } from '../../store/run-copy'
import { SweepsRepo } from '../../store/sweeps-repo'
import type { ServiceContext } from '../domain'
import { findAppRoot } from '../app-root'
import { hasSlurm, sbatchCommand, submit, writeSbatchScript, type SlurmOptions, type Submission } from './slurm'
import { readSweepManifest, sweepId, taskStore, writeSweepFolder, type SweepManifest } from './sweep-folder'
import { countStatuses, readTaskRun, taskStates } from './task-states'

export interface WriteRequest {
  /** The sweep file's JSON. */
  sweep: unknown
  /** The sweep file (named in errors). */
  file?: string
  mode: SweepManifest['mode']
  /** The sweep folder; default `<store>/sweeps/<id>`. */
  out?: string
  slurm?: SlurmOptions
}

export interface WriteResult {
  dir: string
  manifest: SweepManifest
  existed: boolean
  /** The sbatch script and the command that submits it (Slurm sweeps). */
  script: string | null
  command: string[] | null
}

export interface MergeResult {
  merged: number
  alreadyPresent: number
  /** Tasks not completed (not merged). */
  notCompleted: number
}

export class SweepsService {
  readonly repo: SweepsRepo

  constructor(private readonly ctx: ServiceContext) {
    this.repo = new SweepsRepo(ctx.db)
  }

  write(req: WriteRequest): WriteResult {
    const sweep = parseSweepFile(req.sweep, req.file)
    const resolveDataset = (ref: string) => {
      const row = this.ctx.datasets.resolve(ref)
      return { id: row.id, name: row.name, h5Path: join(this.ctx.paths.dataDir, row.h5_file) }
    }
    // The folder name needs the id, which needs the datasets: a default folder is named after a first pass.
    const dir = resolve(req.out ?? join(this.ctx.paths.dataDir, 'sweeps', this.idFor(req, resolveDataset)))
    const { manifest, existed } = writeSweepFolder(dir, sweep, req.mode, resolveDataset, this.ctx.version, req.file)
    this.repo.record({ id: manifest.id, name: manifest.name, dir, mode: manifest.mode, createdAt: manifest.createdAt })
    if (req.mode === 'local') return { dir, manifest, existed, script: null, command: null }
    const script = writeSbatchScript(dir, manifest, req.slurm ?? { cpusPerTask: 1 }, appLocation())
    return { dir, manifest, existed, script, command: sbatchCommand(dir) }
  }

  /** Submits every task (a new sweep) or, with `rerun`, only the failed, timed-out, cancelled or interrupted ones. */
  async submit(dir: string, opts: { rerun?: boolean; maxParallel?: number } = {}): Promise<Submission | null> {
    const m = readSweepManifest(dir)
    if (m.mode !== 'slurm')
      throw new AppError('CONFLICT', 'this sweep runs locally (rsnn sweep --local)', { file: dir })
    if (!hasSlurm())
      throw new AppError('NOT_FOUND', 'sbatch is not on this machine: submit the script on the cluster', { file: dir })
    if (!opts.rerun) return submit(dir, m, undefined, opts.maxParallel)
    const states = await taskStates(dir, m, hostname())
    const again = states
      .filter((t) => rerunSweepStatuses.includes(t.status) || t.status === 'not-submitted')
      .map((t) => t.index)
    return again.length ? submit(dir, m, again, opts.maxParallel) : null
  }

  async status(dir: string): Promise<SweepSummary> {
    const abs = resolve(dir)
    const m = readSweepManifest(abs)
    const tasks = await taskStates(abs, m, hostname(), m.mode === 'local')
    return {
      id: m.id,
      name: m.name,
      dir: abs,
      mode: m.mode,
      createdAt: m.createdAt,
      axes: m.axes,
      tasks,
      counts: countStatuses(tasks),
      problem: null
    }
  }

  /** Every sweep this store knows, with its status (a folder that cannot be read says why). */
  async list(): Promise<SweepSummary[]> {
    const out: SweepSummary[] = []
    for (const r of this.repo.list()) {
      try {
        out.push(await this.status(r.dir))
      } catch (err) {
        out.push({ ...r, axes: [], tasks: [], counts: {}, problem: (err as Error).message })
      }
    }
    return out
  }

  /** Copies each completed task's run into this store (idempotent, atomic per run). */
  merge(dir: string): MergeResult {
    const abs = resolve(dir)
    const m = readSweepManifest(abs)
    this.repo.record({ id: m.id, name: m.name, dir: abs, mode: m.mode, createdAt: m.createdAt })
    const result: MergeResult = { merged: 0, alreadyPresent: 0, notCompleted: 0 }
    for (const t of m.tasks) {
      const run = readTaskRun(abs, t.index)
      if (!run || run.status !== 'completed') {
        result.notCompleted++
        continue
      }
      const source = m.datasets.find((d) => d.ref === t.dataset)
      const here = source ? this.ctx.datasets.repo.get(source.id) : undefined
      const copied = copyRunFrom(this.ctx.db, {
        fromDir: taskStore(abs, t.index),
        runId: run.id,
        dataDir: this.ctx.paths.dataDir,
        ...(here ? { dataset: { id: here.id, name: here.name } } : {}),
        note: `Merged from sweep "${m.name}" task ${t.index} (${abs}).`
      })
      if (copied) result.merged++
      else result.alreadyPresent++
    }
    return result
  }

  private idFor(req: WriteRequest, resolveDataset: (ref: string) => { id: string }): string {
    const sweep = parseSweepFile(req.sweep, req.file)
    return sweepId(
      sweep,
      [...new Set(sweep.datasets)].map((ref) => ({ ...resolveDataset(ref), name: '', h5Path: '' }))
    )
  }
}

/** The app folder (holding out/main/cli.js) and this Node.js, for the job script. */
export function appLocation(): { appRoot: string; nodePath: string } {
  return { appRoot: findAppRoot(__dirname), nodePath: process.execPath }
}

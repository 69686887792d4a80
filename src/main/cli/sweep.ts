// `rsnn sweep SWEEP.json --local | --slurm --out DIR`: many fits from one sweep file (docs/sweeps.md). Local
// sweeps run P fits at once here and merge each completed one into the store; Slurm sweeps write the sweep folder
// and submit its job array. `--resume` resubmits only the failed, timed-out or cancelled tasks.
import { cpus } from 'node:os'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'
import { submissions } from '../services/sweeps/slurm'
import { isSweepFolder, readSweepManifest, type SweepManifest } from '../services/sweeps/sweep-folder'
import { sweepsServiceOf } from '../services/sweeps/sweeps-domain'
import { appLocation } from '../services/sweeps/sweeps-service'
import { runLocal } from '../services/sweeps/local-runner'
import { readTaskRun } from '../services/sweeps/task-states'
import type { CliCommand, CliContext } from './command'
import { positiveOption } from './fit'

function readJson(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new AppError('IO_ERROR', `cannot read the sweep file: ${(err as Error).message}`, { file })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new AppError('BAD_VALUE', `not valid JSON: ${(err as Error).message}`, { file })
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

async function runLocalSweep(
  ctx: CliContext,
  dir: string,
  m: SweepManifest,
  values: Record<string, unknown>
): Promise<number> {
  const service = sweepsServiceOf(ctx.container.domains)
  const cores = Math.max(1, cpus().length)
  const threads = positiveOption(values as never, 'threads-per-fit', true)
  const parallel = positiveOption(values as never, 'parallel', true) ?? Math.max(1, Math.floor(cores / (threads ?? 1)))
  const threadsPerFit = threads ?? Math.max(1, Math.floor(cores / parallel))
  const app = appLocation()
  const cliJs = join(app.appRoot, 'out', 'main', 'cli.js')
  if (!existsSync(cliJs)) throw new AppError('NOT_FOUND', 'the app is not built (npm run build)', { file: cliJs })
  let failed = 0
  const runner = runLocal({
    dir,
    manifest: m,
    parallel,
    threadsPerFit,
    cliJs,
    nodePath: app.nodePath,
    onTaskStart: (i) => ctx.json || ctx.out.line(`task ${i} started (${JSON.stringify(m.tasks[i]!.params)})`),
    onTaskEnd: (i, code) => {
      const run = readTaskRun(dir, i)
      if (run?.status === 'completed')
        service.merge(dir) // idempotent: brings this task's run into the store
      else if (!stopping) failed++
      const metric = run?.metrics?.t_trial_pearson
      if (ctx.json)
        ctx.out.line(
          JSON.stringify({
            name: 'sweep-task',
            index: i,
            status: run?.status ?? 'failed',
            run: run?.id ?? null,
            metrics: run?.metrics ?? null
          })
        )
      else
        ctx.out.line(
          `task ${i} ${run?.status ?? `failed (exit ${code})`}${typeof metric === 'number' ? ` T'trial ${metric.toFixed(3)}` : ''}${run?.status !== 'completed' ? ` — log: ${join(dir, 'tasks', String(i), 'log.txt')}` : ''}`
        )
    }
  })
  let stopping = false
  const onSigint = (): void => {
    stopping = true
    process.stderr.write('Stopping the running tasks (their checkpoints are kept; run the sweep again to continue)…\n')
    runner.stop()
  }
  process.on('SIGINT', onSigint)
  let r
  try {
    r = await runner.done
  } finally {
    process.off('SIGINT', onSigint)
  }
  const merged = service.merge(dir)
  const line = {
    name: 'sweep-result',
    dir,
    id: m.id,
    tasks: m.tasks.length,
    ran: r.ran,
    skipped: r.skipped,
    failed,
    stopped: r.stopped,
    mergedNow: merged.merged
  }
  if (ctx.json) ctx.out.line(JSON.stringify(line))
  else
    ctx.out.line(
      `sweep ${m.id}: ${r.ran} tasks run (${parallel} at once, ${threadsPerFit} threads each), ${r.skipped} already completed, ${failed} failed${r.stopped ? ', stopped' : ''}; folder ${dir}`
    )
  return r.stopped ? 130 : failed > 0 ? 1 : 0
}

export const sweepCommand: CliCommand = {
  summary: 'run a sweep of fits from a sweep file, here (--local) or on Slurm (--slurm --out DIR); see docs/sweeps.md',
  usage:
    'SWEEP.json (--local [--parallel P] [--threads-per-fit T] [--out DIR] | --slurm --out DIR [--partition P] [--time HH:MM:SS] ' +
    '[--cpus-per-task C] [--mem M] [--account A] [--max-parallel K] [--dry-run]) | DIR --resume [--max-parallel K]',
  options: {
    local: { type: 'boolean' },
    slurm: { type: 'boolean' },
    out: { type: 'string' },
    parallel: { type: 'string' },
    'threads-per-fit': { type: 'string' },
    partition: { type: 'string' },
    time: { type: 'string' },
    'cpus-per-task': { type: 'string' },
    mem: { type: 'string' },
    account: { type: 'string' },
    'max-parallel': { type: 'string' },
    'dry-run': { type: 'boolean' },
    resume: { type: 'boolean' }
  },
  async run(ctx, { positionals, values }) {
    const service = sweepsServiceOf(ctx.container.domains)
    const target = positionals[0]
    if (!target || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give one sweep file (or a sweep folder with --resume)', {
        field: 'SWEEP.json'
      })
    const maxParallel = positiveOption(values, 'max-parallel', true)
    const folderGiven = existsSync(target) && statSync(target).isDirectory()
    if (folderGiven && !values['resume'])
      throw new AppError('INVALID_INPUT', 'a sweep folder is continued with --resume', { field: '--resume' })
    if (values['resume'] && (folderGiven || (str(values['out']) && isSweepFolder(str(values['out'])!)))) {
      const dir = resolve(folderGiven ? target : str(values['out'])!)
      const m = readSweepManifest(dir)
      if (m.mode === 'local') return runLocalSweep(ctx, dir, m, values)
      const sub = await service.submit(dir, { rerun: true, ...(maxParallel ? { maxParallel } : {}) })
      if (ctx.json)
        ctx.out.line(
          JSON.stringify({ name: 'sweep-resume', dir, jobId: sub?.jobId ?? null, tasks: sub?.indices ?? [] })
        )
      else
        ctx.out.line(
          sub
            ? `resubmitted tasks ${sub.indices.join(',')} as job ${sub.jobId}`
            : 'nothing to resume: no task failed, timed out or was cancelled'
        )
      return 0
    }
    if (Boolean(values['local']) === Boolean(values['slurm']))
      throw new AppError('INVALID_INPUT', 'choose where the tasks run: --local or --slurm', { field: '--local' })
    const file = resolve(target)
    const sweep = readJson(file)
    if (values['local']) {
      const out = str(values['out'])
      const w = service.write({ sweep, file, mode: 'local', ...(out ? { out } : {}) })
      if (!ctx.json)
        ctx.out.line(
          `sweep ${w.manifest.id}: ${w.manifest.tasks.length} tasks${w.existed ? ' (continuing)' : ''}; folder ${w.dir}`
        )
      return runLocalSweep(ctx, w.dir, w.manifest, values)
    }
    const out = str(values['out'])
    if (!out)
      throw new AppError(
        'INVALID_INPUT',
        'a Slurm sweep needs --out DIR (a folder the cluster nodes can read and write)',
        { field: '--out' }
      )
    const cpusPerTask = positiveOption(values, 'cpus-per-task', true) ?? 2
    const slurm = {
      cpusPerTask,
      ...(str(values['partition']) ? { partition: str(values['partition'])! } : {}),
      ...(str(values['time']) ? { time: str(values['time'])! } : {}),
      ...(str(values['mem']) ? { mem: str(values['mem'])! } : {}),
      ...(str(values['account']) ? { account: str(values['account'])! } : {}),
      ...(maxParallel ? { maxParallel } : {})
    }
    const w = service.write({ sweep, file, mode: 'slurm', out, slurm })
    const command = w.command!.join(' ')
    // The --json line, before (jobId null) or after submitting.
    const sweepLine = (jobId: string | null): string =>
      JSON.stringify({
        name: 'sweep',
        dir: w.dir,
        id: w.manifest.id,
        tasks: w.manifest.tasks.length,
        script: w.script,
        command,
        jobId
      })
    if (values['dry-run']) {
      if (ctx.json) ctx.out.line(sweepLine(null))
      else
        ctx.out.line(
          `${readFileSync(w.script!, 'utf8')}\n# written to ${w.dir} (${w.manifest.tasks.length} tasks); submit with:\n${command}`
        )
      return 0
    }
    const earlier = submissions(w.dir)
    if (earlier.length > 0 && !values['resume']) {
      throw new AppError(
        'CONFLICT',
        `already submitted as job ${earlier.at(-1)!.jobId}; follow it with sweep-status, or --resume to rerun failed tasks`,
        { file: w.dir }
      )
    }
    const sub = await service.submit(w.dir, { rerun: earlier.length > 0, ...(maxParallel ? { maxParallel } : {}) })
    if (ctx.json) ctx.out.line(sweepLine(sub?.jobId ?? null))
    else
      ctx.out.line(
        `sweep ${w.manifest.id}: ${w.manifest.tasks.length} tasks submitted as job ${sub?.jobId ?? '-'}; follow with: rsnn sweep-status ${w.dir}`
      )
    return 0
  }
}

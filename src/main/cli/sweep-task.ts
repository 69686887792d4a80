// `rsnn sweep-task DIR INDEX --store DIR/tasks/INDEX/store`: one task of a sweep, as the sbatch script and the
// local runner start it. Imports the sweep's copy of the dataset into the task's store, then fits with the task's
// config, or resumes the task's run from its last checkpoint when one exists (a resubmitted or re-run task).
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { RunSweep } from '@shared/domain/sweep'
import { runsServiceOf } from '../services/runs/domain'
import { readSweepManifest, readTaskConfig, taskStore } from '../services/sweeps/sweep-folder'
import type { CliCommand } from './command'
import { fitResult, followRun, positiveOption } from './fit'

/** The Slurm ids of this process's job, when it runs under Slurm. */
function slurmIds(env: NodeJS.ProcessEnv = process.env): RunSweep['slurm'] {
  const jobId = env['SLURM_JOB_ID']
  if (!jobId) return null
  return { jobId, arrayJobId: env['SLURM_ARRAY_JOB_ID'] ?? null, arrayTaskId: env['SLURM_ARRAY_TASK_ID'] ?? null }
}

export const sweepTaskCommand: CliCommand = {
  summary: 'run one task of a sweep folder (what the sbatch script and `sweep --local` start)',
  usage: 'DIR INDEX --store DIR/tasks/INDEX/store [--threads T] [--json]',
  options: { threads: { type: 'string' } },
  async run(ctx, { positionals, values }) {
    const [dirArg, indexArg] = positionals
    if (!dirArg || indexArg === undefined || positionals.length > 2)
      throw new AppError('INVALID_INPUT', 'give the sweep folder and the task index', { field: 'DIR INDEX' })
    const dir = resolve(dirArg)
    const index = Number(indexArg)
    const m = readSweepManifest(dir)
    const task = m.tasks.find((t) => t.index === index)
    if (!task)
      throw new AppError('INVALID_INPUT', `no task ${indexArg} (the sweep has ${m.tasks.length})`, { field: 'INDEX' })
    // Each task writes only its own store: SQLite is unsafe for concurrent writers on network file systems.
    if (resolve(ctx.container.paths.dataDir) !== taskStore(dir, index)) {
      throw new AppError('INVALID_INPUT', `a task writes its own store: --store ${taskStore(dir, index)}`, {
        field: '--store'
      })
    }
    // Sweep bookkeeping (the task's record on its run) is the runs service's; starting, waiting and cancelling go
    // through the API like any other fit.
    const runs = runsServiceOf(ctx.container.domains).runs
    const sweep: RunSweep = {
      sweepId: m.id,
      sweepName: m.name,
      index,
      params: task.params,
      host: hostname(),
      slurm: slurmIds()
    }
    // A task's store holds its one run (found by its sweep record, or the only run if the record was not written).
    const stored = await ctx.api['runs.list']({})
    const existing = stored.find((r) => r.sweep?.sweepId === m.id && r.sweep.index === index) ?? stored[0]
    if (existing?.status === 'completed') {
      if (ctx.json) ctx.out.line(JSON.stringify(fitResult(existing)))
      else ctx.out.line(`task ${index}: run ${existing.id} already completed`)
      return 0
    }
    let run
    if (existing) {
      // Left "running" by a job on another node (killed there): its pid means nothing here.
      const live = existing.status === 'running' || existing.status === 'queued' || existing.status === 'paused'
      if (live && existing.sweep?.host !== sweep.host) runs.setStatus(existing.id, 'interrupted', { ownerPid: null })
      runs.setSweep(existing.id, sweep)
      run = await ctx.api['runs.resume']({ id: existing.id })
      if (!ctx.json)
        ctx.out.line(`task ${index}: run ${run.id} resumed at step ${run.checkpointStep} of ${run.targetSteps}`)
    } else {
      const source = m.datasets.find((d) => d.ref === task.dataset)
      if (!source)
        throw new AppError('BAD_VALUE', `task ${index}: dataset "${task.dataset}" is not in the sweep`, {
          file: join(dir, 'sweep.json')
        })
      const imported = await ctx.api['datasets.import']({ files: [join(dir, source.file)], name: source.name })
      const config = readTaskConfig(dir, index)
      // The task's cores (Slurm's --cpus-per-task) unless the sweep sets the threads itself (an axis, the base).
      const threads = positiveOption(values, 'threads', true)
      if (threads !== undefined && config.engine.threads === 0) config.engine.threads = threads
      run = await ctx.api['runs.start']({ datasetId: imported.dataset.id, config, name: `${m.name} #${index}` })
      runs.setSweep(run.id, sweep)
      if (!ctx.json) ctx.out.line(`task ${index}: run ${run.id} started (${JSON.stringify(task.params)})`)
    }
    // scancel and Slurm's time limit send SIGTERM: stop at a step boundary, keeping the last checkpoint.
    const onTerm = (): void => {
      process.stderr.write(`task ${index}: terminated; the last checkpoint is kept (sweep --resume continues it)\n`)
      void ctx.api['runs.cancel']({ id: run.id }).catch((err: unknown) =>
        process.stderr.write(`cannot cancel: ${(err as Error).message}\n`)
      )
    }
    process.on('SIGTERM', onTerm)
    // Started by `sweep --local` (an IPC channel to it): if that process dies (kill -9, a crash, a closed terminal),
    // stop the same way rather than run on unseen; a re-run of the sweep resumes from the checkpoint.
    const onOrphaned = (): void => {
      process.stderr.write(`task ${index}: the sweep process is gone; stopping, the last checkpoint is kept\n`)
      void ctx.api['runs.cancel']({ id: run.id }).catch((err: unknown) =>
        process.stderr.write(`cannot cancel: ${(err as Error).message}\n`)
      )
    }
    if (process.channel) {
      process.on('disconnect', onOrphaned)
      process.channel.unref() // the channel alone must not keep this process alive
      if (!process.connected) onOrphaned()
    }
    try {
      return await followRun(ctx, run)
    } finally {
      process.off('SIGTERM', onTerm)
      process.off('disconnect', onOrphaned)
    }
  }
}

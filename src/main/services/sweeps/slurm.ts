// Slurm: the sweep's sbatch job-array script, submission (recorded in submissions.jsonl), and the scheduler's
// state of each task (sacct when accounting is on, else squeue, which keeps ended jobs for MinJobAge).
import { execFile } from 'node:child_process'
import { existsSync, readFileSync, appendFileSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '@shared/contract/errors'
import { slurmOptionsSchema } from '@shared/contract/sweeps-methods'
import { taskStore, writeAtomic, type SweepManifest } from './sweep-folder'

export const SBATCH_SCRIPT = 'sweep.sbatch'
const SUBMISSIONS = 'submissions.jsonl'

export interface SlurmOptions {
  partition?: string
  /** HH:MM:SS (or any form sbatch takes). */
  time?: string
  cpusPerTask: number
  mem?: string
  account?: string
  /** Most tasks running at once (`%K`); none = no limit. */
  maxParallel?: number
}

/** What the script runs the app with: the app folder (holding out/main/cli.js) and a Node.js fallback. */
export interface AppLocation {
  appRoot: string
  nodePath: string
}

/** Single-quoted for bash. */
const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`

/** `0-(n−1)%K`, or a list of indices (a resubmission) with the same limit. */
export function arraySpec(indices: readonly number[], n: number, maxParallel?: number): string {
  const all = indices.length === n && indices.every((v, i) => v === i)
  const spec = all ? `0-${n - 1}` : indices.join(',')
  return maxParallel ? `${spec}%${maxParallel}` : spec
}

/** The CLI flag of each option, for errors that say what to change. */
const FLAGS: Record<string, string> = {
  partition: '--partition',
  time: '--time',
  cpusPerTask: '--cpus-per-task',
  mem: '--mem',
  account: '--account',
  maxParallel: '--max-parallel'
}

/**
 * The options checked as the RPC checks them (the CLI passes them straight here): each lands on an #SBATCH line,
 * so a value that is not what Slurm takes (or holds a line break) is refused, naming the option.
 * @throws AppError INVALID_INPUT, field slurm.<option>
 */
export function checkedSlurmOptions(opts: SlurmOptions): SlurmOptions {
  const r = slurmOptionsSchema.safeParse(opts)
  if (r.success) return r.data
  const issue = r.error.issues[0]!
  const key = String(issue.path[0] ?? '')
  const got = (opts as unknown as Record<string, unknown>)[key]
  throw new AppError('INVALID_INPUT', `${FLAGS[key] ?? key} ${JSON.stringify(got)}: ${issue.message}`, {
    field: `slurm.${key}`
  })
}

export function sbatchScript(dir: string, m: SweepManifest, options: SlurmOptions, app: AppLocation): string {
  const opts = checkedSlurmOptions(options)
  const n = m.tasks.length
  const lines = [
    '#!/bin/bash',
    `# RSNN Studio sweep "${m.name}" (${m.id}): ${n} tasks, one fit each; written ${m.createdAt} by RSNN Studio ${m.appVersion}.`,
    '# A node needs Node.js >= 20.19 and read access to the app folder below (no Electron, no browser), and',
    '# read/write access to this sweep folder. RSNN_APP / RSNN_NODE override the app folder and Node.js (default:',
    '# the Node.js that wrote this script when the node has it at the same path, else `node` on PATH).',
    `#SBATCH --job-name=rsnn-${m.id.slice(0, 40)}`,
    `#SBATCH --array=${arraySpec(
      m.tasks.map((t) => t.index),
      n,
      opts.maxParallel
    )}`,
    `#SBATCH --output=${join(dir, 'tasks', '%a', 'slurm-%A_%a.out')}`,
    `#SBATCH --cpus-per-task=${opts.cpusPerTask}`,
    ...(opts.time ? [`#SBATCH --time=${opts.time}`] : []),
    ...(opts.mem ? [`#SBATCH --mem=${opts.mem}`] : []),
    ...(opts.partition ? [`#SBATCH --partition=${opts.partition}`] : []),
    ...(opts.account ? [`#SBATCH --account=${opts.account}`] : []),
    'set -u',
    `APP=${q(app.appRoot)}`,
    '[ -z "${RSNN_APP:-}" ] || APP="$RSNN_APP"',
    `NODE=${q(app.nodePath)}`,
    'if [ -n "${RSNN_NODE:-}" ]; then NODE="$RSNN_NODE"; elif [ ! -x "$NODE" ]; then NODE=node; fi',
    `SWEEP=${q(dir)}`,
    'TASK="${SLURM_ARRAY_TASK_ID:?submit this script with sbatch}"',
    // exec: scancel's and the time limit's SIGTERM reach the fit, which stops at a step and keeps its checkpoint.
    'exec "$NODE" "$APP/out/main/cli.js" sweep-task "$SWEEP" "$TASK" --store "$SWEEP/tasks/$TASK/store" --threads "${SLURM_CPUS_PER_TASK:-1}"',
    ''
  ]
  return lines.join('\n')
}

export function writeSbatchScript(dir: string, m: SweepManifest, opts: SlurmOptions, app: AppLocation): string {
  const path = join(dir, SBATCH_SCRIPT)
  writeAtomic(path, sbatchScript(dir, m, opts, app))
  return path
}

/** The command line that submits (a resubmission passes its own --array). */
export function sbatchCommand(dir: string, indices?: readonly number[], n?: number, maxParallel?: number): string[] {
  const array = indices && n !== undefined ? [`--array=${arraySpec(indices, n, maxParallel)}`] : []
  return ['sbatch', '--parsable', ...array, join(dir, SBATCH_SCRIPT)]
}

export function hasSlurm(): boolean {
  return (process.env['PATH'] ?? '').split(':').some((p) => p && existsSync(join(p, 'sbatch')))
}

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { timeout: 60_000, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err
        ? typeof (err as { code?: unknown }).code === 'number'
          ? (err as { code: number }).code
          : 127
        : 0
      done({ code, stdout: String(stdout), stderr: String(stderr || (err && code === 127 ? err.message : '')) })
    })
  })
}

export interface Submission {
  jobId: string
  indices: number[]
  at: string
}

/** Submits the array (all tasks, or `indices`); records the job id. */
export async function submit(
  dir: string,
  m: SweepManifest,
  indices?: number[],
  maxParallel?: number
): Promise<Submission> {
  const [cmd, ...args] = sbatchCommand(dir, indices, m.tasks.length, maxParallel)
  const r = await run(cmd!, args)
  const jobId = r.stdout.trim().split(';')[0] ?? ''
  if (r.code !== 0 || !/^\d+$/.test(jobId)) {
    throw new AppError(
      'IO_ERROR',
      `sbatch failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? `exit ${r.code}`}`,
      { file: join(dir, SBATCH_SCRIPT) }
    )
  }
  const sub: Submission = { jobId, indices: indices ?? m.tasks.map((t) => t.index), at: new Date().toISOString() }
  appendFileSync(join(dir, SUBMISSIONS), `${JSON.stringify(sub)}\n`)
  return sub
}

export function submissions(dir: string): Submission[] {
  const file = join(dir, SUBMISSIONS)
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Submission)
}

/** A task's state in the scheduler: Slurm's state name (PENDING, RUNNING, COMPLETED, TIMEOUT, CANCELLED…). */
export interface SchedulerState {
  jobId: string
  state: string
  reason: string
}

/**
 * The scheduler's state of each submitted task (latest submission wins), by task index. Tasks the scheduler
 * no longer knows (ended longer ago than MinJobAge, without accounting) are absent.
 */
export async function schedulerStates(dir: string): Promise<Map<number, SchedulerState>> {
  const subs = submissions(dir)
  const out = new Map<number, SchedulerState>()
  if (subs.length === 0) return out
  const ids = new Set(subs.map((s) => s.jobId))
  const byJob = new Map<string, SchedulerState>()
  const acct = await run('sacct', ['-n', '-X', '-P', '-j', [...ids].join(','), '-o', 'JobID,State,Reason'])
  if (acct.code === 0) {
    for (const line of acct.stdout.split('\n')) {
      const [jobId, state, reason] = line.trim().split('|')
      if (jobId && state) byJob.set(jobId, { jobId, state: state.split(' ')[0]!, reason: reason ?? '' })
    }
  }
  const sq = await run('squeue', ['-h', '-r', '--states=all', '-o', '%i|%T|%r'])
  if (sq.code === 0) {
    for (const line of sq.stdout.split('\n')) {
      const [jobId, state, reason] = line.trim().split('|')
      if (jobId && state && ids.has(jobId.split('_')[0]!)) byJob.set(jobId, { jobId, state, reason: reason ?? '' })
    }
  }
  for (const s of subs) {
    for (const i of s.indices) {
      const hit = byJob.get(`${s.jobId}_${i}`)
      if (hit) out.set(i, hit)
      else out.delete(i) // resubmitted: an older submission's state no longer speaks for the task
    }
  }
  return out
}

/** Cancels tasks (scancel JOB_IDX …). */
export async function cancelTasks(jobIds: string[]): Promise<void> {
  if (jobIds.length === 0) return
  const r = await run('scancel', jobIds)
  if (r.code !== 0) throw new AppError('IO_ERROR', `scancel failed: ${r.stderr.trim()}`)
}

/** A task's store exists once its fit started. */
export const taskStarted = (dir: string, index: number): boolean => existsSync(join(taskStore(dir, index), 'studio.db'))

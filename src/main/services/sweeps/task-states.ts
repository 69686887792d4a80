// Each task's state: the scheduler's (Slurm) and its own store's (run status, step, latest held-out metrics).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import type { Metrics, RunStatus } from '@shared/domain/fit'
import type { SweepTaskState, SweepTaskStatus } from '@shared/domain/sweep-status'
import { storedMetrics } from '../../store/runs-repo'
import { schedulerStates, submissions, type SchedulerState } from './slurm'
import { taskStore, type SweepManifest } from './sweep-folder'

/** A task store's run (one per task store), read-only. */
export interface TaskRun {
  id: string
  status: RunStatus
  step: number
  targetSteps: number
  metrics: Metrics | null
  error: string | null
  ownerPid: number | null
  host: string | null
}

export function readTaskRun(dir: string, index: number): TaskRun | null {
  const file = join(taskStore(dir, index), 'studio.db')
  if (!existsSync(file)) return null
  let db: Database.Database | null = null
  try {
    db = new Database(file, { readonly: true, fileMustExist: true })
    db.pragma('busy_timeout = 10000')
    const row = db
      .prepare(
        'SELECT id, status, step, target_steps, metrics_json, error_json, owner_pid, sweep_json FROM runs ORDER BY created_at LIMIT 1'
      )
      .get() as
      | {
          id: string
          status: RunStatus
          step: number
          target_steps: number
          metrics_json: string | null
          error_json: string | null
          owner_pid: number | null
          sweep_json: string | null
        }
      | undefined
    if (!row) return null
    return {
      id: row.id,
      status: row.status,
      step: row.step,
      targetSteps: row.target_steps,
      metrics: row.metrics_json ? storedMetrics(row.metrics_json) : null,
      error: row.error_json ? ((JSON.parse(row.error_json) as { message?: string }).message ?? null) : null,
      ownerPid: row.owner_pid,
      host: row.sweep_json ? ((JSON.parse(row.sweep_json) as { host?: string | null }).host ?? null) : null
    }
  } catch {
    return null // a store still being created (no runs table yet): the task has not started its fit
  } finally {
    db?.close()
  }
}

/** Slurm state names → task status (https://slurm.schedmd.com/squeue.html#SECTION_JOB-STATE-CODES). */
function fromScheduler(s: SchedulerState): SweepTaskStatus | null {
  if (['PENDING', 'REQUEUED', 'REQUEUE_HOLD', 'SUSPENDED', 'RESV_DEL_HOLD', 'REQUEUE_FED'].includes(s.state))
    return 'pending'
  if (['RUNNING', 'CONFIGURING', 'COMPLETING', 'STAGE_OUT', 'SIGNALING', 'RESIZING'].includes(s.state)) return 'running'
  if (s.state === 'TIMEOUT' || s.state === 'DEADLINE') return 'timed-out'
  if (s.state === 'CANCELLED' || s.state === 'PREEMPTED') return 'cancelled'
  if (['FAILED', 'NODE_FAIL', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'SPECIAL_EXIT'].includes(s.state)) return 'failed'
  return null // COMPLETED: the task store says how the fit ended
}

function isAlive(pid: number | null): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The status of one task from what the scheduler and its store say. */
export function taskStatus(
  run: TaskRun | null,
  sched: SchedulerState | undefined,
  submitted: boolean,
  localHost: string
): SweepTaskStatus {
  if (run?.status === 'completed') return 'completed'
  const s = sched ? fromScheduler(sched) : null
  if (s) return s
  if (sched) return 'failed' // the job ended (COMPLETED) but the fit did not complete: its log says why
  if (!run) return submitted ? 'pending' : 'not-submitted'
  if (run.status === 'failed') return 'failed'
  if (run.status === 'cancelled') return 'cancelled'
  const live = run.status === 'running' || run.status === 'queued' || run.status === 'paused'
  // Without the scheduler's word (local sweeps): a live status is true only while its process runs here.
  if (live && (run.host !== localHost || isAlive(run.ownerPid))) return 'running'
  return 'interrupted'
}

export async function taskStates(
  dir: string,
  m: SweepManifest,
  localHost: string,
  local = false
): Promise<SweepTaskState[]> {
  const sched = local ? new Map<number, SchedulerState>() : await schedulerStates(dir)
  const submitted = new Set(submissions(dir).flatMap((s) => s.indices))
  return m.tasks.map((t) => {
    const run = readTaskRun(dir, t.index)
    const sc = sched.get(t.index)
    const status = taskStatus(run, sc, submitted.has(t.index), localHost)
    const why =
      status === 'failed' || status === 'timed-out' || status === 'cancelled'
        ? (run?.error ??
          (sc ? `Slurm: ${sc.state}${sc.reason && sc.reason !== 'None' ? ` (${sc.reason})` : ''}` : null))
        : null
    return {
      index: t.index,
      status,
      params: t.params,
      run: run?.id ?? null,
      step: run?.step ?? null,
      targetSteps: t.targetSteps,
      metrics: run?.metrics ?? null,
      jobId: sc?.jobId ?? null,
      error: why
    }
  })
}

export function countStatuses(tasks: readonly SweepTaskState[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const t of tasks) counts[t.status] = (counts[t.status] ?? 0) + 1
  return counts
}

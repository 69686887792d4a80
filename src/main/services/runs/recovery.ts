// Crash recovery: runs whose process is gone become `interrupted`; a resume picks the newest checkpoint that
// verifies (size, sha256, readable state), drops unusable ones and everything recorded after it.
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { toAppErrorData } from '@shared/contract/errors'
import type { CheckpointsRepo } from '../../store/checkpoints-repo'
import type { RunsRepo } from '../../store/runs-repo'
import { readCheckpointState } from '../../model-files/checkpoint-file'

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Marks as `interrupted` every queued/running/paused run whose owner process is gone, or that names this
 * process but is not one of its live jobs (a previous life of the same pid).
 * @returns ids of the runs marked
 */
export function recoverInterrupted(runs: RunsRepo, liveHere: (id: string) => boolean, alive = processAlive): string[] {
  const marked: string[] = []
  for (const r of runs.live()) {
    if (liveHere(r.id)) continue
    const gone = r.ownerPid === null || r.ownerPid === process.pid || !alive(r.ownerPid)
    if (!gone) continue
    runs.setStatus(r.id, 'interrupted', { ownerPid: null })
    runs.addEvent(
      r.id,
      r.step,
      'interrupted',
      'The process running this fit stopped without finishing it; it can be resumed.'
    )
    marked.push(r.id)
  }
  return marked
}

export interface RestoredCheckpoint {
  /** Trainer state to continue from, or null to restart from step 0. */
  state: Uint8Array | null
  step: number
  elapsedS: number
  /** Early-stopping state to continue: the best held-out T'trial so far and the evaluations since it. */
  bestTTrial: number | null
  evalsSinceBest: number
}

/**
 * Finds the newest usable checkpoint of a run. Unusable ones (missing, truncated, altered, unreadable) are
 * recorded as events and dropped; so is everything after the chosen step (it will be replayed identically),
 * including files no row registers (temp files of a write the crash cut short).
 */
export async function restoreLatestCheckpoint(
  runs: RunsRepo,
  checkpoints: CheckpointsRepo,
  dataDir: string,
  runId: string
): Promise<RestoredCheckpoint> {
  let restored: RestoredCheckpoint = { state: null, step: 0, elapsedS: 0, bestTTrial: null, evalsSinceBest: 0 }
  for (const c of checkpoints.list(runId)) {
    const file = join(dataDir, c.file)
    try {
      const state = await readCheckpointState(file, c)
      restored = {
        state,
        step: c.step,
        elapsedS: c.elapsedS,
        // a checkpoint stored before the T'trial rule holds a loss-based state: the early stop starts over (no best,
        // no evaluation since); the run's old best stays flagged until the resumed fit's first finite T'trial
        ...(c.evalsSinceBest === null
          ? { bestTTrial: null, evalsSinceBest: 0 }
          : { bestTTrial: c.bestTTrial, evalsSinceBest: c.evalsSinceBest })
      }
      break
    } catch (err) {
      runs.addEvent(
        runId,
        c.step,
        'checkpoint-unusable',
        `Checkpoint at step ${c.step} is unusable (${toAppErrorData(err).message}); trying the previous one.`
      )
      checkpoints.remove(runId, c.step)
      rmSync(file, { force: true })
    }
  }
  for (const f of checkpoints.removeAfter(runId, restored.step)) rmSync(join(dataDir, f), { force: true })
  runs.truncateAfter(runId, restored.step)
  checkpoints.refreshBest(runId)
  sweepUnregistered(dataDir, runId, new Set(checkpoints.list(runId).map((c) => c.file)))
  return restored
}

/** Deletes files in the run's folder that no checkpoint row registers. */
function sweepUnregistered(dataDir: string, runId: string, registered: ReadonlySet<string>): void {
  const dir = join(dataDir, 'runs', runId)
  if (!existsSync(dir)) return
  for (const name of readdirSync(dir)) {
    const rel = join('runs', runId, name)
    if (!registered.has(rel)) rmSync(join(dir, name), { force: true })
  }
}

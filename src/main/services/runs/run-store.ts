// The stored side of runs, written in one place: run ids minted here, a run's row created here, and a
// checkpoint written (file, then row) here, whether a fit produced it or a model file was imported. The
// choice of a checkpoint by reference (best / last / step) is made here too, for every loader.
import { randomBytes } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { CheckpointRef } from '@shared/domain/comparison'
import type { ModelParams } from '../../engine'
import { writeCheckpointFile } from '../../model-files/checkpoint-file'
import { CheckpointsRepo, type CheckpointRecord } from '../../store/checkpoints-repo'
import type { Db } from '../../store/db'
import { RunsRepo, type NewRun } from '../../store/runs-repo'

/** What a new checkpoint records besides its file. */
export interface CheckpointWrite {
  step: number
  state: Uint8Array
  params: ModelParams
  /** Held-out loss and T'trial of the evaluation at this step (null: none here). */
  evalLoss: number | null
  tTrial: number | null
  /** The run's best held-out T'trial so far. */
  isBest: boolean
  /** Early-stopping state at this step: the best held-out T'trial and the evaluations since it. */
  bestTTrial: number | null
  evalsSinceBest: number
  elapsedS: number
}

export class RunStore {
  readonly runs: RunsRepo
  readonly checkpoints: CheckpointsRepo

  constructor(
    db: Db,
    readonly dataDir: string,
    readonly appVersion: string
  ) {
    this.runs = new RunsRepo(db)
    this.checkpoints = new CheckpointsRepo(db)
  }

  /** Stores a new run (status queued) under a fresh id; returns the id. */
  create(run: Omit<NewRun, 'id' | 'appVersion' | 'createdAt'>): string {
    const id = newRunId()
    this.runs.create({ ...run, id, appVersion: this.appVersion, createdAt: new Date().toISOString() })
    return id
  }

  /** Writes a checkpoint file of `runId` and registers it once the file is complete. */
  async writeCheckpoint(runId: string, c: CheckpointWrite): Promise<CheckpointRecord> {
    const rel = checkpointFile(runId, c.step)
    const abs = join(this.dataDir, rel)
    mkdirSync(dirname(abs), { recursive: true })
    const { bytes, sha256 } = await writeCheckpointFile(abs, {
      runId,
      step: c.step,
      appVersion: this.appVersion,
      evalLoss: c.evalLoss,
      state: c.state,
      params: c.params
    })
    const record: CheckpointRecord = {
      runId,
      step: c.step,
      file: rel,
      bytes,
      sha256,
      evalLoss: c.evalLoss,
      tTrial: c.tTrial,
      isBest: c.isBest,
      bestTTrial: c.bestTTrial,
      evalsSinceBest: c.evalsSinceBest,
      elapsedS: c.elapsedS,
      createdAt: new Date().toISOString()
    }
    this.checkpoints.register(record)
    return record
  }

  /** The checkpoint a reference names, or null when the run has none such. */
  findCheckpoint(runId: string, ref: CheckpointRef): CheckpointRecord | null {
    return pickCheckpoint(this.checkpoints.list(runId), ref)
  }

  /** The checkpoint a reference names. @throws AppError NOT_FOUND listing the steps the run has */
  checkpointOf(runId: string, ref: CheckpointRef): CheckpointRecord {
    const all = this.checkpoints.list(runId)
    const c = pickCheckpoint(all, ref)
    if (!c) {
      const have = all.map((x) => x.step).join(', ') || 'none'
      throw new AppError('NOT_FOUND', `run ${runId} has no checkpoint ${String(ref)} (checkpoints at steps: ${have})`, {
        field: 'checkpoint'
      })
    }
    return c
  }

  /** Absolute path of a checkpoint's file. */
  pathOf(c: CheckpointRecord): string {
    return join(this.dataDir, c.file)
  }
}

/**
 * The checkpoint a reference names among a run's checkpoints (newest first): `best` the one flagged best (the best
 * held-out T'trial; a run stored before that rule keeps the one its lowest held-out loss flagged), else the newest;
 * `last` the newest; a number the checkpoint at exactly that step.
 */
export function pickCheckpoint(newestFirst: readonly CheckpointRecord[], ref: CheckpointRef): CheckpointRecord | null {
  if (ref === 'best') return newestFirst.find((c) => c.isBest) ?? newestFirst[0] ?? null
  if (ref === 'last') return newestFirst[0] ?? null
  return newestFirst.find((c) => c.step === ref) ?? null
}

/** Checkpoint file of a run at a step, relative to the data dir. */
export function checkpointFile(runId: string, step: number): string {
  return join('runs', runId, `step-${String(step).padStart(9, '0')}.h5`)
}

/** Sortable, unique run id: run-YYYYMMDD-HHMMSS-xxxxxx. */
export function newRunId(): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `run-${t}-${randomBytes(3).toString('hex')}`
}

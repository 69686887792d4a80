// Held-out metrics of a stored checkpoint recomputed (runs.evaluate --recompute): the trainer restored from the
// checkpoint's state, on the dataset prepared exactly as the fit saw it. Plain data in, so that a worker thread
// (services/isolated) can run it and give its memory back when it ends.
import type { SessionData } from '@shared/domain/dataset'
import type { Metrics, SessionSplit } from '@shared/domain/fit'
import type { FitConfig } from '@shared/domain/model-config'
import { createTrainer } from '../../engine'
import { metricsToWire } from '../../store/runs-repo'
import { prepareFitData } from './fit-data'

/** One checkpoint evaluation, as structured-cloneable data. */
export interface CheckpointEvaluation {
  checkpointFile: string
  /** Size and sha256 of the checkpoint file as registered. */
  checkpoint: { bytes: number; sha256: string }
  /** The dataset's HDF5 file in the store. */
  datasetFile: string
  datasetName: string
  config: FitConfig
  split: SessionSplit[]
}

export interface EvaluationReaders {
  readCheckpointState(file: string, expected: { bytes: number; sha256: string }): Promise<Uint8Array>
  readSessions(file: string): Promise<SessionData[]>
}

/** Recomputes the held-out metrics of a checkpoint (deterministic: the same numbers as the fit). */
export async function evaluateCheckpoint(job: CheckpointEvaluation, read: EvaluationReaders): Promise<Metrics> {
  const state = await read.readCheckpointState(job.checkpointFile, job.checkpoint)
  const sessions = await read.readSessions(job.datasetFile)
  const { config } = job
  const prepared = prepareFitData(sessions, config.optim.heldOutFraction, job.split, job.datasetName, config.model.dtMs)
  const trainer = await createTrainer(prepared.data, config, state)
  try {
    return metricsToWire((await trainer.evaluate()) as unknown as Record<string, unknown>)
  } finally {
    await trainer.dispose()
  }
}

// A run's checkpoint brought back to life in this thread: its FitData (stored split), config and trainer
// state, for re-evaluating held-out metrics (CLI `eval --recompute`) and for exports/comparisons.
import { join } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { Metrics } from '@shared/domain/fit'
import type { FitConfig } from '@shared/domain/model-config'
import { createTrainer, type FitData } from '../../engine'
import type { CheckpointsRepo } from '../../store/checkpoints-repo'
import { metricsToWire, type RunsRepo } from '../../store/runs-repo'
import type { DatasetSource } from './runs-service'
import { readCheckpointState } from '../../model-files/checkpoint-file'
import { prepareFitData } from './fit-data'

export interface RunCheckpoint {
  runId: string
  step: number
  /** Absolute path of the checkpoint's HDF5 file. */
  file: string
  config: FitConfig
  data: FitData
  /** Trainer.saveState() bytes: createTrainer(data, config, state) continues from here. */
  state: Uint8Array
}

export interface CheckpointDeps {
  runs: RunsRepo
  checkpoints: CheckpointsRepo
  datasets: DatasetSource
  dataDir: string
}

/**
 * Loads a run's best (lowest held-out loss) or newest checkpoint, verified, with the data it was fitted on.
 * @throws AppError NOT_FOUND when the run has no checkpoint yet
 */
export async function loadRunCheckpoint(deps: CheckpointDeps, runId: string, which: 'best' | 'last' = 'best'): Promise<RunCheckpoint> {
  const stored = deps.runs.get(runId)
  const c = which === 'best' ? deps.checkpoints.best(runId) : (deps.checkpoints.list(runId)[0] ?? null)
  if (!c) throw new AppError('NOT_FOUND', `Run ${runId} has no checkpoint yet.`, { field: 'id' })
  const file = join(deps.dataDir, c.file)
  const state = await readCheckpointState(file, c)
  const sessions = await deps.datasets.sessions(stored.summary.datasetId)
  const { data } = prepareFitData(sessions, stored.config.optim.heldOutFraction, stored.split, stored.summary.datasetName, stored.config.model.dtMs)
  return { runId, step: c.step, file, config: stored.config, data, state }
}

/** Recomputes the held-out metrics of a checkpoint in this thread (deterministic: same numbers as the fit). */
export async function evaluateRunCheckpoint(deps: CheckpointDeps, runId: string, which: 'best' | 'last' = 'best'): Promise<{ step: number; metrics: Metrics }> {
  const ck = await loadRunCheckpoint(deps, runId, which)
  const trainer = await createTrainer(ck.data, ck.config, ck.state)
  try {
    const metrics = await trainer.evaluate()
    return { step: ck.step, metrics: metricsToWire(metrics as unknown as Record<string, unknown>) }
  } finally {
    await trainer.dispose()
  }
}

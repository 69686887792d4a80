// Held-out metrics of a run's checkpoint recomputed in this thread (CLI `eval --recompute`): the run loaded
// by its checkpoint reference, its trainer restored from the checkpoint's state.
import type { CheckpointRef } from '@shared/domain/comparison'
import type { Metrics } from '@shared/domain/fit'
import { createTrainer } from '../../engine'
import { metricsToWire } from '../../store/runs-repo'
import type { RunLoader } from './run-loader'

/** Recomputes the held-out metrics of a checkpoint (deterministic: the same numbers as the fit). */
export async function evaluateRunCheckpoint(
  loader: RunLoader,
  runId: string,
  ref: CheckpointRef = 'best'
): Promise<{ step: number; metrics: Metrics }> {
  const run = await loader.load(runId, ref)
  const trainer = await createTrainer(run.data, run.config, run.state)
  try {
    const metrics = await trainer.evaluate()
    return { step: run.step, metrics: metricsToWire(metrics as unknown as Record<string, unknown>) }
  } finally {
    await trainer.dispose()
  }
}

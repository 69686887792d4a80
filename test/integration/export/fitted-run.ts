// Test setup: a real store with the example dataset imported, and a run fitted in-process for a few steps
// (real engine, tiny config) whose checkpoint is registered exactly as the fit workflow registers it.
import { join } from 'node:path'
import { resolveFitConfig, type FitConfig } from '@shared/domain/model-config'
import { createTrainer } from '../../../src/main/engine'
import * as io from '../../../src/main/io/index'
import { createContainer, type Container } from '../../../src/main/services/container'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { metricsToWire } from '../../../src/main/store/runs-repo'

export const EXAMPLE = { seed: 3, sessions: 2, unitsPerSession: 12, trialsPerSession: 24 }

export const tinyConfig: FitConfig = resolveFitConfig({
  model: { neuronsPerArea: 12, nInputs: 16, warmupMs: 10, latentDim: 2 },
  optim: { batchSize: 6, steps: 2, seed: 11, heldOutFraction: 0.25 }
})

export async function storeWithExample(dir: string): Promise<{ c: Container; files: string[]; datasetId: string }> {
  const files = await io.writeExampleFiles(join(dir, 'rec'), EXAMPLE)
  const c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io, appRoot: dir })
  const mapping = io.generateExample(EXAMPLE).mapping
  const r = await c.datasets.import({ files, name: 'example', mapping })
  return { c, files, datasetId: r.dataset.id }
}

/** Fits `steps` steps in-process (at the config's model.dtMs, else the import's bin width) and registers the checkpoint + evaluation; returns the run id. */
export async function fittedRun(
  c: Container,
  datasetId: string,
  steps = 2,
  config: FitConfig = tinyConfig
): Promise<string> {
  const sessions = await c.datasets.sessions(datasetId)
  const prepared = prepareFitData(sessions, config.optim.heldOutFraction, null, 'example', config.model.dtMs)
  const runs = c.runStore.runs
  const id = c.runStore.create({
    name: 'tiny',
    datasetId,
    datasetName: 'example',
    config,
    split: prepared.split,
    targetSteps: steps,
    timeLimitS: null
  })
  const trainer = await createTrainer(prepared.data, config)
  const records = []
  for (let i = 0; i < steps; i++) records.push(await trainer.runStep())
  const metrics = metricsToWire((await trainer.evaluate()) as unknown as Record<string, unknown>)
  runs.appendSteps(id, records, 1)
  runs.addEvaluation(id, trainer.step, metrics)
  await c.runStore.writeCheckpoint(id, {
    step: trainer.step,
    state: trainer.saveState(),
    params: trainer.exportParams(),
    evalLoss: metrics.eval_loss,
    tTrial: metrics.t_trial_pearson,
    isBest: true,
    bestTTrial: metrics.t_trial_pearson,
    evalsSinceBest: 0,
    elapsedS: 1
  })
  runs.setStatus(id, 'completed', {
    stopReason: 'completed',
    backend: trainer.backend.name,
    threads: trainer.backend.threads
  })
  await trainer.dispose()
  return id
}

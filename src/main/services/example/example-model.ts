// The fitted example model shipped in resources/example: how `npm run make-example -- --with-model` makes it (a fit
// of the bundled example with fixed settings, seed and thread count, through the app's own fit service) and writes
// it as a model file whose bytes depend only on the data and the settings, so regenerating it gives the same file.
import { basename, join } from 'node:path'
import { fitConfigSchema, type FitConfig } from '@shared/domain/model-config'
import { withFixedClock } from '../../io/h5/fixed-clock'
import { withStructuralArrays } from '../../model-files/model-extras'
import { writeModelFile } from '../../model-files/model-h5'
import type { Provenance } from '../../model-files/provenance'
import type { Container } from '../container'
import { runProvenance } from '../exports/run-provenance'
import { runsServiceOf } from '../runs/domain'
import { importExample } from './example-dataset'

export const EXAMPLE_MODEL_FILE = 'fitted-model.h5'
export const EXAMPLE_MODEL_RUN_NAME = 'Example model (shipped with the app)'
export const EXAMPLE_MODEL_COMMAND = 'npm run make-example -- --with-model'
/** Steps of the shipped fit: the held-out T'trial has levelled off by then (docs/fit-speed.md). */
export const EXAMPLE_MODEL_STEPS = 400
/** The thread count is fixed too: the engine is deterministic whatever it is, and this keeps the record honest. */
const EXAMPLE_MODEL_THREADS = 2
/** The file's dates (and HDF5 object times): the example recordings' session start, not the day it was made. */
const EXAMPLE_FILE_DATE = '2024-01-01T00:00:00.000Z'

/**
 * The shipped fit's settings: the benchmark's network (100 neurons per area, so every recorded unit has its own
 * neuron), batch 64, learning rate 2·10⁻³, resting potentials from the recorded rates, an evaluation and a
 * checkpoint every 10 steps; the best checkpoint (highest held-out T'trial) is the one shipped.
 */
export function exampleModelConfig(steps = EXAMPLE_MODEL_STEPS, seed = 1): FitConfig {
  const every = Math.min(10, steps)
  return fitConfigSchema.parse({
    model: { neuronsPerArea: 100, initRatesFromData: true },
    optim: { batchSize: 64, lr: 2e-3, steps, seed, evalEvery: every, checkpointEvery: every, earlyStopPatience: 0 },
    engine: { threads: EXAMPLE_MODEL_THREADS }
  })
}

export interface MadeExampleModel {
  path: string
  sidecarPath: string
  step: number
  provenance: Provenance
}

/**
 * Imports the example in `c`'s store as the first start does, fits it with `config`, and writes the best checkpoint
 * (highest held-out T'trial) to `dir`/fitted-model.h5 (+ sidecar). Run ids, store ids, paths and dates are replaced by fixed values
 * (said so in `madeBy`), so the file's bytes depend only on the recordings and the settings.
 */
export async function makeExampleModel(
  c: Container,
  dir: string,
  config: FitConfig = exampleModelConfig(),
  onProgress: (line: string) => void = () => {}
): Promise<MadeExampleModel> {
  const imported = await importExample(c)
  if (!imported) throw new Error(`no bundled example recordings in ${c.examplesDir}`)
  const fits = runsServiceOf(c.domains)
  let shown = ''
  const off = c.events.subscribe((e) => {
    if (e.name !== 'fit.progress') return
    const p = e.payload as { step: number; metrics?: { t_trial_pearson?: number | null } | null }
    const line = `step ${p.step}: held-out T'trial ${p.metrics?.t_trial_pearson?.toFixed(3)}`
    if (!p.metrics || p.step % 50 !== 0 || line === shown) return // progress events repeat the last evaluation
    shown = line
    onProgress(line)
  })
  const started = await fits.start({ datasetId: imported.dataset.id, config, name: EXAMPLE_MODEL_RUN_NAME })
  const end = await fits.waitFor(started.id)
  off()
  if (end.status !== 'completed') throw new Error(`the example fit ended ${end.status}: ${end.error?.message ?? ''}`)
  const run = await c.runLoader.load(end.id, 'best')
  const relative = (file: string): string => `resources/example/${basename(file)}`
  const made = runProvenance(c, run)
  const { runStartedAt: _started, ...rest } = made
  const provenance: Provenance = {
    ...rest,
    runId: 'example-model',
    runName: EXAMPLE_MODEL_RUN_NAME,
    datasetId: 'example',
    datasetHashes: made.datasetHashes.map((h) => ({ ...h, sourceFile: relative(h.sourceFile) })),
    exportedAt: EXAMPLE_FILE_DATE,
    madeBy:
      `${EXAMPLE_MODEL_COMMAND}: ${config.optim.steps} steps, seed ${config.optim.seed}, ${run.backend.threads} threads ` +
      `(${run.backend.name}); the best checkpoint (highest held-out T'trial, step ${run.step}). Its dates are fixed at the example's ` +
      'session start so that regenerating it gives the same file.'
  }
  const written = await withFixedClock(Date.parse(EXAMPLE_FILE_DATE), () =>
    writeModelFile(
      join(dir, EXAMPLE_MODEL_FILE),
      {
        params: withStructuralArrays(run.params, run.config),
        config: run.config,
        provenance,
        state: run.state,
        recordedSessions: run.recordedSessions.map((s) => ({ ...s, sourceFile: relative(s.sourceFile) })),
        split: run.split
      },
      { force: true }
    )
  )
  return { ...written, step: run.step, provenance }
}

// First start: the bundled example recordings become a dataset, and the fitted example model shipped beside them
// becomes a run of it (once per store: a user who deletes that run does not get it back at the next start), so the
// comparison views have a well-fitted model to show before anyone has fitted anything.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { toAppErrorData } from '@shared/contract/errors'
import { readModelFile } from '../../model-files/model-h5'
import type { ServiceContext } from '../domain'
import { ExportsService } from '../exports/domain'
import { importExample } from './example-dataset'
import { readExampleMarker, writeExampleMarker } from './example-marker'
import { EXAMPLE_MODEL_COMMAND, EXAMPLE_MODEL_FILE, EXAMPLE_MODEL_RUN_NAME } from './example-model'

/** Imports the example dataset unless the store has it, then its shipped model unless it was loaded before. */
export async function ensureExample(c: ServiceContext, log: (line: string) => void): Promise<void> {
  const r = await importExample(c)
  if (!r) return log(`No bundled example found in ${c.examplesDir} (run \`npm run make-example\`).`)
  log(
    r.existing
      ? `Example dataset already in the store (${r.dataset.id}).`
      : `Imported the example dataset (${r.dataset.id}).`
  )
  try {
    const runId = await ensureExampleModel(c)
    if (runId) log(`Loaded the shipped example model as run ${runId}.`)
  } catch (err) {
    // The app still starts: the model is a convenience, the dataset is there.
    log(`The shipped example model could not be loaded: ${toAppErrorData(err).message}`)
  }
}

/**
 * Loads resources/example/fitted-model.h5 as a completed run, marked as the shipped example model with how it was
 * made, unless this store already loaded this very file (by hash). Returns the new run's id, or null.
 */
export async function ensureExampleModel(c: ServiceContext): Promise<string | null> {
  const file = join(c.examplesDir, EXAMPLE_MODEL_FILE)
  if (!existsSync(file)) return null
  const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex')
  if (readExampleMarker(c.paths.dataDir)?.modelSha256 === sha256) return null
  const madeBy = (await readModelFile(file)).provenance.madeBy ?? `${EXAMPLE_MODEL_COMMAND} (no record of settings)`
  const imported = await new ExportsService(c).importModel({ path: file, name: EXAMPLE_MODEL_RUN_NAME })
  c.runStore.runs.addEvent(
    imported.runId,
    imported.step,
    'note',
    `The example model shipped with RSNN Studio, made by ${madeBy} Fit it again yourself from the Fit view.`
  )
  writeExampleMarker(c.paths.dataDir, {
    modelSha256: sha256,
    runId: imported.runId,
    madeBy,
    at: new Date().toISOString()
  })
  return imported.runId
}

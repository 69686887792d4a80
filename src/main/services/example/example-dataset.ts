// The bundled example recordings as a dataset: imported the one way both the first start and the example model's
// fit use, so the model's dataset content hash finds the dataset the app imported.
import type { ImportResult } from '@shared/contract/datasets-methods'
import { exampleFiles } from '../datasets/domain'
import type { ServiceContext } from '../domain'

export const EXAMPLE_NAME = 'Example: two-area pseudodata'

/** Imports the bundled example unless the store has it (same content and default mapping); null when none ships. */
export async function importExample(c: ServiceContext): Promise<ImportResult | null> {
  const files = exampleFiles(c.examplesDir)
  if (files.length === 0) return null
  return c.datasets.import({ files, name: EXAMPLE_NAME })
}

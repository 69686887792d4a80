// Writes the example dataset as NWB files (one per session) plus its ground truth as JSON.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { withFixedClock } from '../h5/fixed-clock'
import { writeNwb } from '../nwb/write-nwb'
import { generateExample, type ExampleOptions, type ExampleTruth } from './generate'

/** Ground truth as plain JSON (typed arrays → arrays, NaN → null). */
export function truthJson(truth: ExampleTruth): string {
  return JSON.stringify(truth, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>)
    if (typeof v === 'number' && !Number.isFinite(v)) return null
    return v
  })
}

/**
 * Generates and writes `dir/pseudo-session-<i>.nwb` and `dir/truth.json`; returns the NWB paths. The same options
 * give byte-identical files (HDF5's object times are held at the session start), so a shipped model fitted to
 * them still finds them by content hash after `npm run make-example`.
 */
export async function writeExampleFiles(dir: string, options: ExampleOptions = {}): Promise<string[]> {
  mkdirSync(dir, { recursive: true })
  const ex = generateExample(options)
  const files: string[] = []
  for (const input of ex.nwb) {
    const path = join(dir, `${input.identifier}.nwb`)
    await withFixedClock(Date.parse(input.sessionStart), () => writeNwb(path, input))
    files.push(path)
  }
  writeFileSync(join(dir, 'truth.json'), truthJson(ex.truth))
  return files
}

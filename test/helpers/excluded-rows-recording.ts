// A recording whose trials-table rows do not line up with a fit's kept trials: the example's NWB files with some rows
// dropped at import (outcome "Ignore", mapped to exclude) and others marked perturbed (column "opto", left out of a
// fit). Tests of how a recorded trial is named (integration and e2e) write it the same way.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ImportMapping } from '@shared/domain/import-mapping'
import * as io from '../../src/main/io/index'
import { writeNwb } from '../../src/main/io/nwb/write-nwb'

/** Row k is dropped at import when k % 5 = 1 (outcome "Ignore"). */
export const dropped = (k: number): boolean => k % 5 === 1
/** Row k is perturbed (left out of a fit) when k % 6 = 0 and not dropped. */
export const perturbed = (k: number): boolean => k % 6 === 0 && !dropped(k)

export interface ExcludedRowsRecording {
  files: string[]
  /** Imports the files with the dropped rows excluded and "opto" as the perturbation column. */
  mapping: ImportMapping
  /** Each session's trials-table outcome column as written, by session name. */
  fileOutcome: Map<string, string[]>
}

/** Writes the example generated with `options` into `dir`/rec, one NWB file per session. */
export async function writeExcludedRowsRecording(
  dir: string,
  options: io.ExampleOptions
): Promise<ExcludedRowsRecording> {
  const ex = io.generateExample(options)
  const files: string[] = []
  const fileOutcome = new Map<string, string[]>()
  mkdirSync(join(dir, 'rec'), { recursive: true })
  for (const s of ex.nwb) {
    const cols = s.trials!.columns
    const n = s.trials!.start.length
    cols['opto'] = { data: Array.from({ length: n }, (_, k) => (perturbed(k) ? 'light' : '0')), description: 'opto' }
    const outcome = cols['outcome']!.data as string[]
    for (let k = 0; k < n; k++) if (dropped(k)) outcome[k] = 'Ignore'
    fileOutcome.set(s.identifier, [...outcome])
    const file = join(dir, 'rec', `${s.identifier}.nwb`)
    await writeNwb(file, s)
    files.push(file)
  }
  const mapping: ImportMapping = {
    ...ex.mapping,
    outcomeMap: { ...ex.mapping.outcomeMap, Ignore: 'exclude' },
    perturbationColumn: 'opto'
  }
  return { files, mapping, fileOutcome }
}

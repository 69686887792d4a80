// The report export: builds every table (CSV) and figure (SVG) of a run from the comparisons API in memory, then
// writes them into their folders all-or-nothing (checked first, temp files, renamed into place together).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Api } from '@shared/contract/methods'
import type { CheckpointRef } from '@shared/domain/comparison'
import { planOutputs, writeAtomically } from '../../model-files/atomic-output'
import { tableCsv } from '@shared/tables/table'
import { datasetTimeAxis } from '@shared/domain/time-axis'
import { reportFigures } from './figures'
import { reportTables } from './tables'

export interface ReportRequest {
  runId: string
  checkpoint: CheckpointRef
  /** Seed of the generated trials the views compare against (same seed → same files). */
  seed: number
  /** Folder for the CSV tables (must exist), or undefined for none. */
  tablesDir?: string
  /** Folder for the SVG figures (must exist), or undefined for none. */
  figuresDir?: string
}

/** One file of the report: where it goes and its full text. */
export interface ReportFile {
  path: string
  text: string
  kind: 'table' | 'figure'
}

/** Computes the views of the run (one simulation, shared by variability and behaviour) and renders every file. */
export async function buildReport(
  api: Api,
  req: ReportRequest
): Promise<{ checkpointStep: number; files: ReportFile[] }> {
  const view = { runId: req.runId, checkpoint: req.checkpoint, seed: req.seed }
  const variability = await api['comparisons.variability'](view)
  const behaviour = await api['comparisons.behaviour'](view)
  const run = (await api['comparisons.runs']({ runIds: [req.runId] })).runs[0]!
  const connectivity = await api['comparisons.connectivity']({ runId: req.runId, checkpoint: req.checkpoint })
  // The time axes' alignment and task events, as the app's model views get them (its dataset's sessions).
  const { run: summary } = await api['runs.get']({ id: req.runId, maxPoints: 2 })
  const axis = datasetTimeAxis((await api['datasets.show']({ id: summary.datasetId })).sessions)
  const files: ReportFile[] = []
  if (req.tablesDir !== undefined) {
    for (const t of reportTables(variability, behaviour, connectivity, run))
      files.push({ path: join(req.tablesDir, `${t.name}.csv`), text: tableCsv(t), kind: 'table' })
  }
  if (req.figuresDir !== undefined) {
    for (const f of reportFigures(variability, behaviour, connectivity, run, axis))
      files.push({ path: join(req.figuresDir, `${f.name}.svg`), text: f.svg, kind: 'figure' })
  }
  return { checkpointStep: variability.checkpointStep, files }
}

/** Writes the files all-or-nothing; refuses a missing/read-only folder or a name clash (unless `force`). */
export async function writeReport(files: ReportFile[], force: boolean): Promise<void> {
  const plan = planOutputs(
    files.map((f) => f.path),
    force
  )
  await writeAtomically(plan, async (temps) => {
    temps.forEach((t, i) => writeFileSync(t, files[i]!.text, 'utf8'))
  })
}

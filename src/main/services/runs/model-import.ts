// Model file → store: which stored dataset a model belongs to, and the checks that it still fits that dataset
// (same sessions, unit counts and split) before a run is recreated from it.
import { AppError } from '@shared/contract/errors'
import { metricsSchema, type Metrics } from '@shared/domain/fit'
import type { FitData } from '../../engine'
import type { ServiceContext } from '../domain'
import { metricsToWire } from '../../store/runs-repo'
import { prepareFitData } from './fit-data'
import type { ModelFileContent } from '../../model-files/model-format'

/** The stored dataset the model was fitted to: same content hash, else the same set of source file hashes. */
export function findModelDataset(ctx: ServiceContext, m: ModelFileContent, file: string): { id: string; name: string } {
  const p = m.provenance
  const byHash = p.datasetContentHash ? ctx.datasets.repo.findByHash(p.datasetContentHash) : undefined
  if (byHash) return { id: byHash.id, name: byHash.name }
  const wanted = new Set(p.datasetHashes.map((h) => h.sha256).filter((h) => h !== ''))
  for (const d of ctx.datasets.repo.list()) {
    const have = new Set(ctx.datasets.repo.files(d.id).map((f) => f.sha256))
    if (wanted.size > 0 && [...wanted].every((h) => have.has(h))) return { id: d.id, name: d.name }
  }
  const files = p.datasetHashes.map((h) => `${h.sourceFile} (sha256 ${h.sha256.slice(0, 12)}…)`).join(', ')
  throw new AppError(
    'NOT_FOUND',
    `the dataset this model was fitted to ("${p.datasetName ?? p.datasetId}": ${files || 'no files listed'}) is not in the store: import those recordings first, with the same mapping`,
    { file, field: '/provenance' }
  )
}

/** Prepares the dataset with the model's split and checks sessions and units line up with the model's maps. */
export async function importedRunParts(
  ctx: ServiceContext,
  m: ModelFileContent,
  dataset: { id: string; name: string },
  file: string
): Promise<{ data: FitData; metrics: Metrics; warnings: string[] }> {
  const sessions = await ctx.datasets.sessions(dataset.id)
  const prepared = prepareFitData(sessions, m.config.optim.heldOutFraction, m.split, dataset.name, m.config.model.dtMs)
  const names = prepared.data.sessions.map((s) => s.name)
  const expected = m.recordedSessions.map((s) => s.name)
  if (names.join('\n') !== expected.join('\n')) {
    throw new AppError(
      'SHAPE_MISMATCH',
      `the model links to sessions [${expected.join(', ')}] but the stored dataset "${dataset.name}" gives [${names.join(', ')}]`,
      { file, field: '/structure/recorded_sessions' }
    )
  }
  m.recordedSessions.forEach((r, i) => {
    const units = prepared.data.sessions[i]!.unitArea.length
    if (r.unitSourceIds.length !== units) {
      throw new AppError(
        'SHAPE_MISMATCH',
        `session ${r.name} has ${units} units in the store but ${r.unitSourceIds.length} in the model`,
        { file, field: '/structure/recorded_sessions' }
      )
    }
  })
  const warnings: string[] = [...prepared.notes]
  if (m.provenance.appVersion !== ctx.version)
    warnings.push(`exported by RSNN Studio ${m.provenance.appVersion}; this is ${ctx.version}`)
  const parsed = metricsSchema.safeParse(metricsToWire(m.provenance.metrics ?? {}))
  return { data: prepared.data, metrics: parsed.success ? parsed.data : metricsToWire({}), warnings }
}

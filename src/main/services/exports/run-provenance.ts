// Provenance of what the exports service writes from a stored run: app, run, dataset hashes, seed, metrics.
import { basename } from 'node:path'
import type { Provenance } from '../../model-files/provenance'
import type { ServiceContext } from '../domain'
import type { LoadedRun } from '../runs/run-loader'

/** Provenance block of a model file exported from `run`. */
export function runProvenance(ctx: ServiceContext, run: LoadedRun): Provenance {
  const row = ctx.datasets.repo.get(run.datasetId)
  const files = ctx.datasets.repo.files(run.datasetId)
  const hashOf = (src: string): string =>
    (files.find((f) => f.path === src) ?? files.find((f) => basename(f.path) === basename(src)))?.sha256 ?? ''
  return {
    app: 'rsnn-studio',
    appVersion: ctx.version,
    engineBackend: run.backend,
    runId: run.runId,
    runName: run.runName,
    datasetId: run.datasetId,
    datasetName: run.datasetName,
    datasetContentHash: row?.content_hash ?? '',
    datasetHashes: run.sessions.map((x) => ({
      session: x.name,
      sourceFile: x.sourceFile,
      sha256: hashOf(x.sourceFile)
    })),
    seed: run.config.optim.seed,
    steps: run.step,
    metrics: run.metrics as Record<string, unknown> | null,
    ...(run.startedAt ? { runStartedAt: run.startedAt } : {}),
    exportedAt: new Date().toISOString(),
    ...(run.sweep ? { sweep: run.sweep } : {})
  }
}

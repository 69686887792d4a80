// Builds the application: store, io, event bus, and every domain's services + handlers. Shared by the
// Electron service child, browser mode (serve.ts) and the CLI. To add a domain: one line in `domains`.
import { join } from 'node:path'
import type { Handlers } from '@shared/contract/methods'
import { version } from '../../../package.json'
import { sweepTempFiles } from '../io/temp-files'
import { openDb } from '../store/db'
import { storePaths } from '../paths'
import { appDomain } from './app/domain'
import { DatasetsService } from './datasets/datasets-service'
import { datasetsDomain } from './datasets/domain'
import { runsDomain } from './runs/domain'
import { RunLoader } from './runs/run-loader'
import { RunStore } from './runs/run-store'
import { exportsDomain } from './exports/domain'
import { comparisonsDomain } from './comparisons/domain'
import { perturbationsDomain } from './perturbations/domain'
import { findAppRoot } from './app-root'
import { sweepsDomain } from './sweeps/sweeps-domain'
import { EventBus } from './events'
import { mergeHandlers, type Domain, type DomainInstance, type RunMode, type ServiceContext } from './domain'
import { DatasetTimescales } from './timescale/dataset-timescales'
import { timescaleDomain } from './timescale/domain'
import type { IoPort } from './io-port'
import { inThreadWork, type WorkPort } from './work-port'

/** Every domain, in creation order (later ones may use earlier ones' services through the context). */
const domains: Domain[] = [
  appDomain,
  datasetsDomain,
  runsDomain,
  exportsDomain,
  comparisonsDomain,
  perturbationsDomain,
  timescaleDomain,
  sweepsDomain
  // … one line each, the domain's file exports a `Domain`
]

export interface ContainerOptions {
  dataDir: string
  mode: RunMode
  /** The HDF5 readers/writers; tests pass fakes. */
  io: IoPort
  /** Checkpoint reads and evaluations; serve and the CLI pass services/isolated (a worker thread per call). */
  work?: WorkPort
  /** Repository root (holds resources/); default: found upward from this file. */
  appRoot?: string
  /** The bundled example's folder; default <appRoot>/resources/example (make-example writes elsewhere on request). */
  examplesDir?: string
}

export interface Container extends ServiceContext {
  handlers: Partial<Handlers>
  /** Instances by domain name (e.g. to reach a domain's service from its CLI command). */
  domains: Map<string, DomainInstance>
  close(): Promise<void>
}

/** Opens the store in `dataDir` (migrating it) and creates every domain. */
export async function createContainer(opts: ContainerOptions): Promise<Container> {
  const paths = storePaths(opts.dataDir)
  const db = openDb(paths.db)
  // Temp files of imports, checkpoints or exports whose process was killed mid-write.
  sweepTempFiles(paths.dataDir)
  const events = new EventBus()
  const root = opts.appRoot ?? findAppRoot(__dirname)
  const datasets = new DatasetsService(db, paths, opts.io, events)
  const runStore = new RunStore(db, paths.dataDir, version)
  const work = opts.work ?? inThreadWork(opts.io)
  const ctx: ServiceContext = {
    mode: opts.mode,
    version,
    paths,
    db,
    events,
    io: opts.io,
    work,
    examplesDir: opts.examplesDir ?? join(root, 'resources', 'example'),
    datasets,
    timescales: new DatasetTimescales(db, datasets),
    runStore,
    runLoader: new RunLoader(runStore, datasets, work)
  }
  const created: { name: string; instance: DomainInstance }[] = []
  try {
    for (const d of domains) created.push({ name: d.name, instance: await d.create(ctx) })
  } catch (err) {
    db.close()
    throw err
  }
  let closed = false
  return {
    ...ctx,
    handlers: mergeHandlers(created),
    domains: new Map(created.map((c) => [c.name, c.instance])),
    async close() {
      if (closed) return
      closed = true
      for (const c of [...created].reverse()) await c.instance.close?.()
      db.close()
    }
  }
}

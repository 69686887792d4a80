// The handler table: every domain contributes {method → service call} for its own methods; merged here.
import type { MethodName, Handlers } from '@shared/contract/methods'
import type { Db } from '../store/db'
import type { StorePaths } from '../paths'
import type { DatasetsService } from './datasets/datasets-service'
import type { DatasetTimescales } from './timescale/dataset-timescales'
import type { EventBus } from './events'
import type { IoPort } from './io-port'
import type { WorkPort } from './work-port'
import type { RunLoader } from './runs/run-loader'
import type { RunStore } from './runs/run-store'

/** Where a process runs the services: the Electron app's service child, browser mode, or the CLI. */
export type RunMode = 'electron' | 'browser' | 'cli'

/** What every domain gets: the store, io, events, the core datasets service, and the runs' store and loader. */
export interface ServiceContext {
  mode: RunMode
  version: string
  paths: StorePaths
  db: Db
  events: EventBus
  io: IoPort
  /** Checkpoint reads and evaluations, in a worker thread per call where the entry provides one. */
  work: WorkPort
  /** Absolute folder of the bundled example recordings. */
  examplesDir: string
  datasets: DatasetsService
  /** Ceilings by smoothing width and the time-scale suggestion of stored datasets. */
  timescales: DatasetTimescales
  /** Creates runs and writes their checkpoints (the one place run ids are minted). */
  runStore: RunStore
  /** Loads a stored run at a checkpoint reference (best / last / step), cached. */
  runLoader: RunLoader
}

/** Handlers for the methods of one domain prefix, all required: `HandlersFor<'datasets'>`. */
export type HandlersFor<P extends string> = Pick<Handlers, Extract<MethodName, `${P}.${string}`>>

export interface DomainInstance {
  handlers: Partial<Handlers>
  /** Stops background work (fits, timers) before the store closes. */
  close?(): void | Promise<void>
}

/** One application domain (datasets, fits, exports…): its services and handlers, in its own file. */
export interface Domain {
  name: string
  create(ctx: ServiceContext): DomainInstance | Promise<DomainInstance>
}

/** Merges the domains' handler tables; a method claimed twice is a programming error. */
export function mergeHandlers(instances: { name: string; instance: DomainInstance }[]): Partial<Handlers> {
  const out: Record<string, unknown> = {}
  const owner: Record<string, string> = {}
  for (const { name, instance } of instances) {
    for (const [method, fn] of Object.entries(instance.handlers)) {
      if (owner[method]) throw new Error(`handler for ${method} registered by both ${owner[method]} and ${name}`)
      owner[method] = name
      out[method] = fn
    }
  }
  return out as Partial<Handlers>
}

/** Contract methods no domain serves yet (reported at start-up; calling one answers NOT_FOUND). */
export function missingHandlers(handlers: Partial<Handlers>, all: readonly string[]): string[] {
  return all.filter((m) => !Object.hasOwn(handlers, m))
}

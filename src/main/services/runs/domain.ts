// runs.* handlers over RunsService, with fits run in worker threads (ThreadHost); registered in container.ts.
import { ThreadHost } from '../../fit-host/thread-host'
import type { FitHost } from '../../fit-host/fit-host'
import { RunsService } from './runs-service'
import type { Domain, DomainInstance, HandlersFor } from '../domain'

export interface RunsInstance extends DomainInstance {
  service: RunsService
}

/** The runs domain with a given host factory (tests and benches may run fits elsewhere). */
export function createRunsDomain(makeHost: () => FitHost = () => new ThreadHost()): Domain {
  return {
    name: 'runs',
    create: (ctx): RunsInstance => {
      const service = new RunsService({
        db: ctx.db,
        dataDir: ctx.paths.dataDir,
        host: makeHost(),
        datasets: ctx.datasets,
        emit: (name, payload) => ctx.events.emit(name, payload),
        appVersion: ctx.version,
        store: ctx.runStore,
        loader: ctx.runLoader,
        work: ctx.work
      })
      const handlers: HandlersFor<'runs'> = {
        'runs.start': (input) => service.start(input),
        'runs.plan': (input) => service.plan(input),
        'runs.pause': ({ id }) => service.pause(id),
        'runs.resume': ({ id, steps, minutes }) => service.resume(id, { steps, minutes }),
        'runs.cancel': ({ id }) => service.cancel(id),
        'runs.rename': ({ id, name }) => service.rename(id, name),
        'runs.list': ({ datasetId }) => service.list(datasetId),
        'runs.get': ({ id, maxPoints }) => service.get(id, maxPoints),
        'runs.evaluate': ({ id, checkpoint, recompute }) => service.evaluate(id, { which: checkpoint, recompute }),
        'runs.delete': ({ id }) => service.delete(id)
      }
      return { service, handlers, close: () => service.close() }
    }
  }
}

export const runsDomain = createRunsDomain()

/** The RunsService of a container built with the runs domain (benches and sweep tasks use it). */
export function runsServiceOf(domains: ReadonlyMap<string, DomainInstance>): RunsService {
  const inst = domains.get('runs') as RunsInstance | undefined
  if (!inst) throw new Error('the runs domain is not registered in services/container.ts')
  return inst.service
}

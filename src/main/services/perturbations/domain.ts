// perturbations.* handlers over PerturbationsService; registered in services/container.ts.
import type { Domain, DomainInstance, HandlersFor } from '../domain'
import { PerturbationsService, type PerturbationsOptions } from './service'

export interface PerturbationsInstance extends DomainInstance {
  service: PerturbationsService
}

export function createPerturbationsDomain(opts: PerturbationsOptions = {}): Domain {
  return {
    name: 'perturbations',
    create: (ctx): PerturbationsInstance => {
      const service = new PerturbationsService(ctx, ctx.runLoader, opts)
      const handlers: HandlersFor<'perturbations'> = {
        'perturbations.start': (input) => service.start(input),
        'perturbations.cancel': ({ id }) => service.cancel(id),
        'perturbations.list': ({ runId }) => service.list(runId),
        'perturbations.get': ({ id }) => service.get(id),
        'perturbations.setup': ({ runId }) => service.setup(runId)
      }
      return { service, handlers, close: () => service.close() }
    }
  }
}

export const perturbationsDomain = createPerturbationsDomain()

/** The PerturbationsService of a container (tests drive it directly; the CLI goes through the API). */
export function perturbationsServiceOf(domains: ReadonlyMap<string, { handlers: unknown }>): PerturbationsService {
  const inst = domains.get('perturbations') as PerturbationsInstance | undefined
  if (!inst) throw new Error('the perturbations domain is not registered in services/container.ts')
  return inst.service
}

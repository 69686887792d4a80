// sweeps.* handlers over SweepsService; registered in container.ts.
import type { Domain, DomainInstance, HandlersFor } from '../domain'
import { hasSlurm } from './slurm'
import { SweepsService } from './sweeps-service'

export interface SweepsInstance extends DomainInstance {
  service: SweepsService
}

export const sweepsDomain: Domain = {
  name: 'sweeps',
  create: (ctx): SweepsInstance => {
    const service = new SweepsService(ctx)
    const handlers: HandlersFor<'sweeps'> = {
      'sweeps.list': () => service.list(),
      'sweeps.status': ({ dir }) => service.status(dir),
      'sweeps.launch': async ({ sweep, out, slurm, submit }) => {
        const w = service.write({ sweep, mode: 'slurm', slurm, ...(out ? { out } : {}) })
        const command = w.command!.map((a) => (/^[\w./=%,:-]+$/.test(a) ? a : `'${a}'`)).join(' ')
        const base = { dir: w.dir, id: w.manifest.id, tasks: w.manifest.tasks.length, script: w.script!, command }
        if (!submit) return { ...base, submitted: null, note: 'written, not submitted' }
        if (!hasSlurm())
          return { ...base, submitted: null, note: 'sbatch is not on this machine: run the command on the cluster' }
        const sub = await service.submit(w.dir, {
          ...(w.existed ? { rerun: true } : {}),
          ...(slurm.maxParallel ? { maxParallel: slurm.maxParallel } : {})
        })
        return {
          ...base,
          submitted: sub ? { jobId: sub.jobId } : null,
          note: sub ? null : 'every task is completed or queued already'
        }
      },
      'sweeps.merge': ({ dir }) => service.merge(dir)
    }
    return { service, handlers }
  }
}

/** The SweepsService of a container (CLI commands use it). */
export function sweepsServiceOf(domains: ReadonlyMap<string, DomainInstance>): SweepsService {
  const inst = domains.get('sweeps') as SweepsInstance | undefined
  if (!inst) throw new Error('the sweeps domain is not registered in services/container.ts')
  return inst.service
}

// fits.* handlers over FitsService, with fits run in worker threads (ThreadHost); registered in container.ts.
import { ThreadHost } from '../fit-host/thread-host';
import { FitsService } from './fits';
/** The fits domain with a given host factory (tests and benches may run fits elsewhere). */
export function createFitsDomain(makeHost = () => new ThreadHost()) {
    return {
        name: 'fits',
        create: (ctx) => {
            const service = new FitsService({
                db: ctx.db,
                dataDir: ctx.paths.dataDir,
                host: makeHost(),
                datasets: ctx.datasets,
                emit: (name, payload) => ctx.events.emit(name, payload),
                appVersion: ctx.version
            });
            const handlers = {
                'fits.start': (input) => service.start(input),
                'fits.pause': ({ id }) => service.pause(id),
                'fits.resume': ({ id, steps, minutes }) => service.resume(id, { steps, minutes }),
                'fits.cancel': ({ id }) => service.cancel(id),
                'fits.rename': ({ id, name }) => service.rename(id, name),
                'fits.list': ({ datasetId }) => service.list(datasetId),
                'fits.get': ({ id, maxPoints }) => service.get(id, maxPoints),
                'fits.delete': ({ id }) => service.delete(id)
            };
            return { service, handlers, close: () => service.close() };
        }
    };
}
export const fitsDomain = createFitsDomain();
/** The FitsService of a container built with the fits domain (CLI commands use it). */
export function fitsServiceOf(domains) {
    const inst = domains.get('fits');
    if (!inst)
        throw new Error('the fits domain is not registered in services/container.ts');
    return inst.service;
}

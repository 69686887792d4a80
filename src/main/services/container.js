// Builds the application: store, io, event bus, and every domain's services + handlers. Shared by the
// Electron service child, browser mode (serve.ts) and the CLI. To add a domain: one line in `domains`.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { version } from '../../../package.json';
import { openDb } from '../store/db';
import { storePaths } from '../paths';
import { appDomain } from './app';
import { DatasetsService } from './datasets';
import { datasetsDomain } from './datasets-domain';
import { fitsDomain } from './runs-domain';
import { exportsDomain } from './exports';
import { comparisonsDomain } from './comparisons';
import { EventBus } from './events';
import { mergeHandlers } from './handlers';
/** Every domain, in creation order (later ones may use earlier ones' services through the context). */
const domains = [
    appDomain,
    datasetsDomain,
    fitsDomain,
    exportsDomain,
    comparisonsDomain
    // … one line each, the domain's file exports a `Domain`
];
/** Opens the store in `dataDir` (migrating it) and creates every domain. */
export async function createContainer(opts) {
    const paths = storePaths(opts.dataDir);
    const db = openDb(paths.db);
    const events = new EventBus();
    const root = opts.appRoot ?? findAppRoot(__dirname);
    const ctx = {
        mode: opts.mode,
        version,
        paths,
        db,
        events,
        io: opts.io,
        examplesDir: join(root, 'resources', 'example'),
        datasets: new DatasetsService(db, paths, opts.io, events)
    };
    const created = [];
    try {
        for (const d of domains)
            created.push({ name: d.name, instance: await d.create(ctx) });
    }
    catch (err) {
        db.close();
        throw err;
    }
    let closed = false;
    return {
        ...ctx,
        handlers: mergeHandlers(created),
        domains: new Map(created.map((c) => [c.name, c.instance])),
        async close() {
            if (closed)
                return;
            closed = true;
            for (const c of [...created].reverse())
                await c.instance.close?.();
            db.close();
        }
    };
}
/** Nearest folder above `from` with a package.json and resources/ (src/main/services in tests, out/main built). */
export function findAppRoot(from) {
    for (let dir = from;; dir = dirname(dir)) {
        if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'resources')))
            return dir;
        if (dirname(dir) === dir)
            return from;
    }
}

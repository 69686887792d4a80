// datasets.* handlers over DatasetsService (the service itself is core: other domains read datasets too).
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Domain, HandlersFor, ServiceContext } from '../domain'
import { readExampleMarker } from '../example/example-marker'

export const datasetsDomain: Domain = {
  name: 'datasets',
  create: (ctx) => {
    const ds = ctx.datasets
    const handlers: HandlersFor<'datasets'> = {
      'datasets.inspect': async ({ files, mapping }) => ({ guesses: await ds.inspect(files, mapping) }),
      'datasets.import': async (input) => {
        const result = await ds.import(input)
        return { ...result, ...(await ctx.timescales.detail(result.dataset.id)) }
      },
      'datasets.preview': (input) => ds.preview(input),
      'datasets.examples': () => ({ files: exampleFiles(ctx.examplesDir), exampleRun: exampleRun(ctx) }),
      'datasets.list': () => ds.list(),
      'datasets.show': async ({ id }) => ({ ...ds.show(id), ...(await ctx.timescales.detail(id)) }),
      'datasets.rename': ({ id, name }) => ds.rename(id, name),
      'datasets.delete': ({ id }) => ds.delete(id),
      'datasets.raster': ({ id, session, area, groupBy, fromRow, unit }) =>
        ds.raster(id, session, area, groupBy, { fromRow, unit }),
      'datasets.psth': ({ id, session, smoothMs, groupBy }) => ds.psth(id, session, smoothMs, groupBy),
      'datasets.behaviour': ({ id, session, key, groupBy }) => ds.behaviour(id, session, key, groupBy)
    }
    return { handlers }
  }
}

/** The run the shipped example model became in this store, while it exists (the user may have deleted it). */
function exampleRun(ctx: ServiceContext): { runId: string; madeBy: string } | null {
  const m = readExampleMarker(ctx.paths.dataDir)
  if (!m) return null
  const exists = ctx.runStore.runs.list().some((r) => r.id === m.runId)
  return exists ? { runId: m.runId, madeBy: m.madeBy } : null
}

/** The bundled example recordings (NWB files), sorted by name; empty when none ship with this build. */
export function exampleFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith('.nwb'))
    .sort()
    .map((f) => join(dir, f))
}

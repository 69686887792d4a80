// `rsnn delete DATASET` / `rsnn delete --run RUN`: removes a dataset (rows, then its HDF5 file) or a run (rows,
// then its checkpoint folder).
import { AppError } from '@shared/contract/errors'
import type { CliCommand } from './command'

export const deleteCommand: CliCommand = {
  summary: 'delete a dataset, or a run with --run (its stored files go with it)',
  usage: 'DATASET (id or name) | --run RUN [--json]',
  options: { run: { type: 'string' } },
  async run(ctx, { positionals, values }) {
    const run = typeof values['run'] === 'string' ? values['run'] : undefined
    if (run !== undefined) {
      if (positionals.length)
        throw new AppError('INVALID_INPUT', 'give either a dataset or --run RUN, not both', { field: 'DATASET' })
      const r = await ctx.api['runs.delete']({ id: run })
      if (ctx.json) return void ctx.out.json({ id: run, ...r })
      return void ctx.out.line(`deleted run ${run}`)
    }
    const id = positionals[0]
    if (!id || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one dataset id or name (or --run RUN)', { field: 'DATASET' })
    const r = await ctx.api['datasets.delete']({ id })
    if (ctx.json) return void ctx.out.json(r)
    ctx.out.line(`deleted dataset ${r.id} ("${r.name}")`)
  }
}

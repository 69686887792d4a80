// `rsnn datasets` (list) and `rsnn show DATASET` (sessions, mapping, files).
import { AppError } from '@shared/contract/errors'
import type { CliCommand } from './command'
import { datasetLine, sessionLines } from './format'
import { datasetConditions } from '@shared/domain/conditions'
import { timescaleLines } from './timescale-format'

export const datasetsCommand: CliCommand = {
  summary: 'list imported datasets',
  usage: '[--json]',
  options: {},
  async run(ctx) {
    const list = await ctx.api['datasets.list']({})
    if (ctx.json) return void ctx.out.json(list)
    if (list.length === 0) return void ctx.out.line('no datasets yet: rsnn import FILES...')
    list.forEach((d) => ctx.out.line(datasetLine(d)))
  }
}

export const showCommand: CliCommand = {
  summary: 'show one dataset: sessions, units per area, trials per outcome, window',
  usage: 'DATASET (id or name) [--json]',
  options: {},
  async run(ctx, { positionals }) {
    const id = positionals[0]
    if (!id || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one dataset id or name', { field: 'DATASET' })
    const d = await ctx.api['datasets.show']({ id })
    if (ctx.json) return void ctx.out.json(d)
    ctx.out.line(datasetLine(d.dataset))
    ctx.out.line(`  created ${d.dataset.createdAt}; mapping ${JSON.stringify(d.mapping)}`)
    d.files.forEach((f) => ctx.out.line(`  file ${f.path}  sha256 ${f.sha256.slice(0, 12)}…`))
    d.sessions.forEach((s, i) =>
      sessionLines(s, i, datasetConditions(d.dataset.conditionLabels)).forEach((l) => ctx.out.line(l))
    )
    timescaleLines(d).forEach((l) => ctx.out.line(l))
    if (d.timescale?.warning) ctx.out.warn(d.timescale.warning)
    if (d.ceilings_warning) ctx.out.warn(d.ceilings_warning)
  }
}

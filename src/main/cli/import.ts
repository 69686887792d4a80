// `rsnn import FILES...`: import recordings as one dataset with the mapping flags; per-session summary.
import type { CliCommand, CliContext } from './command'
import { sessionLines } from './format'
import { datasetConditions, type ConditionLabels } from '@shared/domain/conditions'
import { timescaleLines } from './timescale-format'
import { mappingFromArgs, mappingOptions, SOURCE_LABELS } from './mapping-options'
import { AppError } from '@shared/contract/errors'
import { sourceLabelsOf, type ImportMapping } from '@shared/domain/import-mapping'
import { basename } from 'node:path'

export const importCommand: CliCommand = {
  summary: 'import recordings (NWB 2.x, MATLAB v7.3, RSNN HDF5) as one dataset',
  usage:
    'FILES... [--name N] [--trials-table NAME | --trials-from-events PATH] [--area-column C] [--outcome-column C] ' +
    '[--outcome-map Hit=a,Miss=b,CR=c,FA=d,exclude=e (values: text, numbers 2,1 or true,false)] ' +
    "[--condition-labels Hit=correct,Miss=incorrect | source (the file's own names, when each maps to its own code)] " +
    '[--align C] [--window -0.2,1.2] [--dt 0.002] [--perturbation-column C --perturbation-map "area1:0,0.2=light_A1_early,…"] [--json]',
  options: { name: { type: 'string' }, ...mappingOptions },
  async run(ctx, { positionals, values }) {
    if (positionals.length === 0)
      throw new AppError('INVALID_INPUT', 'give at least one file to import', { field: 'FILES' })
    const mapping = mappingFromArgs(values)
    if (values['condition-labels'] === SOURCE_LABELS)
      mapping.conditionLabels = await fileConditionLabels(ctx, positionals, mapping)
    const off = ctx.on('import.progress', (p) => ctx.out.progress(p.fraction, `${p.stage} ${basename(p.file)}`))
    try {
      const name = typeof values['name'] === 'string' ? values['name'] : undefined
      const r = await ctx.api['datasets.import']({ files: positionals, mapping, ...(name ? { name } : {}) })
      if (ctx.json) {
        ctx.out.json({
          id: r.dataset.id,
          name: r.dataset.name,
          existing: r.existing,
          message: r.message,
          warnings: r.warnings,
          sessions: r.sessions,
          ceilings_by_smoothing: r.ceilings_by_smoothing ?? null,
          timescale: r.timescale ?? null,
          ...(r.ceilings_warning ? { ceilings_warning: r.ceilings_warning } : {})
        })
        return
      }
      ctx.out.line(r.message)
      r.warnings.forEach((w) => ctx.out.warn(w))
      r.sessions.forEach((s, i) =>
        sessionLines(s, i, datasetConditions(r.dataset.conditionLabels)).forEach((l) => ctx.out.line(l))
      )
      timescaleLines(r).forEach((l) => ctx.out.line(l))
      if (r.timescale?.warning) ctx.out.warn(r.timescale.warning)
      if (r.ceilings_warning) ctx.out.warn(r.ceilings_warning)
    } finally {
      off()
      ctx.out.clearBar()
    }
  }
}

/** `--condition-labels source`: every file's outcome values, one per code and the same in every file, as labels. */
async function fileConditionLabels(ctx: CliContext, files: string[], mapping: ImportMapping): Promise<ConditionLabels> {
  const { guesses } = await ctx.api['datasets.inspect']({ files, mapping })
  let first: ConditionLabels | undefined
  for (const [i, guess] of guesses.entries()) {
    const r = sourceLabelsOf(guess, mapping)
    const where = { file: files[i] ?? guess.file, field: '--condition-labels' }
    if ('reason' in r)
      throw new AppError('INVALID_INPUT', `the file's outcome names cannot be the labels: ${r.reason}`, where)
    if (first && JSON.stringify(r.labels) !== JSON.stringify(first))
      throw new AppError('INVALID_INPUT', 'the files name their outcomes differently: give the labels', where)
    first ??= r.labels
  }
  return first!
}

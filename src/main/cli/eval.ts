// `rsnn eval RUN`: the held-out metrics of a fit at its best checkpoint (stored, or --recompute from the file).
import { lickRateError, lickRates } from '@shared/domain/lick-rates'
import { AppError } from '@shared/contract/errors'
import { headlineMetricKeys } from '@shared/domain/fit'
import type { Outcome } from '@shared/domain/conditions'
import { datasetConditionsOf } from './dataset-conditions'
import type { CliCommand } from './command'

const fmt = (x: number | null | undefined): string => (typeof x === 'number' ? x.toFixed(4) : '-')

export const evalCommand: CliCommand = {
  summary: "held-out metrics of a fit (T'trial and PSTH Pearson with their data ceilings, trial types, jaw)",
  usage: "RUN [--checkpoint best|last] [--recompute] [--json]   (best: the highest held-out T'trial)",
  options: { checkpoint: { type: 'string' }, recompute: { type: 'boolean' } },
  async run(ctx, { positionals, values }) {
    const id = positionals[0]
    if (!id || positionals.length > 1) throw new AppError('INVALID_INPUT', 'give exactly one run id', { field: 'RUN' })
    const which = values['checkpoint'] ?? 'best'
    if (which !== 'best' && which !== 'last')
      throw new AppError('INVALID_INPUT', `"${String(which)}" is neither best nor last`, { field: '--checkpoint' })
    const { run } = await ctx.api['runs.get']({ id, maxPoints: 2 })
    const { step, metrics } = await ctx.api['runs.evaluate']({
      id,
      checkpoint: which,
      recompute: values['recompute'] === true
    })
    if (ctx.json) {
      const headline = Object.fromEntries(headlineMetricKeys.map((k) => [k, metrics[k]]))
      ctx.out.line(
        JSON.stringify({
          name: 'eval-result',
          run: id,
          step,
          checkpoint: which,
          recomputed: values['recompute'] === true,
          metrics: { ...headline, ...metrics }
        })
      )
      return
    }
    const checkpoint = which === 'best' ? "best checkpoint: highest held-out T'trial" : 'last checkpoint'
    ctx.out.line(`run ${id} (${run.status}), held-out metrics at step ${step} (${checkpoint}):`)
    ctx.out.line(
      `  T'trial Pearson  ${fmt(metrics.t_trial_pearson)}   data ceiling ${fmt(metrics.t_trial_pearson_ceiling)}`
    )
    ctx.out.line(
      `    neurons only   ${fmt(metrics.t_trial_neural_pearson)}   data ceiling ${fmt(metrics.t_trial_neural_pearson_ceiling)}` +
        '  (without the jaw)'
    )
    ctx.out.line(`  PSTH Pearson     ${fmt(metrics.psth_pearson)}   data ceiling ${fmt(metrics.psth_pearson_ceiling)}`)
    for (const [area, r] of Object.entries(metrics.psth_pearson_per_area))
      ctx.out.line(`    ${area.padEnd(14)} ${fmt(r)}`)
    // trial types under the dataset's own labels (e.g. correct / incorrect), only the task's conditions
    const conditions = await datasetConditionsOf(ctx, run.datasetId)
    const types = conditions.used.filter((t: Outcome) => t in metrics.trial_type_data)
    const mix = (m: Record<string, number | null | undefined>): string =>
      types.map((t) => `${conditions.labels[t]} ${fmt(m[t])}`).join(', ')
    ctx.out.line(`  trial types      model ${mix(metrics.trial_type_model)}`)
    ctx.out.line(`                   data  ${mix(metrics.trial_type_data)}`)
    ctx.out.line(`  jaw Pearson      ${fmt(metrics.jaw_pearson)}`)
    // What the model does (lick rate per condition); the classifier's accuracy describes the classifier, not the model.
    // Lick rates are the detection task's: a dataset with its own condition labels shows the trial types only.
    const rates = conditions.detection ? lickRates(metrics.trial_type_model, metrics.trial_type_data) : []
    const rateText = rates.map((r) => `${r.condition} model ${fmt(r.generated)} data ${fmt(r.recorded)}`).join(', ')
    if (rates.length) ctx.out.line(`  lick rate        ${rateText}  (largest difference ${fmt(lickRateError(rates))})`)
    if (Number.isFinite(metrics.lick_accuracy ?? NaN))
      ctx.out.line(
        `                   (lick classifier: ${fmt(metrics.lick_accuracy)} correct on held-out recorded jaw traces)`
      )
    ctx.out.line(`  eval loss        ${fmt(metrics.eval_loss)}`)
  }
}

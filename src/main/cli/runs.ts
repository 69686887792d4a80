// `rsnn runs`: the fits in the store, newest first (a table, or a JSON array with --json).
import type { RunSummary } from '@shared/domain/fit'
import type { CliCommand } from './command'
import { tTrialText } from './t-trial-text'

const fmt = (x: number | null | undefined): string => (typeof x === 'number' ? x.toFixed(3) : '-')

export function runLine(r: RunSummary): string {
  const m = r.metrics
  return [
    r.id,
    r.status.padEnd(11),
    `${r.step}/${r.targetSteps} steps`.padEnd(16),
    `${Math.round(r.elapsedS)}s`.padEnd(7),
    tTrialText(m),
    `PSTH ${fmt(m?.psth_pearson)}/${fmt(m?.psth_pearson_ceiling)}`,
    r.name
  ].join('  ')
}

export const runsCommand: CliCommand = {
  summary: 'list fits (status, steps, held-out metrics / data ceiling) with their automatic changes and notes',
  usage: '[--dataset D] [--json]',
  options: { dataset: { type: 'string' } },
  async run(ctx, { values }) {
    const datasetId =
      typeof values['dataset'] === 'string' ? ctx.container.datasets.resolve(values['dataset']).id : undefined
    const runs = await ctx.api['runs.list'](datasetId ? { datasetId } : {})
    // each run's automatic changes and notes (neurons raised, sessions or trials left out, small-data warnings)
    const notes = await Promise.all(
      runs.map(async (r) =>
        (await ctx.api['runs.get']({ id: r.id, maxPoints: 2 })).events
          .filter((e) => e.kind === 'note')
          .map((e) => e.message)
      )
    )
    if (ctx.json) {
      ctx.out.line(JSON.stringify(runs.map((r, i) => ({ ...r, notes: notes[i] ?? [] }))))
      return
    }
    if (runs.length === 0) ctx.out.line('no runs yet: start one with `npm run rsnn -- fit DATASET`')
    runs.forEach((r, i) => {
      ctx.out.line(runLine(r))
      for (const n of notes[i] ?? []) ctx.out.line(`    note: ${n}`)
    })
  }
}

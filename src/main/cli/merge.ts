// `rsnn merge DIR [--store S]`: copies each completed task's run of a sweep folder into the store (config,
// curves, evaluations, checkpoints, the sweep task's parameters, host and Slurm ids). Merging twice adds nothing.
import { AppError } from '@shared/contract/errors'
import { sweepsServiceOf } from '../services/sweeps/sweeps-domain'
import type { CliCommand } from './command'

export const mergeCommand: CliCommand = {
  summary: "bring a sweep's completed runs into the store (idempotent, atomic per run)",
  usage: 'DIR [--store S] [--json]',
  options: {},
  async run(ctx, { positionals }) {
    const dir = positionals[0]
    if (!dir || positionals.length > 1) throw new AppError('INVALID_INPUT', 'give the sweep folder', { field: 'DIR' })
    const r = sweepsServiceOf(ctx.container.domains).merge(dir)
    if (ctx.json) ctx.out.line(JSON.stringify({ name: 'merge', ...r }))
    else
      ctx.out.line(
        `merged ${r.merged} runs (${r.alreadyPresent} already in the store, ${r.notCompleted} tasks not completed)`
      )
    return 0
  }
}

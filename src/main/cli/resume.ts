// `rsnn resume RUN`: continue an interrupted, cancelled, paused or failed fit (or extend a finished one) from
// its newest usable checkpoint, following it like `fit`.
import { AppError } from '@shared/contract/errors'
import type { CliCommand } from './command'
import { followRun, positiveOption, sessionOptions } from './fit'

export const resumeCommand: CliCommand = {
  summary: 'resume a fit from its last checkpoint (after a crash, Ctrl-C or a time limit)',
  usage: 'RUN [--steps N] [--minutes M] [--json]',
  options: { ...sessionOptions },
  async run(ctx, { positionals, values }) {
    const id = positionals[0]
    if (!id || positionals.length > 1) throw new AppError('INVALID_INPUT', 'give exactly one run id', { field: 'RUN' })
    const steps = positiveOption(values, 'steps', true)
    const minutes = positiveOption(values, 'minutes')
    const run = await ctx.api['runs.resume']({
      id,
      ...(steps !== undefined ? { steps } : {}),
      ...(minutes !== undefined ? { minutes } : {})
    })
    if (!ctx.json) ctx.out.line(`run ${run.id} resumed at step ${run.checkpointStep} of ${run.targetSteps}`)
    return followRun(ctx, run)
  }
}

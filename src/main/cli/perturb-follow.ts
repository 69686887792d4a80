// Follows a perturbation experiment through the API, as the UI does: perturbations.start, perturb.progress on
// stderr, perturb.ended for the end (with the error's code), Ctrl-C → perturbations.cancel.
import { AppError } from '@shared/contract/errors'
import type { EventPayload } from '@shared/contract/events'
import type { ExperimentRequestInput, ExperimentResult } from '@shared/domain/perturbation-experiment'
import type { CliContext } from './command'

type Ended = EventPayload<'perturb.ended'>

/**
 * Starts the experiment and waits for its end. Resolves with its id and stored result; rejects with the
 * experiment's own error (code, file, field kept, so exit codes and --json errors are the service's), CANCELLED
 * after Ctrl-C.
 */
export async function followExperiment(
  ctx: CliContext,
  request: ExperimentRequestInput
): Promise<{ id: string; result: ExperimentResult }> {
  // Listen before starting: an experiment that fails at once can end before perturbations.start answers.
  const ended = new Map<string, Ended>()
  let id: string | null = null
  let wake: ((e: Ended) => void) | null = null
  const offEnded = ctx.on('perturb.ended', (e) => {
    ended.set(e.id, e)
    if (e.id === id) wake?.(e)
  })
  const offProgress = ctx.on('perturb.progress', (p) => {
    if (p.id === id) ctx.out.progress(p.fraction, p.stage)
  })
  // Ctrl-C before the start answered is kept and sent once the experiment has an id.
  let interrupted = false
  const cancel = (which: string): void => {
    void ctx.api['perturbations.cancel']({ id: which }).catch((err: unknown) =>
      ctx.out.warn(`cannot cancel: ${(err as Error).message}`)
    )
  }
  const onSigint = (): void => {
    interrupted = true
    if (id) cancel(id)
  }
  process.on('SIGINT', onSigint)
  try {
    const started = await ctx.api['perturbations.start'](request)
    id = started.id
    if (interrupted) cancel(id)
    const end = ended.get(id) ?? (await new Promise<Ended>((resolve) => (wake = resolve)))
    if (end.status !== 'completed')
      throw end.error ? AppError.from(end.error) : new AppError('INTERNAL', `experiment ${id} ${end.status}`)
    const { result } = await ctx.api['perturbations.get']({ id })
    if (!result) throw new AppError('INTERNAL', `experiment ${id} completed without a stored result`)
    return { id, result }
  } finally {
    offEnded()
    offProgress()
    process.off('SIGINT', onSigint)
    ctx.out.clearBar()
  }
}

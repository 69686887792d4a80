// `rsnn sweep-status DIR [--json]`: each task of a sweep folder — pending, running (step, latest held-out
// metrics), completed, failed, timed out, cancelled — from Slurm (squeue/sacct) and the task's own store.
import { AppError } from '@shared/contract/errors'
import type { SweepTaskState } from '@shared/domain/sweep-status'
import { sweepsServiceOf } from '../services/sweeps/sweeps-domain'
import type { CliCommand } from './command'

const fmt = (x: number | null | undefined): string => (typeof x === 'number' ? x.toFixed(3) : '-')

function line(t: SweepTaskState): string {
  const params = Object.entries(t.params)
    .filter(([k]) => k !== 'dataset')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ')
  const progress = t.step !== null ? `${t.step}/${t.targetSteps}` : `-/${t.targetSteps}`
  const m = t.metrics
  return `${String(t.index).padStart(4)}  ${t.status.padEnd(13)} ${progress.padStart(11)}  T'trial ${fmt(m?.t_trial_pearson)} (neurons only ${fmt(m?.t_trial_neural_pearson)})  PSTH r ${fmt(m?.psth_pearson)}  ${params}${t.error ? `  (${t.error})` : ''}`
}

export const sweepStatusCommand: CliCommand = {
  summary: "follow a sweep: each task's state, step and latest held-out metrics",
  usage: 'DIR [--json]',
  options: {},
  async run(ctx, { positionals }) {
    const dir = positionals[0]
    if (!dir || positionals.length > 1) throw new AppError('INVALID_INPUT', 'give the sweep folder', { field: 'DIR' })
    const s = await sweepsServiceOf(ctx.container.domains).status(dir)
    if (ctx.json) {
      ctx.out.line(
        JSON.stringify({ name: 'sweep-status', id: s.id, dir: s.dir, mode: s.mode, counts: s.counts, tasks: s.tasks })
      )
      return 0
    }
    ctx.out.line(
      `sweep "${s.name}" (${s.id}, ${s.mode}): ${Object.entries(s.counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ')}`
    )
    ctx.out.line(' task  status               step  held-out metrics              parameters')
    for (const t of s.tasks) ctx.out.line(line(t))
    return 0
  }
}

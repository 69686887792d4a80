// Tables of the behaviour view: trial-type mix and the jaw per outcome.
import type { Behaviour } from '../domain/comparison'
import { outcomes } from '../domain/dataset'
import type { CsvCell } from '../csv'
import type { Table } from './table'

/** Trial counts per outcome code. */
export function outcomeCounts(codes: Uint8Array): number[] {
  const c = outcomes.map(() => 0)
  for (const o of codes) if (o < c.length) c[o]!++
  return c
}

/** Trial-type mix: fraction and count of each outcome, recorded vs generated. */
export function trialTypeMixTable(b: Behaviour): Table {
  const rc = outcomeCounts(b.trials.recorded.outcome)
  const gc = outcomeCounts(b.trials.generated.outcome)
  const rows = outcomes.map((o, i) => [o, b.trialTypeMix.recorded[o], rc[i], b.trialTypeMix.generated[o], gc[i]])
  return {
    name: 'trial-type-mix',
    header: ['outcome', 'recorded_fraction', 'recorded_count_trials', 'generated_fraction', 'generated_count_trials'],
    rows
  }
}

/** Jaw mean ± sd per outcome over time (long format: one row per outcome, source and time bin). */
export function jawTable(b: Behaviour): Table {
  const rows: CsvCell[][] = []
  for (const p of b.perOutcome) {
    for (const [source, ms] of [
      ['recorded', p.recorded],
      ['generated', p.generated]
    ] as const) {
      for (let t = 0; t < b.timeS.length; t++) rows.push([p.outcome, source, ms.n, b.timeS[t], ms.mean[t], ms.sd[t]])
    }
  }
  return {
    name: 'jaw-per-outcome',
    header: ['outcome', 'source', 'n_trials', 'time_s', 'jaw_mean_norm', 'jaw_sd_norm'],
    rows
  }
}

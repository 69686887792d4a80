// Tables of one run: training losses and held-out metrics over steps.
import type { ComparedRun } from '../domain/comparison'
import type { CsvCell } from '../csv'
import type { Table } from './table'

/** Training loss per recorded step (dimensionless loss terms). */
export function lossTable(r: ComparedRun): Table {
  const rows = Array.from(r.steps, (s, i): CsvCell[] => [s, r.total[i], r.psth[i], r.trial[i]])
  return { name: 'loss-curves', header: ['step', 'total_loss_au', 'psth_loss_au', 'trial_loss_au'], rows }
}

/** Units of the held-out metrics, used as column suffixes (Pearson r and accuracy are fractions). */
const metricUnit: Record<string, string> = { eval_loss: 'au', lick_accuracy: 'fraction', lick_rate_error: 'fraction' }

/** Held-out evaluations over steps: one column per metric. */
export function metricsTable(r: ComparedRun): Table {
  const keys = Object.keys(r.evalMetrics)
  const rows = Array.from(r.evalSteps, (s, i): CsvCell[] => [s, ...keys.map((k) => r.evalMetrics[k]![i])])
  return { name: 'held-out-metrics', header: ['step', ...keys.map((k) => `${k}_${metricUnit[k] ?? 'r'}`)], rows }
}

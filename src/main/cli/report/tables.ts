// Report tables: the numbers behind each comparison view (trial variability, behaviour, connectivity, run
// curves) as named CSV tables, one row per observation, units in the column names.
import type { Behaviour, ComparedRun, Connectivity, Variability } from '@shared/domain/comparison'
import { outcomes } from '@shared/domain/dataset'
import type { CsvCell, Table } from './csv'

const outcomeName = (code: number): string => outcomes[code] ?? `code ${code}`

/** Feature name `A1 response amplitude (Hz)` → column `A1_response_amplitude_Hz` (unit kept as a suffix). */
export function featureColumn(name: string): string {
  return name.replace(/\s*\(([^)]*)\)\s*$/, '_$1').replace(/\s+/g, '_')
}

/**
 * Per-trial features, recorded held-out trials then generated trials: source, row (index in that source's
 * trial set), session/trial (recorded only), outcome, stimulus, then one column per feature.
 */
export function featuresTable(v: Variability): Table {
  const nF = v.features.names.length
  const { recorded, generated } = v.trials
  const rows: CsvCell[][] = []
  for (let r = 0; r < recorded.outcome.length; r++) {
    const f = Array.from(v.features.recorded.subarray(r * nF, (r + 1) * nF))
    rows.push(['recorded', r, recorded.session[r], recorded.trial[r], outcomeName(recorded.outcome[r]!), recorded.stimulus[r], ...f])
  }
  for (let g = 0; g < generated.outcome.length; g++) {
    const f = Array.from(v.features.generated.subarray(g * nF, (g + 1) * nF))
    rows.push(['generated', g, null, null, outcomeName(generated.outcome[g]!), generated.stimulus[g], ...f])
  }
  return { name: 'trial-features', header: ['source', 'row', 'session', 'trial', 'outcome', 'stimulus', ...v.features.names.map(featureColumn)], rows }
}

/** Trial-matching pairs: recorded row ↔ generated row, with the recorded trial's identity and both outcomes. */
export function pairsTable(v: Variability): Table {
  const { recorded, generated } = v.trials
  const rows: CsvCell[][] = []
  for (let i = 0; i < v.pairs.length / 2; i++) {
    const r = v.pairs[2 * i]!
    const g = v.pairs[2 * i + 1]!
    rows.push([r, g, recorded.session[r], recorded.trial[r], recorded.stimulus[r], outcomeName(recorded.outcome[r]!), outcomeName(generated.outcome[g]!)])
  }
  return { name: 'matched-pairs', header: ['recorded_row', 'generated_row', 'session', 'trial', 'stimulus', 'recorded_outcome', 'generated_outcome'], rows }
}

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
  return { name: 'trial-type-mix', header: ['outcome', 'recorded_fraction', 'recorded_count_trials', 'generated_fraction', 'generated_count_trials'], rows }
}

/** Jaw mean ± sd per outcome over time (long format: one row per outcome, source and time bin). */
export function jawTable(b: Behaviour): Table {
  const rows: CsvCell[][] = []
  for (const p of b.perOutcome) {
    for (const [source, ms] of [['recorded', p.recorded], ['generated', p.generated]] as const) {
      for (let t = 0; t < b.timeS.length; t++) rows.push([p.outcome, source, ms.n, b.timeS[t], ms.mean[t], ms.sd[t]])
    }
  }
  return { name: 'jaw-per-outcome', header: ['outcome', 'source', 'n_trials', 'time_s', 'jaw_mean_norm', 'jaw_sd_norm'], rows }
}

/** Area-to-area mean recurrent weights (delays summed; dimensionless model weights), one row per target/source pair. */
export function connectivityTable(c: Connectivity): Table {
  const A = c.areas.length
  const rows: CsvCell[][] = []
  for (let post = 0; post < A; post++) {
    for (let pre = 0; pre < A; pre++) rows.push([c.areas[pre], c.areas[post], c.meanExc[post * A + pre], c.meanInh[post * A + pre]])
  }
  return { name: 'connectivity', header: ['source_area', 'target_area', 'mean_exc_weight_au', 'mean_inh_weight_magnitude_au'], rows }
}

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

/** Every report table of one run; the behaviour tables need a jaw trace only for the jaw table. */
export function reportTables(v: Variability, b: Behaviour, c: Connectivity, r: ComparedRun): Table[] {
  return [featuresTable(v), pairsTable(v), trialTypeMixTable(b), ...(b.hasBehaviour ? [jawTable(b)] : []), connectivityTable(c), lossTable(r), metricsTable(r)]
}

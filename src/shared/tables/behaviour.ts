// Tables of the behaviour view: trial-type mix and the jaw per outcome, outcomes named by the dataset's condition
// labels (shared/domain/conditions.ts). The report writes the long forms
// (counts of every outcome; one row per outcome, source and bin); the view's figures download what they draw.
import type { Behaviour } from '../domain/comparison'
import { outcomes, type Outcome } from '../domain/dataset'
import { binomialCi } from '../domain/proportion'
import { datasetConditions } from '../domain/conditions'
import type { CsvCell } from '../csv'
import type { Table } from './table'

/** Trial counts per outcome code. */
export function outcomeCounts(codes: Uint8Array): number[] {
  const c = outcomes.map(() => 0)
  for (const o of codes) if (o < c.length) c[o]!++
  return c
}

/** Trial-type mix: fraction and count of each of the task's conditions (its own labels), recorded vs generated. */
export function trialTypeMixTable(b: Behaviour): Table {
  const rc = outcomeCounts(b.trials.recorded.outcome)
  const gc = outcomeCounts(b.trials.generated.outcome)
  const c = datasetConditions(b.trials.conditionLabels)
  const rows = c.used.map((o) => {
    const i = outcomes.indexOf(o)
    return [c.labels[o], b.trialTypeMix.recorded[o], rc[i], b.trialTypeMix.generated[o], gc[i]]
  })
  return {
    name: 'trial-type-mix',
    header: ['outcome', 'recorded_fraction', 'recorded_count_trials', 'generated_fraction', 'generated_count_trials'],
    rows
  }
}

/** Jaw mean ± sd per outcome over time (long format: one row per outcome, source and time bin). */
export function jawTable(b: Behaviour): Table {
  const rows: CsvCell[][] = []
  const c = datasetConditions(b.trials.conditionLabels)
  for (const p of b.perOutcome) {
    for (const [source, ms] of [
      ['recorded', p.recorded],
      ['generated', p.generated]
    ] as const) {
      for (let t = 0; t < b.timeS.length; t++)
        rows.push([c.labels[p.outcome], source, ms.n, b.timeS[t], ms.mean[t], ms.sd[t]])
    }
  }
  return {
    name: 'jaw-per-outcome',
    header: ['outcome', 'source', 'n_trials', 'time_s', 'jaw_mean_norm', 'jaw_sd_norm'],
    rows
  }
}

/** The outcomes with trials in the recorded or the generated mix (the bars the view draws). */
export function mixOutcomes(mix: Behaviour['trialTypeMix']): Outcome[] {
  return outcomes.filter((o) => mix.recorded[o] > 0 || mix.generated[o] > 0)
}

/** The view's trial-type mix: fraction per outcome present, the recorded one with its 95 % interval (its error bar). */
export function trialTypeMixIntervalsTable(b: Behaviour): Table {
  const mix = b.trialTypeMix
  const { labels } = datasetConditions(b.trials.conditionLabels)
  return {
    name: 'trial-type-mix-intervals',
    header: ['outcome', 'recorded_fraction', 'recorded_ci_lo', 'recorded_ci_hi', 'generated_fraction'],
    rows: mixOutcomes(mix).map((o) => {
      const [lo, hi] = binomialCi(mix.recorded[o], mix.nRecorded)
      return [labels[o], mix.recorded[o], lo, hi, mix.generated[o]]
    })
  }
}

/** Outcomes with recorded or generated trials (one jaw panel each in the view). */
export function jawPanels(b: Behaviour): Behaviour['perOutcome'] {
  return b.perOutcome.filter((o) => o.recorded.n > 0 || o.generated.n > 0)
}

/** The view's jaw figure as one wide table: time in ms, then recorded and generated mean and sd per outcome present. */
export function jawWideTable(b: Behaviour): Table {
  const panels = jawPanels(b)
  const timeMs = Float32Array.from(b.timeS, (t) => t * 1000)
  const { labels } = datasetConditions(b.trials.conditionLabels)
  return {
    name: 'jaw-per-outcome-wide',
    header: [
      'time_ms',
      ...panels.flatMap((p) => [
        `${labels[p.outcome]}_recorded_mean`,
        `${labels[p.outcome]}_recorded_sd`,
        `${labels[p.outcome]}_generated_mean`,
        `${labels[p.outcome]}_generated_sd`
      ])
    ],
    rows: Array.from(timeMs, (t, i) => [
      t,
      ...panels.flatMap((p) => [p.recorded.mean[i], p.recorded.sd[i], p.generated.mean[i], p.generated.sd[i]])
    ])
  }
}

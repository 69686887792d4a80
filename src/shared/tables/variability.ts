// Tables of the trial-variability view: per-trial features, the trial embedding and the matched pairs. Every
// row names its trial the same way: source (recorded / generated), row (index in that source's trial set), and
// for recorded trials the dataset's own identity (recordedTrialId): the session (by name, as imported) and the trial's
// row in that session's trials table, as the Data explorer numbers it.
import type { Variability } from '../domain/comparison'
import { conditionLabel, datasetConditions } from '../domain/conditions'
import { recordedTrialId } from '../domain/recorded-trial'
import type { CsvCell } from '../csv'
import type { Table } from './table'

/** An outcome code as the dataset names it (e.g. "correct"; the detection task: Hit, Miss, CR, FA). */
function outcomeName(v: Pick<Variability, 'trials'>): (code: number) => string {
  const c = datasetConditions(v.trials.conditionLabels)
  return (code) => conditionLabel(c, code)
}

/** Feature name `A1 response amplitude (Hz)` → column `A1_response_amplitude_Hz` (unit kept as a suffix). */
export function featureColumn(name: string): string {
  return name.replace(/\s*\(([^)]*)\)\s*$/, '_$1').replace(/\s+/g, '_')
}

const TRIAL_COLUMNS = ['source', 'row', 'session', 'trial', 'outcome', 'stimulus']

/** The identifying columns of every trial, recorded (held-out) trials first, then generated trials. */
function trialRows(v: Variability): CsvCell[][] {
  const { recorded, generated } = v.trials
  const name = outcomeName(v)
  return [
    ...Array.from(recorded.outcome, (o, r): CsvCell[] => {
      const id = recordedTrialId(v.trials, r)
      return ['recorded', r, id.session, id.trial, name(o), recorded.stimulus[r]]
    }),
    ...Array.from(generated.outcome, (o, g): CsvCell[] => ['generated', g, null, null, name(o), generated.stimulus[g]])
  ]
}

/** Per-trial features: the trial columns, then one column per feature. */
export function featuresTable(v: Variability): Table {
  const nF = v.features.names.length
  const nRec = v.trials.recorded.outcome.length
  const rows = trialRows(v).map((ids, i) => {
    const [set, r] = i < nRec ? [v.features.recorded, i] : [v.features.generated, i - nRec]
    return [...ids, ...Array.from(set.subarray(r * nF, (r + 1) * nF))]
  })
  return { name: 'trial-features', header: [...TRIAL_COLUMNS, ...v.features.names.map(featureColumn)], rows }
}

/** The trial embedding (first two principal components of the per-trial features). */
export function embeddingTable(v: Variability): Table {
  const nRec = v.trials.recorded.outcome.length
  const rows = trialRows(v).map((ids, i) => {
    const [set, r] = i < nRec ? [v.embedding.recorded, i] : [v.embedding.generated, i - nRec]
    return [...ids, set[2 * r], set[2 * r + 1]]
  })
  return { name: 'trial-embedding', header: [...TRIAL_COLUMNS, 'pc1', 'pc2'], rows }
}

/** Trial-matching pairs: recorded row ↔ generated row, with the recorded trial's identity and both outcomes. */
export function pairsTable(v: Variability): Table {
  const { recorded, generated } = v.trials
  const rows: CsvCell[][] = []
  const name = outcomeName(v)
  for (let i = 0; i < v.pairs.length / 2; i++) {
    const r = v.pairs[2 * i]!
    const g = v.pairs[2 * i + 1]!
    const id = recordedTrialId(v.trials, r)
    rows.push([
      r,
      g,
      id.session,
      id.trial,
      recorded.stimulus[r],
      name(recorded.outcome[r]!),
      name(generated.outcome[g]!)
    ])
  }
  return {
    name: 'matched-pairs',
    header: ['recorded_row', 'generated_row', 'session', 'trial', 'stimulus', 'recorded_outcome', 'generated_outcome'],
    rows
  }
}

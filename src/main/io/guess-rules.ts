// Name and value heuristics for the automatic mapping guess (area column, outcome values, alignment, stimulus).
import type { ImportMapping } from '@shared/domain/import-mapping'

type Target = NonNullable<ImportMapping['outcomeMap']>[string]

/** Preferred units columns for the brain area, in order. Joins come after plain columns. */
export const AREA_COLUMNS = [
  'area',
  'brain_area',
  'brain_region',
  'location',
  'region',
  'structure_acronym',
  'ecephys_structure_acronym',
  'electrodes.location',
  'electrode_group.location',
  'peak_channel_id'
]

/** Source outcome value → target, by meaning. Unrecognised values are excluded (the user can override). */
export function guessOutcome(value: string): Target {
  const v = value
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/indices$/, '')
    .trim()
  if (/^(hit|hits|correct|lick hit|go correct)$/.test(v)) return 'Hit'
  if (/^(miss|misses|no response|no lick|omission|ignore|go miss)$/.test(v)) return 'Miss'
  if (/^(cr|correct rejection|correct reject|nogo correct)$/.test(v)) return 'CR'
  if (/^(fa|false alarm|false alarms|nogo error)$/.test(v)) return 'FA'
  return 'exclude'
}

/** Candidate trial columns for outcome (text), most specific first. */
export const OUTCOME_COLUMNS = ['outcome', 'trial_type', 'response', 'result', 'trial_outcome', 'type']

/** One-hot outcome column groups recognised (joined with '|' in the mapping). */
export const ONE_HOT_PATTERNS: { column: RegExp }[] = [{ column: /^(hit|miss|cr|fa)(_?indices|_?trials?)?$/i }]

/** Alignment candidates: stimulus onset first, then other task events, start_time last. */
export function alignScore(name: string): number {
  const n = name.toLowerCase()
  // The app's own layout: its trials are already aligned (its other event columns are the task's events).
  if (n === 'align_time') return -1
  // Behavioural events (licks, responses, rewards) are outcomes of the trial, not its alignment.
  if (/lick|reaction|response|reward|answer/.test(n)) return 10
  if (/^stim(ulus)?_?(on(set)?_?)?time$|^stim(ulus)?_onset/.test(n)) return 0
  if (/stim|onset|pole_in/.test(n)) return 1
  if (/sample|cue/.test(n)) return 2
  if (n === 'start_time') return 9
  return 5
}

/** Stimulus-condition column candidates (numeric). */
export const STIMULUS_COLUMNS = [
  'stimulus',
  'stim',
  'stim_amplitude',
  'amplitude',
  'stimindices_all',
  'stim_indices',
  'stim_present',
  'stimulus_condition'
]

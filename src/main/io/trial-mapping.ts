// Applies the trial part of a mapping: outcome labels (text or one-hot columns), outcome map, stimulus, alignment.
import { AppError } from '@shared/contract/errors'
import type { Outcome } from '@shared/domain/dataset'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { guessOutcome } from './guess-rules'
import type { RawTrials } from './raw'

export type OutcomeTarget = Outcome | 'exclude'

/**
 * Outcome label of every trial. `column` is a text/numeric column, or one-hot columns joined by '|'
 * (label = name of the first column that is non-zero, 'none' when all are zero).
 */
export function outcomeLabels(trials: RawTrials, column: string, file: string): string[] {
  const names = column.split('|').map((s) => s.trim())
  for (const n of names) {
    if (!(n in trials.columns)) {
      throw new AppError(
        'FIELD_MISSING',
        `outcome column "${n}" is not in the trials table (columns: ${Object.keys(trials.columns).join(', ')})`,
        {
          file,
          field: `${trials.path}/${n}`
        }
      )
    }
  }
  if (names.length === 1) {
    const c = trials.columns[names[0] as string]
    return Array.isArray(c) ? c : Array.from(c as Float64Array, (v) => String(v))
  }
  const cols = names.map((n) => trials.columns[n])
  return Array.from({ length: trials.n }, (_, k) => {
    const hit = cols.findIndex((c) =>
      c instanceof Float64Array ? c[k] !== 0 && Number.isFinite(c[k]) : c?.[k] === 'true'
    )
    return hit >= 0 ? (names[hit] as string) : 'none'
  })
}

/**
 * One spelling per outcome value, so that a map written by hand matches the file's values whatever their type:
 * numbers by value ('2', '2.0' and a float64 2 are the same code), booleans in lower case ('True' is 'true').
 */
export function outcomeKey(value: string): string {
  const v = value.trim()
  if (/^(true|false)$/i.test(v)) return v.toLowerCase()
  const x = Number(v)
  return v !== '' && Number.isFinite(x) ? String(x) : value
}

/** Target of a label: the map's entry, else the label itself when it names an outcome, else the meaning guess. */
export function outcomeTarget(label: string, map: ImportMapping['outcomeMap']): OutcomeTarget {
  const m = map?.[label]
  if (m !== undefined) return m
  if (map) {
    const key = outcomeKey(label)
    for (const [k, target] of Object.entries(map)) if (outcomeKey(k) === key) return target
  }
  return guessOutcome(label)
}

/** Numeric column (e.g. alignment or stimulus) or FIELD_MISSING naming the trials table path. */
export function numericColumn(trials: RawTrials, name: string, file: string, role: string): Float64Array {
  const c = trials.columns[name]
  if (!(c instanceof Float64Array)) {
    const why = c === undefined ? 'is not in the trials table' : 'is not numeric'
    throw new AppError(
      'FIELD_MISSING',
      `${role} column "${name}" ${why} (columns: ${Object.keys(trials.columns).join(', ')})`,
      {
        file,
        field: `${trials.path}/${name}`
      }
    )
  }
  return c
}

/** Values of a perturbation column that mean "no perturbation". */
const NO_PERTURBATION = new Set(['', '0', 'none', 'off', 'false', 'no', 'nan', 'null', 'control', 'n/a'])

/**
 * Perturbation label of every trial from a trials column (text or numeric): the value as text, or null when it
 * means none (0, none, off, false, empty, NaN). FIELD_MISSING naming the trials table path when the column is absent.
 */
export function perturbationLabels(trials: RawTrials, column: string, file: string): (string | null)[] {
  const c = trials.columns[column]
  if (c === undefined) {
    throw new AppError(
      'FIELD_MISSING',
      `perturbation column "${column}" is not in the trials table (columns: ${Object.keys(trials.columns).join(', ')})`,
      {
        file,
        field: `${trials.path}/${column}`
      }
    )
  }
  const text = Array.isArray(c) ? c : Array.from(c as Float64Array, (v) => (Number.isFinite(v) ? String(v) : ''))
  return text.map((v) => (NO_PERTURBATION.has(String(v).trim().toLowerCase()) ? null : String(v).trim()))
}

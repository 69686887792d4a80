// The automatic mapping guess shown to the user: area column, outcome column and value map, alignment, stimulus.
import { defaultBinning } from '@shared/domain/dataset'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { AREA_COLUMNS, OUTCOME_COLUMNS, STIMULUS_COLUMNS, alignScore, guessOutcome } from './guess-rules'
import type { RawSession, RawTrials } from './raw'
import { guessWindow } from './task-events'

export interface GuessParts {
  guess: ImportMapping
  unitColumns: string[]
  trialColumns: string[]
  /** Distinct values of the columns that could be outcomes: text columns, and integer-coded numeric ones. */
  outcomeValues: Record<string, string[]>
  /** The columns of outcomeValues that are numeric (integer codes such as 2 = correct), not text. */
  codeColumns: string[]
  behaviourSeries: string[]
  warnings: string[]
  /** The guess warnings that concern mapping fields: moot once the user sets any of those fields. */
  fieldWarnings: { fields: (keyof ImportMapping)[]; message: string }[]
  /** A numeric code column named like an outcome (e.g. outcome = 2/1): the column a user's outcome map applies to. */
  codeColumn?: string
  /** Where the guessed areas come from, in words. */
  areaSource?: string
}

/** How an area source key reaches the area, in words (for the import report). */
export function describeAreaSource(key: string): string {
  if (key.startsWith('=')) return `the constant "${key.slice(1).trim()}"`
  if (key === 'electrodes.location') return 'units/electrodes → electrodes table location'
  if (key === 'electrode_group.location') return "units/electrode_group → the electrode group's location"
  if (key === 'peak_channel_id' || key === 'peak_channel') return `units ${key} → electrodes id → location`
  return `units column "${key}"`
}

/** Distinct values of a numeric column that looks like a code (≤ 12 distinct integers), as text; else null. */
function codeValues(c: Float64Array): string[] | null {
  const set = new Set<number>()
  for (const v of c) {
    if (!Number.isFinite(v)) continue
    if (!Number.isInteger(v) || set.add(v).size > 12) return null
  }
  return set.size ? [...set].sort((a, b) => a - b).map(String) : null
}

const MAX_DISTINCT = 50
const ONE_HOT = /^(hit|miss|cr|fa)(_?indices|_?trials?)?$/i

function findCi(names: string[], wanted: string[]): string | undefined {
  const lower = new Map(names.map((n) => [n.toLowerCase(), n]))
  for (const w of wanted) {
    const hit = lower.get(w.toLowerCase())
    if (hit !== undefined) return hit
  }
  return undefined
}

function distinct(values: string[]): string[] {
  return [...new Set(values)].sort()
}

/** Union of distinct values per text column (and the one-hot group), over all sessions. */
function outcomeValues(trials: RawTrials[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {}
  for (const t of trials) {
    for (const [name, c] of Object.entries(t.columns)) {
      if (!Array.isArray(c)) continue
      const set = (out[name] ??= new Set())
      for (const v of c) set.add(v)
    }
    const oneHot = Object.keys(t.columns).filter((n) => ONE_HOT.test(n) && t.columns[n] instanceof Float64Array)
    if (oneHot.length >= 2) out[oneHot.join('|')] = new Set([...oneHot, 'none'])
  }
  return Object.fromEntries(
    Object.entries(out)
      .filter(([, s]) => s.size <= MAX_DISTINCT)
      .map(([k, s]) => [k, distinct([...s])])
  )
}

/** Median spacing of trial starts, s (NaN with fewer than two trials). */
function medianSpacing(t: RawTrials): number {
  const d: number[] = []
  for (let i = 1; i < t.n; i++) d.push((t.startTime[i] as number) - (t.startTime[i - 1] as number))
  d.sort((a, b) => a - b)
  return d.length ? (d[d.length >> 1] as number) : NaN
}

/**
 * Guesses a mapping for the sessions of one file. The binning is the file's own suggestion (trials-table
 * `rsnn_binning` attribute), else the default (2 ms, −0.2..+1.2 s) with its end moved after the task's events.
 */
export function guessMapping(sessions: RawSession[]): GuessParts {
  const warnings = sessions.flatMap((s) => s.warnings)
  const fieldWarnings: GuessParts['fieldWarnings'] = []
  const warnFor = (fields: (keyof ImportMapping)[], message: string): void => {
    fieldWarnings.push({ fields, message })
    warnings.push(message)
  }
  const trials = sessions.map((s) => s.trials).filter((t): t is RawTrials => t !== null)
  const first = sessions[0]
  const areaKeys = first ? Object.keys(first.units.areaSources) : []
  const usable = areaKeys.filter((k) => sessions.some((s) => (s.units.areaSources[k] ?? []).some((v) => v !== '')))
  const hint = trials.find((t) => t.binningHint)?.binningHint
  const guess: ImportMapping = { binning: hint ?? defaultBinning }
  const area = findCi(usable, [...AREA_COLUMNS, 'brainRegion'])
  if (area !== undefined) guess.areaColumn = area
  else
    warnFor(
      ['areaColumn'],
      'no brain-area column found (units column, units/electrodes, electrode group or peak channel): set one, or a constant area with "=NAME"'
    )
  const values = outcomeValues(trials)
  const trialColumns = distinct(trials.flatMap((t) => Object.keys(t.columns)))
  let codeColumn: string | undefined
  const codeColumns: string[] = []
  if (trials.length === 0) warnings.push('no trials table: the file has units but no trials to bin')
  else {
    const textCols = Object.keys(values).filter((k) => !k.includes('|'))
    // Numeric and boolean outcome codes: listed for the mapping, never guessed (2 may be Hit in one lab, Miss in the next).
    // Event times are never codes, even when whole seconds (start_time 0, 10, 20…).
    const times = new Set(trials.flatMap((t) => t.timeColumns))
    const codes: Record<string, string[]> = {}
    for (const c of trialColumns) {
      if (times.has(c)) continue
      const col = trials.map((t) => t.columns[c]).find((x) => x instanceof Float64Array)
      const v = col instanceof Float64Array ? codeValues(col) : null
      if (v && !(c in values)) codes[c] = v
    }
    const outcomeCol = findCi(textCols, OUTCOME_COLUMNS) ?? Object.keys(values).find((k) => k.includes('|'))
    const codeCol = findCi(Object.keys(codes), OUTCOME_COLUMNS)
    if (outcomeCol === undefined) codeColumn = codeCol
    Object.assign(values, codes)
    codeColumns.push(...Object.keys(codes))
    if (outcomeCol !== undefined) {
      guess.outcomeColumn = outcomeCol
      guess.outcomeMap = Object.fromEntries((values[outcomeCol] ?? []).map((v) => [v, guessOutcome(v)]))
      const known = Object.values(guess.outcomeMap).filter((t) => t !== 'exclude').length
      if (known === 0) {
        warnFor(
          ['outcomeMap'],
          `outcome column "${outcomeCol}" has no value recognisable as Hit, Miss, CR or FA (${(values[outcomeCol] ?? []).join(', ')}): map them with --outcome-map, e.g. Hit=${values[outcomeCol]?.[0] ?? 'x'}`
        )
      }
    } else if (codeCol !== undefined) {
      warnFor(
        ['outcomeColumn', 'outcomeMap'],
        `trials column "${codeCol}" holds codes ${codes[codeCol]!.join(', ')}: to use it as the outcome give --outcome-column ${codeCol} --outcome-map Hit=${codes[codeCol]![codes[codeCol]!.length - 1]},Miss=${codes[codeCol]![0]}; until then every trial counts as Hit`
      )
    } else warnFor(['outcomeColumn'], 'no outcome column found: every trial will count as Hit unless you choose one')
    const timeCols = distinct(trials.flatMap((t) => t.timeColumns))
    const align = [...timeCols].sort((a, b) => alignScore(a) - alignScore(b))[0]
    if (align !== undefined) guess.align = align
    if (!hint) guess.binning = guessWindow(sessions, align ?? 'start_time')
    // A constant column (e.g. stim_present all 0) says nothing about the condition: fall back to the outcome.
    const varies = (c: string): boolean =>
      new Set(
        trials.flatMap((t) => {
          const v = t.columns[c]
          return v instanceof Float64Array ? Array.from(v) : []
        })
      ).size > 1
    const numeric = trialColumns.filter((c) => trials.some((t) => t.columns[c] instanceof Float64Array) && varies(c))
    const stim = findCi(numeric, STIMULUS_COLUMNS)
    if (stim !== undefined) guess.stimulusColumn = stim
    const spacing = Math.min(...trials.map(medianSpacing))
    const b = guess.binning ?? defaultBinning
    if (spacing < b.stop - b.start) {
      warnings.push(
        `trials are ${spacing.toFixed(3)} s apart (median) but the window is ${(b.stop - b.start).toFixed(3)} s: windows overlap`
      )
    }
  }
  const unitColumns = distinct([...(first?.units.columns ?? []), ...areaKeys])
  const behaviourSeries = distinct(sessions.flatMap((s) => Object.keys(s.behaviour)))
  const parts: GuessParts = {
    guess,
    unitColumns,
    trialColumns,
    outcomeValues: values,
    codeColumns,
    behaviourSeries,
    warnings: [...new Set(warnings)],
    fieldWarnings
  }
  if (area !== undefined) parts.areaSource = describeAreaSource(area)
  if (codeColumn !== undefined) parts.codeColumn = codeColumn
  return parts
}

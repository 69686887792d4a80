// RawSession + the user's mapping → SessionData: selects trials, assigns areas/types, bins spikes and behaviour.
import { AppError } from '@shared/contract/errors'
import {
  binCount,
  defaultBinning,
  type Binning,
  type BinnedSession,
  type TrialInfo,
  type UnbinnedSession,
  type UnitInfo
} from '@shared/domain/dataset'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { binEvents, binSpikes, firingRateHz, resampleContinuous, resamplePerTrial } from './binning'
import { typeFromLabel, typeFromWidth } from './labels'
import { describeAreaSource, guessMapping } from './mapping-guess'
import type { RawSession } from './raw'
import { numericColumn, outcomeLabels, outcomeTarget, perturbationLabels } from './trial-mapping'
import { countValues, invertedTrials, negativeSpikesWarning } from './used-data-checks'
import { categoricalColumns, guessWindow, relativeTaskEvents } from './task-events'

export interface BuiltSession {
  /** Everything but the binned counts: binSession adds them, or the dataset writer bins into the file. */
  session: UnbinnedSession
  warnings: string[]
}

/** The session with its binned spike counts K × T × U (binSpikes over its trials' alignment times). */
export function binSession(s: UnbinnedSession): BinnedSession {
  const alignTimes = Float64Array.from(s.trials, (t) => t.alignTime)
  return { ...s, spikes: binSpikes(s.spikeTimes, alignTimes, s.binning) }
}

function checkBinning(b: Binning, file: string): void {
  if (!(b.stop > b.start) || !(b.dt > 0) || binCount(b) < 1) {
    throw new AppError('BAD_VALUE', `window ${b.start}..${b.stop} s with dt ${b.dt} s gives no bins`, {
      file,
      field: 'binning'
    })
  }
}

function units(raw: RawSession, mapping: ImportMapping): UnitInfo[] {
  const u = raw.units
  const col = mapping.areaColumn
  let areas: string[]
  if (col === undefined) areas = u.ids.map(() => '')
  else if (col.startsWith('=')) areas = u.ids.map(() => col.slice(1).trim())
  else {
    const src = u.areaSources[col]
    if (!src) {
      throw new AppError(
        'FIELD_MISSING',
        `area column "${col}" not found (available: ${Object.keys(u.areaSources).join(', ') || 'none'})`,
        {
          file: raw.sourceFile,
          field: `units/${col}`
        }
      )
    }
    areas = src
  }
  return u.ids.map((id, i) => {
    const byLabel = u.typeLabels ? typeFromLabel(u.typeLabels[i] ?? '') : 'unknown'
    const type = byLabel !== 'unknown' ? byLabel : u.widthMs ? typeFromWidth(u.widthMs[i] as number) : 'unknown'
    return {
      sourceId: id,
      area: areas[i] || 'unknown',
      type,
      firingRateHz: firingRateHz(u.spikeTimes[i] as Float64Array)
    }
  })
}

/**
 * Applies `mapping` (missing fields filled by the automatic guess) to one raw session.
 * Trials that are excluded, lack an alignment time, or whose window misses the recorded span (first to last spike
 * of any unit) are dropped (warned);
 * EMPTY_RESULT when none remain, BAD_VALUE when every trial is outside the recording.
 */
export function buildSession(raw: RawSession, mapping: ImportMapping): BuiltSession {
  const file = raw.sourceFile
  const warnings = [...raw.warnings]
  const trials = raw.trials
  if (!trials || trials.n === 0) {
    const hint = raw.noTrialsHint ? `; ${raw.noTrialsHint}` : ''
    throw new AppError('EMPTY_RESULT', `session "${raw.name}" has no trials table: nothing to bin${hint}`, {
      file,
      field: '/intervals/trials'
    })
  }
  const guessed = guessMapping([raw])
  const given = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== undefined)) as ImportMapping
  // The guess's warnings about a field reach the user unless the user set that field.
  for (const w of guessed.fieldWarnings) if (w.fields.every((f) => given[f] === undefined)) warnings.push(w.message)
  const m: ImportMapping = { ...guessed.guess, ...given }
  // An outcome map given alone applies to the file's outcome code column (e.g. outcome = 2/1 with Hit=2,Miss=1).
  if (given.outcomeMap && !given.outcomeColumn && guessed.codeColumn) m.outcomeColumn = guessed.codeColumn
  const negative = negativeSpikesWarning(raw)
  if (negative) warnings.push(negative)
  const alignCol = m.align ?? 'start_time'
  // Not given: the file's suggestion, else a window that covers the task's events after the alignment event.
  const binning = given.binning ?? trials.binningHint ?? guessWindow([raw], alignCol, defaultBinning)
  checkBinning(binning, file)
  const align = numericColumn(trials, alignCol, file, 'alignment')
  const labels = m.outcomeColumn ? outcomeLabels(trials, m.outcomeColumn, file) : Array<string>(trials.n).fill('Hit')
  const stim = m.stimulusColumn ? numericColumn(trials, m.stimulusColumn, file, 'stimulus') : null
  const perturbation = m.perturbationColumn ? perturbationLabels(trials, m.perturbationColumn, file) : null
  let lo = Infinity
  let hi = -Infinity
  for (const st of raw.units.spikeTimes) {
    if (st.length === 0) continue
    lo = Math.min(lo, st[0] as number)
    hi = Math.max(hi, st[st.length - 1] as number)
  }
  const kept: TrialInfo[] = []
  const excludedValues: string[] = []
  const inverted = invertedTrials(trials)
  let noAlign = 0
  let outside = 0
  for (let k = 0; k < trials.n; k++) {
    const target = outcomeTarget(labels[k] as string, m.outcomeMap)
    const a = align[k] as number
    if (inverted.has(k)) continue
    if (target === 'exclude') excludedValues.push(labels[k] as string)
    else if (!Number.isFinite(a)) noAlign++
    else if (a + binning.stop <= lo || a + binning.start > hi) outside++
    else {
      const stimulus = stim ? (stim[k] as number) : target === 'Hit' || target === 'Miss' ? 1 : 0
      const p = perturbation?.[k]
      kept.push({
        sourceIndex: k,
        outcome: target,
        stimulus: Number.isFinite(stimulus) ? stimulus : 0,
        alignTime: a,
        ...(p ? { perturbation: p } : {})
      })
    }
  }
  const where = { file, field: `${trials.path}/${alignCol}` }
  const excluded = excludedValues.length
  if (inverted.size > 0)
    warnings.push(`${raw.name}: ${inverted.size} trial(s) whose stop_time is before their start_time dropped`)
  if (excluded > 0)
    warnings.push(
      `${raw.name}: ${excluded} trial(s) excluded by the outcome mapping (${m.outcomeColumn ?? 'outcome'}: ${countValues(excludedValues)})`
    )
  if (noAlign > 0) warnings.push(`${raw.name}: ${noAlign} trial(s) without a ${alignCol} time dropped`)
  if (outside > 0)
    warnings.push(
      `${raw.name}: ${outside} trial(s) outside the recorded span ${lo.toFixed(3)}–${hi.toFixed(3)} s dropped`
    )
  if (kept.length === 0 && outside > 0) {
    throw new AppError(
      'BAD_VALUE',
      `all ${outside} usable trials lie outside the recording (spikes span ${lo.toFixed(3)}–${hi.toFixed(3)} s)`,
      where
    )
  }
  if (kept.length === 0) {
    const why = excluded > 0 ? `; excluded values ${countValues(excludedValues)}: map them with --outcome-map` : ''
    throw new AppError(
      'EMPTY_RESULT',
      `the mapping leaves no trials in session "${raw.name}" (${excluded} excluded, ${noAlign} without ${alignCol}${inverted.size ? `, ${inverted.size} with stop before start` : ''})${why}`,
      where
    )
  }
  const alignTimes = Float64Array.from(kept, (t) => t.alignTime)
  const behaviour: Record<string, Float32Array> = {}
  const eventSeries = Object.entries(raw.behaviour)
    .filter(([, s]) => s.kind === 'events')
    .map(([name]) => name)
    .sort()
  for (const [name, s] of Object.entries(raw.behaviour)) {
    if (s.kind === 'continuous') behaviour[name] = resampleContinuous(s.times, s.values, alignTimes, binning)
    else if (s.kind === 'events') behaviour[name] = binEvents(s.times, alignTimes, binning)
    else {
      const traceOf = Float64Array.from(kept, (t) => t.sourceIndex)
      behaviour[name] = resamplePerTrial(s.values, s.nFrames, s.t0, s.rate, s.trialRef, traceOf, alignTimes, binning)
    }
  }
  const rows = kept.map((t) => t.sourceIndex)
  const taskEvents = relativeTaskEvents(trials, alignCol, rows, alignTimes)
  const outcomeColumns = m.outcomeColumn?.split('|').map((c) => c.trim()) ?? []
  const trialGroups = categoricalColumns(trials, rows, [...outcomeColumns, alignCol])
  const session: UnbinnedSession = {
    name: raw.name,
    sourceFile: file,
    units: units(raw, m),
    trials: kept,
    binning,
    nBins: binCount(binning),
    spikeTimes: raw.units.spikeTimes,
    behaviour,
    ...(raw.metadata ? { metadata: raw.metadata } : {}),
    ...(m.areaColumn !== undefined ? { areaSource: describeAreaSource(m.areaColumn) } : {}),
    alignment: alignCol,
    ...(eventSeries.length ? { eventSeries } : {}),
    ...(Object.keys(taskEvents).length ? { taskEvents } : {}),
    ...(Object.keys(trialGroups).length ? { trialGroups } : {})
  }
  return { session, warnings }
}

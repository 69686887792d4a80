// Public entry points over any supported file: load (raw), inspect (mapping guess), read (mapped, binned sessions).
import { AppError } from '@shared/contract/errors'
import type { BinnedSession, UnbinnedSession } from '@shared/domain/dataset'
import type { ImportMapping, MappingGuess } from '@shared/domain/import-mapping'
import { binSession, buildSession } from './build-session'
import { detectFormat } from './detect-format'
import { withH5 } from './h5/h5lib'
import { withSliceProgress } from './h5/read'
import { guessMapping } from './mapping-guess'
import { readMat } from './mat/read-mat'
import { readNwb } from './nwb/read-nwb'
import type { RawRecording, TrialSource } from './raw'
import { guessWindow } from './task-events'
import { readSessionsOpen } from './rsnn-h5/read'
import { sessionsToRaw } from './rsnn-h5/to-raw'

/** Progress of one file: fraction in [0, 1] and a short stage label. */
export type OnProgress = (fraction: number, stage: string) => void

/** Share of a file's progress (loadRecording, readRecordingUnbinned) that reading its datasets takes. */
const READING_SHARE = 0.9

/** The part of a mapping that decides where trials come from (NWB files only). */
function trialSource(m: ImportMapping | undefined): TrialSource {
  const s: TrialSource = {}
  if (m?.trialsTable) s.trialsTable = m.trialsTable
  if (m?.trialsFromEvents) s.trialsFromEvents = m.trialsFromEvents
  return s
}

/**
 * Reads a file into the format-neutral RawRecording (units with spike times, trials, behaviour), no mapping but
 * where the trials come from (`source`: an NWB interval table or event series).
 */
export function loadRecording(file: string, source: TrialSource = {}, onProgress?: OnProgress): Promise<RawRecording> {
  // Large datasets are read in slices: each one moves the bar through the reading stage.
  const onSlice =
    onProgress &&
    ((done: number, total: number, path: string): void => onProgress((READING_SHARE * done) / total, `reading ${path}`))
  return withH5(file, (f, header) => {
    const format = detectFormat(f, header, file)
    if (format === 'nwb') return withSliceProgress(onSlice, () => readNwb(f, file, source))
    if (format === 'mat-v7.3') return readMat(f, file)
    return { file, format, sessions: sessionsToRaw(readSessionsOpen(f)), warnings: [] }
  })
}

/**
 * Detects the format and guesses a mapping for the user to confirm (see MappingGuess). `chosen` carries where the
 * trials come from when the user picked a table or event series (the columns to map depend on it).
 */
export async function inspectRecording(file: string, chosen?: ImportMapping): Promise<MappingGuess> {
  const source = trialSource(chosen)
  const rec = await loadRecording(file, source)
  const { fieldWarnings: _, ...parts } = guessMapping(rec.sessions)
  const guess = { ...parts.guess, ...source }
  // A guessed (non-standard) trials table goes into the guess, so that importing the guess reads that table.
  const used = rec.sessions[0]?.trials?.path
  if (
    !source.trialsTable &&
    !source.trialsFromEvents &&
    used &&
    used !== '/intervals/trials' &&
    rec.trialTables?.some((t) => t.path === used)
  ) {
    guess.trialsTable = used
  }
  return {
    file,
    format: rec.format,
    ...parts,
    guess,
    warnings: [...rec.warnings, ...parts.warnings],
    trialTables: rec.trialTables ?? [],
    eventSeries: rec.eventSeries ?? []
  }
}

/** Sessions plus the non-fatal findings of the import (dropped trials/units, sorted spikes, conversions). */
export interface ReadResult {
  sessions: BinnedSession[]
  warnings: string[]
}
/** ReadResult before binning (see UnbinnedSession). */
export interface UnbinnedReadResult {
  sessions: UnbinnedSession[]
  warnings: string[]
}

/**
 * Reads every session of `file` with `mapping` (missing fields: the automatic guess), all but the binned spike
 * counts: what an import needs, whose writer bins into the dataset file (see UnbinnedSession).
 * Sessions without trials are skipped with a warning; EMPTY_RESULT when none is left.
 */
export async function readRecordingUnbinned(
  file: string,
  mapping: ImportMapping,
  onProgress?: OnProgress
): Promise<UnbinnedReadResult> {
  onProgress?.(0, 'reading')
  const rec = await loadRecording(file, trialSource(mapping), onProgress)
  const sessions: UnbinnedSession[] = []
  const warnings = [...rec.warnings]
  const n = rec.sessions.length
  // One window for every session of the file (a guess per session could differ between sessions).
  if (!mapping.binning) {
    const align = mapping.align ?? guessMapping(rec.sessions).guess.align ?? 'start_time'
    const hint = rec.sessions.find((s) => s.trials?.binningHint)?.trials?.binningHint
    mapping = { ...mapping, binning: hint ?? guessWindow(rec.sessions, align) }
  }
  let lastError: AppError | null = null
  for (const [i, raw] of rec.sessions.entries()) {
    onProgress?.(READING_SHARE + ((1 - READING_SHARE) * i) / n, `mapping ${raw.name}`)
    if (n > 1 && (!raw.trials || raw.trials.n === 0)) {
      warnings.push(`session "${raw.name}" has no trials; skipped`)
      continue
    }
    try {
      const built = buildSession(raw, mapping)
      sessions.push(built.session)
      warnings.push(...built.warnings)
    } catch (err) {
      // One session of several that the mapping empties is skipped; a single-session file reports the error.
      if (n === 1 || !(err instanceof AppError) || err.code !== 'EMPTY_RESULT') throw err
      warnings.push(err.message)
      lastError = err
    }
  }
  if (sessions.length === 0) {
    throw lastError ?? new AppError('EMPTY_RESULT', 'no session has trials to bin', { file })
  }
  onProgress?.(1, 'done')
  return { sessions, warnings: [...new Set(warnings)] }
}

/** Reads and bins every session of `file` with `mapping` (see readRecordingUnbinned). */
export async function readRecordingReport(
  file: string,
  mapping: ImportMapping,
  onProgress?: OnProgress
): Promise<ReadResult> {
  // Reading and mapping fill the first 30 % of the bar, binning the rest.
  const share = 0.3
  const read = await readRecordingUnbinned(file, mapping, onProgress && ((f, stage) => onProgress(f * share, stage)))
  const sessions = read.sessions.map((s, i, all) => {
    onProgress?.(share + ((1 - share) * i) / all.length, `binning ${s.name}`)
    return binSession(s)
  })
  onProgress?.(1, 'done')
  return { sessions, warnings: read.warnings }
}

/** Reads and bins every session of `file` (see readRecordingReport). */
export async function readRecording(
  file: string,
  mapping: ImportMapping,
  onProgress?: OnProgress
): Promise<BinnedSession[]> {
  return (await readRecordingReport(file, mapping, onProgress)).sessions
}

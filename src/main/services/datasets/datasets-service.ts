// Datasets service: inspect files, import them atomically (HDF5 beside the db + one SQLite transaction),
// list/show/rename/delete, and binned views (raster, PSTH, behaviour) for the UI.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'
import type { Behaviour, DatasetDetail, ImportResult, Preview, Psth, Raster } from '@shared/contract/datasets-methods'
import {
  VIEW_PSTH_SMOOTH_MS,
  type DatasetSummary,
  type SessionData,
  type UnbinnedSession
} from '@shared/domain/dataset'
import type { ImportMapping, MappingGuess } from '@shared/domain/import-mapping'
import type { Db } from '../../store/db'
import { DatasetsRepo, toSummary, type DatasetRow } from '../../store/datasets-repo'
import type { StorePaths } from '../../paths'
import { tempPathFor } from '../../io/temp-files'
import { eventsOutsideWindow } from '../../io/task-events'
import { dropShortConditions, unlabelledConditions } from '../../io/used-data-checks'
import { canonicalJson, summariseSession } from './summary'
import { behaviourView, psthView } from './views'
import { rasterView, type RasterPage } from './raster-view'
import { SessionCache } from './session-cache'
import type { EventBus } from '../events'
import type { IoPort, ReadProgress } from '../io-port'

/** Share of an import's progress bar that reading the files takes; binning and writing the dataset file the rest. */
const READ_SHARE = 0.5

export interface ImportRequest {
  files: string[]
  name?: string
  mapping?: ImportMapping
}

export class DatasetsService {
  readonly repo: DatasetsRepo
  /** Decoded sessions of the last datasets viewed, within a byte budget (views are called repeatedly while browsing). */
  readonly cache = new SessionCache()
  /** Decodes in progress: calls that arrive meanwhile (the views of one page) share one, not one decode each. */
  private readonly decoding = new Map<string, Promise<SessionData[]>>()

  constructor(
    private readonly db: Db,
    private readonly paths: StorePaths,
    private readonly io: IoPort,
    private readonly events: EventBus
  ) {
    this.repo = new DatasetsRepo(db)
    mkdirSync(paths.datasetsDir, { recursive: true })
  }

  /** What each file holds and a guessed mapping; `chosen` (trialsTable / trialsFromEvents) picks the trials' source. */
  async inspect(files: string[], chosen?: ImportMapping): Promise<MappingGuess[]> {
    const guesses: MappingGuess[] = []
    for (const f of files) guesses.push(await this.io.inspectRecording(checkedFile(f), chosen))
    return guesses
  }

  /**
   * Imports files as one dataset. Same files (by content) with the same mapping → the existing dataset,
   * `existing: true`. On any failure nothing is left behind: no row, no HDF5 file, earlier datasets untouched.
   */
  async import(req: ImportRequest): Promise<ImportResult> {
    const files = req.files.map(checkedFile)
    const mapping = req.mapping ?? {}
    const hashes: string[] = []
    const progress = (f: string, i: number, fraction: number, stage: string): void =>
      this.progress(f, (READ_SHARE * (i + Math.min(1, Math.max(0, fraction)))) / files.length, stage)
    for (const [i, f] of files.entries()) {
      progress(f, i, 0, 'hashing')
      hashes.push(await this.io.hashFile(f))
    }
    const contentHash = sha256(canonicalJson({ files: [...hashes].sort(), mapping }))
    const before = this.repo.findByHash(contentHash)
    if (before) return this.existing(before)

    const sessions: (SessionData | UnbinnedSession)[] = []
    const warnings: string[] = []
    for (const [i, f] of files.entries()) {
      const read = await this.readForImport(f, sameWindow(mapping, sessions), (fraction, stage) =>
        progress(f, i, fraction, stage)
      )
      for (const one of read.sessions) {
        const checked = dropShortConditions(one)
        if (checked.refusal)
          throw new AppError('BAD_VALUE', checked.refusal, { file: one.sourceFile, field: 'stimulusColumn' })
        sessions.push(checked.session)
        if (checked.warning) read.warnings.push(checked.warning)
      }
      warnings.push(...read.warnings.map((w) => `${basename(f)}: ${w}`))
    }
    if (sessions.length === 0) throw new AppError('EMPTY_RESULT', 'no session could be read from these files')
    for (const s of sessions) {
      if (s.taskEvents) warnings.push(...eventsOutsideWindow(s.name, s.taskEvents, s.binning))
      const unlabelled = unlabelledConditions(s, mapping.conditionLabels)
      if (unlabelled) throw new AppError('BAD_VALUE', unlabelled, { file: s.sourceFile, field: 'conditionLabels' })
    }

    const id = randomUUID().replace(/-/g, '').slice(0, 12)
    const name = this.uniqueName(req.name ?? defaultName(files))
    const h5File = join('datasets', `${id}.h5`)
    const finalPath = join(this.paths.dataDir, h5File)
    const tmpPath = tempPathFor(finalPath)
    const summaries = sessions.map(summariseSession)
    try {
      const last = files[files.length - 1]!
      const onWrite = (fraction: number, stage: string): void =>
        this.progress(last, READ_SHARE + (1 - READ_SHARE) * Math.min(1, Math.max(0, fraction)), stage)
      onWrite(0, 'writing')
      const meta = { id, name, contentHash, mapping, files, hashes }
      await this.io.writeSessionsH5(tmpPath, sessions, meta, onWrite)
      // Register and rename in one IMMEDIATE transaction: a failed rename rolls the rows back.
      this.db
        .transaction(() => {
          this.repo.insert({
            id,
            name,
            contentHash,
            mapping,
            h5File,
            createdAt: new Date().toISOString(),
            files: files.map((path, i) => ({ path, sha256: hashes[i]! })),
            sessions: sessions.map((s, i) => ({ summary: summaries[i]!, units: s.units, trials: s.trials }))
          })
          renameSync(tmpPath, finalPath)
        })
        .immediate()
    } catch (err) {
      removeFile(tmpPath)
      if (!this.repo.get(id)) removeFile(finalPath)
      // Another process imported the same content meanwhile: that one wins.
      const raced = isUniqueViolation(err) ? this.repo.findByHash(contentHash) : undefined
      if (raced) return this.existing(raced)
      throw err
    }
    // Binned sessions are kept for the views that follow; unbinned ones are read back from the file when viewed (their
    // spike times may have moved to the writing thread).
    if (sessions.every((s): s is SessionData => 'spikes' in s && s.spikes !== undefined)) {
      this.cache.set(id, sessions)
    }
    this.events.emit('datasets.changed', { id, change: 'imported' })
    const detail = this.show(id)
    return {
      ...detail,
      existing: false,
      warnings,
      message: `imported "${name}" as dataset ${id} (${sessions.length} sessions)`
    }
  }

  /** Reads and bins files without storing anything: what the mapping gives, to check it before importing. */
  async preview(req: { files: string[]; mapping?: ImportMapping; session?: number; area?: string }): Promise<Preview> {
    const sessions: SessionData[] = []
    const warnings: string[] = []
    for (const f of req.files.map(checkedFile)) {
      const read = await this.read(f, sameWindow(req.mapping ?? {}, sessions))
      for (const one of read.sessions) {
        // What the import would keep; a session it refuses is shown whole, saying so, while the mapping can change.
        const checked = dropShortConditions(one)
        sessions.push(checked.session)
        if (checked.warning) read.warnings.push(checked.warning)
        if (checked.refusal) read.warnings.push(`${checked.refusal}; the import will refuse it`)
      }
      warnings.push(...read.warnings.map((w) => `${basename(f)}: ${w}`))
    }
    if (sessions.length === 0) return { sessions: [], raster: null, psth: null, warnings }
    for (const s of sessions) {
      // The task's events that the window leaves out (the window is the user's to choose).
      if (s.taskEvents) warnings.push(...eventsOutsideWindow(s.name, s.taskEvents, s.binning))
      const unlabelled = unlabelledConditions(s, req.mapping?.conditionLabels)
      if (unlabelled) warnings.push(`${basename(s.sourceFile)}: ${unlabelled}; the import will refuse it`)
    }
    const one = pickSession(sessions, req.session ?? 0)
    const area = req.area ?? one.units[0]?.area
    return {
      sessions: sessions.map(summariseSession),
      raster: area === undefined ? null : rasterView(one, area),
      psth: one.units.length ? psthView([one], VIEW_PSTH_SMOOTH_MS) : null,
      warnings
    }
  }

  list(): DatasetSummary[] {
    return this.repo.list().map(toSummary)
  }

  show(ref: string): DatasetDetail {
    const row = this.resolve(ref)
    return {
      dataset: toSummary(row),
      sessions: this.repo.sessions(row.id),
      mapping: JSON.parse(row.mapping_json) as ImportMapping,
      files: this.repo.files(row.id)
    }
  }

  rename(ref: string, name: string): DatasetSummary {
    const row = this.resolve(ref)
    const clash = this.repo.findByName(name).find((r) => r.id !== row.id)
    if (clash)
      throw new AppError('CONFLICT', `another dataset (${clash.id}) is already named "${name}"`, { field: 'name' })
    this.repo.rename(row.id, name)
    this.events.emit('datasets.changed', { id: row.id, change: 'renamed' })
    return toSummary(this.repo.get(row.id)!)
  }

  /** Removes the rows (one transaction) and then the dataset's HDF5 file. */
  delete(ref: string): { id: string; name: string } {
    const row = this.resolve(ref)
    this.repo.delete(row.id)
    rmSync(join(this.paths.dataDir, row.h5_file), { force: true })
    this.cache.delete(row.id)
    this.decoding.delete(row.id)
    this.events.emit('datasets.changed', { id: row.id, change: 'deleted' })
    return { id: row.id, name: row.name }
  }

  /** The dataset's sessions with their binned arrays (decoded from its HDF5 file, cached). */
  async sessions(ref: string): Promise<SessionData[]> {
    const row = this.resolve(ref)
    const hit = this.cache.get(row.id)
    if (hit) return hit
    const pending = this.decoding.get(row.id)
    if (pending) return pending
    const decode = (async () => this.io.readSessionsH5(this.fileOf(row.id)))()
    this.decoding.set(row.id, decode)
    try {
      const sessions = await decode
      // Not cached when the dataset was deleted while it was being decoded.
      if (this.decoding.get(row.id) === decode) this.cache.set(row.id, sessions)
      return sessions
    } finally {
      if (this.decoding.get(row.id) === decode) this.decoding.delete(row.id)
    }
  }

  /** Absolute path of the dataset's HDF5 file. @throws AppError NOT_FOUND when the file is missing */
  fileOf(ref: string): string {
    const file = join(this.paths.dataDir, this.resolve(ref).h5_file)
    if (!existsSync(file)) throw new AppError('NOT_FOUND', 'the dataset file is missing from the store', { file })
    return file
  }

  /** One page of the raster's spikes (see rasterView). */
  async raster(ref: string, session: number, area: string, groupBy?: string, page?: RasterPage): Promise<Raster> {
    return rasterView(pickSession(await this.sessions(ref), session), area, groupBy, page)
  }

  async psth(ref: string, session: number | undefined, smoothMs: number, groupBy?: string): Promise<Psth> {
    const all = await this.sessions(ref)
    return psthView(session === undefined ? all : [pickSession(all, session)], smoothMs, groupBy)
  }

  async behaviour(ref: string, session: number, key?: string, groupBy?: string): Promise<Behaviour> {
    return behaviourView(pickSession(await this.sessions(ref), session), key, groupBy)
  }

  /** A dataset by id, or by name when exactly one has it. */
  resolve(ref: string): DatasetRow {
    const byId = this.repo.get(ref)
    if (byId) return byId
    const byName = this.repo.findByName(ref)
    if (byName.length === 1) return byName[0]!
    if (byName.length > 1) {
      throw new AppError('CONFLICT', `${byName.length} datasets are named "${ref}"; use the id`, { field: 'id' })
    }
    throw new AppError('NOT_FOUND', `no dataset "${ref}"`, { field: 'id' })
  }

  private existing(row: DatasetRow): ImportResult {
    const detail = this.show(row.id)
    const message = `already imported as "${row.name}" (dataset ${row.id}): same file content and mapping`
    return { ...detail, existing: true, message, warnings: [] }
  }

  /** Sessions for an import: unbinned when io offers it (the writer bins them into the file), else binned. */
  private async readForImport(
    file: string,
    mapping: ImportMapping,
    onProgress: ReadProgress
  ): Promise<{ sessions: (SessionData | UnbinnedSession)[]; warnings: string[] }> {
    if (this.io.readRecordingUnbinned) return this.io.readRecordingUnbinned(file, mapping, onProgress)
    return this.read(file, mapping, onProgress)
  }

  private async read(
    file: string,
    mapping: ImportMapping,
    onProgress?: ReadProgress
  ): Promise<{ sessions: SessionData[]; warnings: string[] }> {
    if (this.io.readRecordingReport) return this.io.readRecordingReport(file, mapping, onProgress)
    return { sessions: await this.io.readRecording(file, mapping, onProgress), warnings: [] }
  }

  /** `fraction` of the whole import (all its files, reading then writing), so one bar covers it. */
  private progress(file: string, fraction: number, stage: string): void {
    this.events.emit('import.progress', { file, fraction, stage })
  }

  private uniqueName(wanted: string): string {
    const taken = new Set(this.repo.names())
    if (!taken.has(wanted)) return wanted
    for (let i = 2; ; i++) if (!taken.has(`${wanted} (${i})`)) return `${wanted} (${i})`
  }
}

/** Without a window in the mapping, the files after the first use the window guessed for the first: one binning. */
function sameWindow(mapping: ImportMapping, before: readonly UnbinnedSession[]): ImportMapping {
  const first = before[0]
  return mapping.binning || !first ? mapping : { ...mapping, binning: first.binning }
}

function checkedFile(f: string): string {
  const abs = resolve(f)
  if (!existsSync(abs)) throw new AppError('NOT_FOUND', 'file not found', { file: abs })
  if (!statSync(abs).isFile()) throw new AppError('BAD_VALUE', 'not a file', { file: abs })
  return abs
}

/** Deletes a file we wrote, never a directory; cleanup must not mask the error that caused it. */
function removeFile(p: string): void {
  try {
    if (existsSync(p) && statSync(p).isFile()) rmSync(p)
  } catch {
    // best effort: a leftover temp file is swept at the next start
  }
}

function pickSession(all: SessionData[], index: number): SessionData {
  const s = all[index]
  if (!s)
    throw new AppError('NOT_FOUND', `session ${index} does not exist (dataset has ${all.length})`, { field: 'session' })
  return s
}

function defaultName(files: string[]): string {
  const first = basename(files[0]!, extname(files[0]!))
  return files.length > 1 ? `${first} +${files.length - 1}` : first
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
}

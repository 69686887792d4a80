// Datasets repository: datasets, their source files, sessions, units and trials (metadata only; arrays are HDF5).
import type { DatasetSummary, SessionSummary, TrialInfo, UnitInfo } from '@shared/domain/dataset'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { conditionLabelsSchema, type ConditionLabels } from '@shared/domain/conditions'
import type { Db } from './db'

/** Everything registered for one dataset, written in one transaction by `insert`. */
export interface NewDataset {
  id: string
  name: string
  contentHash: string
  mapping: ImportMapping
  /** HDF5 file with the binned arrays, relative to the data dir. */
  h5File: string
  createdAt: string
  files: { path: string; sha256: string }[]
  sessions: { summary: SessionSummary; units: UnitInfo[]; trials: TrialInfo[] }[]
}

export interface DatasetRow {
  id: string
  name: string
  content_hash: string
  mapping_json: string
  h5_file: string
  areas_json: string
  n_units: number
  n_trials: number
  has_behaviour: number
  created_at: string
  n_sessions: number
}

const SELECT_DATASET = `SELECT d.*, (SELECT COUNT(*) FROM sessions s WHERE s.dataset_id = d.id) AS n_sessions
  FROM datasets d`

export class DatasetsRepo {
  constructor(private readonly db: Db) {}

  /** Inserts a dataset with all its rows. Call inside a transaction (the import makes it atomic with the file). */
  insert(d: NewDataset): void {
    const areas = [...new Set(d.sessions.flatMap((s) => Object.keys(s.summary.unitsPerArea)))].sort()
    const nUnits = d.sessions.reduce((n, s) => n + s.summary.nUnits, 0)
    const nTrials = d.sessions.reduce((n, s) => n + s.summary.nTrials, 0)
    const hasBehaviour = d.sessions.some((s) => s.summary.behaviour.length > 0)
    this.db
      .prepare(
        `INSERT INTO datasets (id, name, content_hash, mapping_json, h5_file, areas_json, n_units, n_trials,
           has_behaviour, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(
        d.id,
        d.name,
        d.contentHash,
        JSON.stringify(d.mapping),
        d.h5File,
        JSON.stringify(areas),
        nUnits,
        nTrials,
        hasBehaviour ? 1 : 0,
        d.createdAt
      )
    const file = this.db.prepare('INSERT INTO dataset_files (dataset_id, position, path, sha256) VALUES (?, ?, ?, ?)')
    d.files.forEach((f, i) => file.run(d.id, i, f.path, f.sha256))
    const session = this.db.prepare(
      'INSERT INTO sessions (dataset_id, idx, name, source_file, summary_json) VALUES (?, ?, ?, ?, ?)'
    )
    const unit = this.db.prepare(
      'INSERT INTO units (dataset_id, session_idx, idx, source_id, area, type, rate_hz) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    const trial = this.db.prepare(
      `INSERT INTO trials (dataset_id, session_idx, idx, source_index, outcome, stimulus, align_time)
       VALUES (?, ?, ?, ?, ?, ?, ?)`
    )
    d.sessions.forEach((s, si) => {
      session.run(d.id, si, s.summary.name, s.summary.sourceFile, JSON.stringify(s.summary))
      s.units.forEach((u, i) => unit.run(d.id, si, i, u.sourceId, u.area, u.type, u.firingRateHz))
      s.trials.forEach((t, i) => trial.run(d.id, si, i, t.sourceIndex, t.outcome, t.stimulus, t.alignTime))
    })
  }

  get(id: string): DatasetRow | undefined {
    return this.db.prepare(`${SELECT_DATASET} WHERE d.id = ?`).get(id) as DatasetRow | undefined
  }

  findByHash(contentHash: string): DatasetRow | undefined {
    return this.db.prepare(`${SELECT_DATASET} WHERE d.content_hash = ?`).get(contentHash) as DatasetRow | undefined
  }

  findByName(name: string): DatasetRow[] {
    return this.db.prepare(`${SELECT_DATASET} WHERE d.name = ?`).all(name) as DatasetRow[]
  }

  /** All datasets, newest first. */
  list(): DatasetRow[] {
    return this.db.prepare(`${SELECT_DATASET} ORDER BY d.created_at DESC, d.rowid DESC`).all() as DatasetRow[]
  }

  names(): string[] {
    return (this.db.prepare('SELECT name FROM datasets').all() as { name: string }[]).map((r) => r.name)
  }

  sessions(id: string): SessionSummary[] {
    const rows = this.db.prepare('SELECT summary_json FROM sessions WHERE dataset_id = ? ORDER BY idx').all(id) as {
      summary_json: string
    }[]
    return rows.map((r) => JSON.parse(r.summary_json) as SessionSummary)
  }

  files(id: string): { path: string; sha256: string }[] {
    return this.db.prepare('SELECT path, sha256 FROM dataset_files WHERE dataset_id = ? ORDER BY position').all(id) as {
      path: string
      sha256: string
    }[]
  }

  units(id: string, session: number): UnitInfo[] {
    const rows = this.db
      .prepare('SELECT source_id, area, type, rate_hz FROM units WHERE dataset_id = ? AND session_idx = ? ORDER BY idx')
      .all(id, session) as { source_id: number; area: string; type: UnitInfo['type']; rate_hz: number }[]
    return rows.map((r) => ({ sourceId: r.source_id, area: r.area, type: r.type, firingRateHz: r.rate_hz }))
  }

  trials(id: string, session: number): TrialInfo[] {
    const rows = this.db
      .prepare(
        `SELECT source_index, outcome, stimulus, align_time FROM trials WHERE dataset_id = ? AND session_idx = ?
         ORDER BY idx`
      )
      .all(id, session) as {
      source_index: number
      outcome: TrialInfo['outcome']
      stimulus: number
      align_time: number
    }[]
    return rows.map((r) => ({
      sourceIndex: r.source_index,
      outcome: r.outcome,
      stimulus: r.stimulus,
      alignTime: r.align_time
    }))
  }

  /** The dataset's own condition labels (undefined: the detection task, or no such dataset). */
  conditionLabels(id: string): ConditionLabels | undefined {
    const row = this.get(id)
    return row ? conditionLabelsOf(row).conditionLabels : undefined
  }

  rename(id: string, name: string): void {
    this.db.prepare('UPDATE datasets SET name = ? WHERE id = ?').run(name, id)
  }

  /** Deletes the dataset and (by cascade) its files, sessions, units and trials rows. */
  delete(id: string): void {
    this.db.prepare('DELETE FROM datasets WHERE id = ?').run(id)
  }
}

/** The summary the contract exposes for one row. */
export function toSummary(r: DatasetRow): DatasetSummary {
  return {
    id: r.id,
    name: r.name,
    sessions: r.n_sessions,
    areas: JSON.parse(r.areas_json) as string[],
    nUnits: r.n_units,
    nTrials: r.n_trials,
    createdAt: r.created_at,
    hasBehaviour: r.has_behaviour === 1,
    ...conditionLabelsOf(r)
  }
}

/** The labels stored with the mapping (datasets imported before labels existed have none: the detection task). */
function conditionLabelsOf(r: DatasetRow): { conditionLabels?: ConditionLabels } {
  const parsed = conditionLabelsSchema.safeParse((JSON.parse(r.mapping_json) as ImportMapping).conditionLabels)
  return parsed.success ? { conditionLabels: parsed.data } : {}
}

// Ceilings-by-smoothing cache: one row per dataset, replaced when the method that computed it changes.
import type { CeilingPointWire } from '@shared/domain/timescale'
import type { Db } from './db'

export class CeilingsRepo {
  constructor(private readonly db: Db) {}

  /** The cached ladder of a dataset when it was computed by `method`, else null. */
  get(datasetId: string, method: string): CeilingPointWire[] | null {
    const row = this.db
      .prepare('SELECT method, ladder_json FROM dataset_ceilings WHERE dataset_id = ?')
      .get(datasetId) as { method: string; ladder_json: string } | undefined
    return row && row.method === method ? (JSON.parse(row.ladder_json) as CeilingPointWire[]) : null
  }

  /** Stores (or replaces) a dataset's ladder; a dataset deleted meanwhile leaves nothing (foreign key). */
  put(datasetId: string, method: string, ladder: CeilingPointWire[]): void {
    const exists = this.db.prepare('SELECT 1 FROM datasets WHERE id = ?').get(datasetId)
    if (!exists) return
    this.db
      .prepare(
        `INSERT INTO dataset_ceilings (dataset_id, method, ladder_json, computed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(dataset_id) DO UPDATE SET method = excluded.method, ladder_json = excluded.ladder_json,
           computed_at = excluded.computed_at`
      )
      .run(datasetId, method, JSON.stringify(ladder), new Date().toISOString())
  }
}

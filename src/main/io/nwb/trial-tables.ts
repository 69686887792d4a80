// Which TimeIntervals table holds the trials: the user's choice (--trials-table, the Import view picker),
// else /intervals/trials, else a table whose name says "trial"; otherwise none, and the candidates are named.
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { TrialTableInfo } from '@shared/domain/import-mapping'
import { baseName, type TypedGroup } from './detect'
import { openTable } from './table'

/** Every TimeIntervals table (under /intervals, /processing or elsewhere) with its row count and columns. */
export function listTrialTables(f: H5File, groups: TypedGroup[]): TrialTableInfo[] {
  return groups
    .filter((g) => g.type === 'TimeIntervals')
    .map((g) => {
      const t = openTable(f, g.path)
      return { path: g.path, rows: t.nRows, columns: t.columns }
    })
}

/** "a (3 rows), b (10 rows)": the candidates, for messages. */
export function describeTables(tables: TrialTableInfo[]): string {
  return tables.map((t) => `${t.path} (${t.rows} rows)`).join(', ') || 'none'
}

export interface TrialsTableChoice {
  path: string | null
  /** Set when the table was guessed rather than given or standard: say so. */
  guessed: boolean
}

/**
 * The trials table: `wanted` (a path, or a table name) when given — FIELD_MISSING listing the candidates when
 * it is not there — else /intervals/trials, else any table named "trials", else the largest table whose name
 * contains "trial". Null when none fits (e.g. only epochs or stimulus presentations).
 */
export function chooseTrialsTable(
  tables: TrialTableInfo[],
  wanted: string | undefined,
  file: string
): TrialsTableChoice {
  if (wanted !== undefined) {
    const hit = tables.find((t) => t.path === wanted) ?? tables.find((t) => baseName(t.path) === wanted)
    if (!hit) {
      throw new AppError(
        'FIELD_MISSING',
        `no TimeIntervals table "${wanted}"; the file has: ${describeTables(tables)}`,
        {
          file,
          field: '--trials-table'
        }
      )
    }
    return { path: hit.path, guessed: false }
  }
  const standard =
    tables.find((t) => t.path === '/intervals/trials') ?? tables.find((t) => baseName(t.path) === 'trials')
  if (standard) return { path: standard.path, guessed: false }
  const named = tables.filter((t) => /trial/i.test(baseName(t.path)) && t.rows > 0).sort((a, b) => b.rows - a.rows)
  return { path: named[0]?.path ?? null, guessed: named.length > 0 }
}

// CSV for "export table" buttons: the one writer in src/shared/csv.ts, plus columns → rows.
import type { CsvCell } from '@shared/csv'

export { csvCell, toCsv, type CsvCell } from '@shared/csv'

/** Columns of equal length (e.g. time + series) → rows. Missing entries become empty cells. */
export function columnsToRows(columns: ArrayLike<CsvCell>[]): CsvCell[][] {
  const n = Math.max(0, ...columns.map((c) => c.length))
  return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]))
}

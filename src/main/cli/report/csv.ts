// Report tables as CSV files: the one CSV writer (src/shared/csv.ts, shared with the renderer) over named tables.
import { csvCell, toCsv as rowsToCsv, type CsvCell } from '@shared/csv'

export { csvCell, type CsvCell }

/** A named table: one CSV file. Column names carry their units, e.g. `time_s`, `rate_Hz`. */
export interface Table {
  /** File name stem (kebab-case); the file is `<name>.csv`. */
  name: string
  header: string[]
  rows: CsvCell[][]
}

/** Header row + data rows → CSV text. */
export function toCsv(t: Pick<Table, 'header' | 'rows'>): string {
  return rowsToCsv(t.header, t.rows)
}

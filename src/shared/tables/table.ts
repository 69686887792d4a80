// A named table: what a view's CSV button downloads and what `rsnn export --tables` writes as `<name>.csv`.
import { toCsv, type CsvCell } from '../csv'

export interface Table {
  /** File name stem (kebab-case); the file is `<name>.csv`. */
  name: string
  /** Column names carry their units, e.g. `time_s`, `rate_Hz`. */
  header: string[]
  rows: CsvCell[][]
}

/** The table as CSV text (the one writer, src/shared/csv.ts). */
export function tableCsv(t: Pick<Table, 'header' | 'rows'>): string {
  return toCsv(t.header, t.rows)
}

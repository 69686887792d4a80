// Main-side CSV writer for report tables (RFC 4180 quoting, CRLF line ends): the renderer keeps its own copy
// in lib/csv.ts because main may not import renderer code (style.md B3).

export type CsvCell = string | number | null | undefined

/** A named table: one CSV file. Column names carry their units, e.g. `time_s`, `rate_Hz`. */
export interface Table {
  /** File name stem (kebab-case); the file is `<name>.csv`. */
  name: string
  header: string[]
  rows: CsvCell[][]
}

/** Quotes a cell holding a comma, quote, CR or LF; numbers keep full precision; null/undefined/NaN → empty. */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** Header row + data rows → CSV text. */
export function toCsv(t: Pick<Table, 'header' | 'rows'>): string {
  return [t.header, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

// The one CSV writer (report tables in main, "export table" buttons in the renderer): RFC 4180 quoting, CRLF line
// ends, and text that a spreadsheet would run as a formula neutralised.

export type CsvCell = string | number | boolean | null | undefined

/** Spreadsheets treat a cell starting with these as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/
/** Text that is a plain number (e.g. "-0.5", "+3e-2") stays as it is: it is data, not a formula. */
const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/**
 * One cell: numbers at full precision (null/NaN/±Infinity → empty); text starting with =, +, -, @, tab or CR
 * and not a number gets a leading apostrophe, so a label like `=cmd|' /C calc'!A0` shows as text; quoted when it
 * holds a comma, quote, CR or LF.
 */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  let s = String(v)
  if (FORMULA_START.test(s) && !NUMBER_TEXT.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** A header row and data rows → CSV text (header cells are neutralised like any other). */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

// CSV serialisation of tables (RFC 4180 quoting), for "export table" buttons.
/** Quotes a cell when it holds a comma, quote, CR or LF; numbers keep full precision; null/NaN → empty. */
export function csvCell(v) {
    if (v === null || v === undefined)
        return '';
    if (typeof v === 'number')
        return Number.isFinite(v) ? String(v) : '';
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
/** A header row and data rows → CSV text with CRLF line ends (what spreadsheet programs expect). */
export function toCsv(header, rows) {
    return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
/** Columns of equal length (e.g. time + series) → rows. Missing entries become empty cells. */
export function columnsToRows(columns) {
    const n = Math.max(0, ...columns.map((c) => c.length));
    return Array.from({ length: n }, (_, i) => columns.map((c) => c[i]));
}

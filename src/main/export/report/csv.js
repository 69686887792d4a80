// Main-side CSV writer for report tables (RFC 4180 quoting, CRLF line ends): the renderer keeps its own copy
// in lib/csv.ts because main may not import renderer code (style.md B3).
/** Quotes a cell holding a comma, quote, CR or LF; numbers keep full precision; null/undefined/NaN → empty. */
export function csvCell(v) {
    if (v === null || v === undefined)
        return '';
    if (typeof v === 'number')
        return Number.isFinite(v) ? String(v) : '';
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
/** Header row + data rows → CSV text. */
export function toCsv(t) {
    return [t.header, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

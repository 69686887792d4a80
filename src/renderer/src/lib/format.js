// Number, duration and date formatting for tables and metric cards (null/NaN shown as an em dash).
/** A number with `digits` significant digits; null/undefined/NaN → "—". */
export function fmtNum(v, digits = 3) {
    if (v === null || v === undefined || !Number.isFinite(v))
        return '—';
    if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3))
        return v.toExponential(digits - 1);
    return Number(v.toPrecision(digits)).toString();
}
/** Seconds as "1 h 02 min", "3 min 05 s" or "12.3 s"; null → "—". */
export function fmtDuration(s) {
    if (s === null || s === undefined || !Number.isFinite(s) || s < 0)
        return '—';
    if (s < 60)
        return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m} min ${String(Math.round(s - m * 60)).padStart(2, '0')} s`;
    const h = Math.floor(m / 60);
    return `${h} h ${String(m - h * 60).padStart(2, '0')} min`;
}
/** ISO time → local "YYYY-MM-DD HH:MM"; invalid → the input unchanged. */
export function fmtDate(iso) {
    if (!iso)
        return '—';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime()))
        return iso;
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
/** A fraction as a percentage with one decimal. */
export function fmtPct(v) {
    return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)} %`;
}

const NOT_EVENTS = new Set(['stop_time', 'id']);
/** Does a numeric trial column hold event times? By name: *_time, *time, *onset*, *Onsets*. */
export function isTimeColumnName(name) {
    const n = name.toLowerCase();
    return !NOT_EVENTS.has(n) && /(_time$|time$|times$|onset)/.test(n) && !/reaction|duration|latency/.test(n);
}
/**
 * True when event times are relative to the trial start: for most rows with a value, value < start_time
 * (an absolute event cannot precede its trial's start), and the starts are not themselves near zero.
 */
export function looksRelative(values, start) {
    let n = 0;
    let below = 0;
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        const s = start[i];
        if (!Number.isFinite(v) || !Number.isFinite(s))
            continue;
        n++;
        if (v < s)
            below++;
    }
    return n > 0 && below > n / 2;
}
/**
 * Builds RawTrials from plain columns: finds event-time columns, converts relative ones to absolute
 * (value + start_time) and records which were converted.
 */
export function buildTrials(path, startTime, columns) {
    const timeColumns = [];
    const relativeColumns = [];
    const out = {};
    for (const [name, col] of Object.entries(columns)) {
        out[name] = col;
        if (!(col instanceof Float64Array) || !isTimeColumnName(name) || name === 'start_time')
            continue;
        timeColumns.push(name);
        if (looksRelative(col, startTime)) {
            relativeColumns.push(name);
            out[name] = col.map((v, i) => v + startTime[i]);
        }
    }
    out['start_time'] = startTime;
    if (!timeColumns.includes('start_time'))
        timeColumns.push('start_time');
    return { n: startTime.length, startTime, columns: out, timeColumns, relativeColumns, path };
}

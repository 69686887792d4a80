/** Spike width at or below which a unit is called inhibitory (fast-spiking), ms (spec/data.md). */
export const NARROW_WIDTH_MS = 0.275;
const INHIBITORY = /\b(fs|fast[ -]?spik\w*|narrow\w*|inhib\w*|interneurons?|pv|sst|vip|gaba\w*)\b/i;
const EXCITATORY = /\b(rs|regular[ -]?spik\w*|wide|broad|pyramidal|pyr|excit\w*|pt(upper|lower)?|it|ct|principal)\b/i;
/**
 * E/I from a cell-type label. Interneuron words win ("Wide Interneuron" → I); PT/IT projection classes and
 * pyramidal/regular-spiking/wide → E; anything else (including '') → 'unknown'.
 */
export function typeFromLabel(label) {
    const s = label.replace(/[_]+/g, ' ').trim();
    if (s === '')
        return 'unknown';
    if (s === 'E' || s === 'I')
        return s;
    if (INHIBITORY.test(s))
        return 'I';
    if (EXCITATORY.test(s))
        return 'E';
    return 'unknown';
}
/** E/I from spike width in ms (≤ 0.275 ms → I); NaN → unknown. */
export function typeFromWidth(widthMs) {
    if (!Number.isFinite(widthMs) || widthMs <= 0)
        return 'unknown';
    return widthMs <= NARROW_WIDTH_MS ? 'I' : 'E';
}
/**
 * Brain area from an electrode/unit location string. Old NWB files (2.0.x) hold free text such as
 * "brain_region: ALM; brain_subregion: N/A; …" → "ALM". Other text is trimmed; '' stays ''.
 */
export function parseArea(location) {
    const s = location.replace(/\0+$/, '').trim();
    const m = /(?:^|[;,{\s])['"]?brain_region['"]?\s*[:=]\s*['"]?([^;,'"}]+)/i.exec(s);
    if (m?.[1])
        return m[1].trim();
    return s;
}
/** Most frequent non-empty value (ties: first seen), or ''. */
export function mostCommon(values) {
    const counts = new Map();
    for (const v of values)
        if (v !== '')
            counts.set(v, (counts.get(v) ?? 0) + 1);
    let best = '';
    let n = 0;
    for (const [v, c] of counts)
        if (c > n)
            [best, n] = [v, c];
    return best;
}

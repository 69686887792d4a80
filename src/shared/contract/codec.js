// Typed-array-safe JSON codec for the HTTP/WS bridge, so both transports return identical values.
// Typed arrays travel as {"$ta": kind, "b64": base64 of their bytes}; everything else is plain JSON.
const ctors = {
    f32: Float32Array,
    f64: Float64Array,
    i8: Int8Array,
    i16: Int16Array,
    i32: Int32Array,
    u8: Uint8Array,
    u16: Uint16Array,
    u32: Uint32Array
};
function kindOf(v) {
    for (const k of Object.keys(ctors))
        if (v instanceof ctors[k])
            return k;
    return null;
}
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++)
    LOOKUP[ALPHABET.charCodeAt(i)] = i;
/** Standard base64 (with padding) of raw bytes. Pure TS: no Buffer, no btoa (works in main and renderer). */
export function bytesToBase64(bytes) {
    const parts = [];
    const CHUNK = 3 * 4096;
    for (let start = 0; start < bytes.length; start += CHUNK) {
        const end = Math.min(bytes.length, start + CHUNK);
        let s = '';
        for (let i = start; i < end; i += 3) {
            const a = bytes[i] ?? 0;
            const b = i + 1 < end ? (bytes[i + 1] ?? 0) : 0;
            const c = i + 2 < end ? (bytes[i + 2] ?? 0) : 0;
            const n = (a << 16) | (b << 8) | c;
            s += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
            s += i + 1 < end ? ALPHABET[(n >> 6) & 63] : '=';
            s += i + 2 < end ? ALPHABET[n & 63] : '=';
        }
        parts.push(s);
    }
    return parts.join('');
}
/** Inverse of bytesToBase64. Throws on a length that is not a multiple of 4. */
export function base64ToBytes(b64) {
    if (b64.length % 4 !== 0)
        throw new Error('base64: length is not a multiple of 4');
    const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
    const out = new Uint8Array((b64.length / 4) * 3 - pad);
    let o = 0;
    for (let i = 0; i < b64.length; i += 4) {
        const n = (LOOKUP[b64.charCodeAt(i)] << 18) |
            (LOOKUP[b64.charCodeAt(i + 1)] << 12) |
            (LOOKUP[b64.charCodeAt(i + 2)] << 6) |
            LOOKUP[b64.charCodeAt(i + 3)];
        if (o < out.length)
            out[o++] = (n >> 16) & 255;
        if (o < out.length)
            out[o++] = (n >> 8) & 255;
        if (o < out.length)
            out[o++] = n & 255;
    }
    return out;
}
function encodeTyped(v, kind) {
    return { $ta: kind, b64: bytesToBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
}
function decodeTyped(kind, b64) {
    const bytes = base64ToBytes(b64);
    const Ctor = ctors[kind];
    // Copy into a fresh, aligned buffer: the decoded bytes start at offset 0 so this is always aligned.
    return new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
}
/** JSON text of `value`, with typed arrays encoded losslessly (NaN inside typed arrays survives too). */
export function encode(value) {
    return JSON.stringify(value, (_key, v) => {
        const kind = kindOf(v);
        return kind ? encodeTyped(v, kind) : v;
    });
}
/** Parses text written by `encode`, restoring typed arrays. */
export function decode(text) {
    return JSON.parse(text, (_key, v) => {
        if (v !== null && typeof v === 'object' && '$ta' in v && 'b64' in v) {
            const { $ta, b64 } = v;
            if (typeof $ta === 'string' && $ta in ctors && typeof b64 === 'string')
                return decodeTyped($ta, b64);
        }
        return v;
    });
}

// Typed-array-safe JSON codec for the HTTP/WS bridge, so both transports return identical values.
// Typed arrays travel as {"$ta": kind, "b64": base64 of their bytes}; everything else is plain JSON.

type TypedArray =
  Float32Array | Float64Array | Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array

const ctors = {
  f32: Float32Array,
  f64: Float64Array,
  i8: Int8Array,
  i16: Int16Array,
  i32: Int32Array,
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array
} as const
type Kind = keyof typeof ctors

function kindOf(v: unknown): Kind | null {
  for (const k of Object.keys(ctors) as Kind[]) if (v instanceof ctors[k]) return k
  return null
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Uint8Array(128)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

/** ASCII code of each base64 digit, and of the padding '='. */
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0))
const PAD = 61

/**
 * Standard base64 (with padding) of raw bytes. Pure TS: no Buffer, no btoa (works in main and renderer). The digits go
 * into one byte array decoded once: appending them to a string would build a rope of millions of pieces, several GB
 * for a Neuropixels-sized raster (140 MB of spikes).
 */
export function bytesToBase64(bytes: Uint8Array): string {
  const n = bytes.length
  const out = new Uint8Array(4 * Math.ceil(n / 3))
  let o = 0
  for (let i = 0; i < n; i += 3) {
    const two = i + 1 < n
    const three = i + 2 < n
    const v = (bytes[i]! << 16) | ((two ? bytes[i + 1]! : 0) << 8) | (three ? bytes[i + 2]! : 0)
    out[o++] = CODES[(v >> 18) & 63]!
    out[o++] = CODES[(v >> 12) & 63]!
    out[o++] = two ? CODES[(v >> 6) & 63]! : PAD
    out[o++] = three ? CODES[v & 63]! : PAD
  }
  return new TextDecoder().decode(out)
}

/** Inverse of bytesToBase64. Throws on a length that is not a multiple of 4 or a character outside base64. */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  if (b64.length % 4 !== 0) throw new Error('base64: length is not a multiple of 4')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error('base64: a character outside the alphabet')
  const pad = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0
  const out = new Uint8Array((b64.length / 4) * 3 - pad)
  let o = 0
  for (let i = 0; i < b64.length; i += 4) {
    const n =
      (LOOKUP[b64.charCodeAt(i)]! << 18) |
      (LOOKUP[b64.charCodeAt(i + 1)]! << 12) |
      (LOOKUP[b64.charCodeAt(i + 2)]! << 6) |
      LOOKUP[b64.charCodeAt(i + 3)]!
    if (o < out.length) out[o++] = (n >> 16) & 255
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return out
}

function encodeTyped(v: TypedArray, kind: Kind): { $ta: Kind; b64: string } {
  return { $ta: kind, b64: bytesToBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) }
}

function decodeTyped(kind: Kind, b64: string): TypedArray {
  const bytes = base64ToBytes(b64)
  const Ctor = ctors[kind]
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0)
    throw new Error(`codec: ${bytes.byteLength} bytes is not a whole number of ${kind}`)
  // Copy into a fresh, aligned buffer: the decoded bytes start at offset 0 so this is always aligned.
  return new Ctor(bytes.buffer, 0, bytes.byteLength / Ctor.BYTES_PER_ELEMENT)
}

/** JSON text of `value`, with typed arrays encoded losslessly (NaN inside typed arrays survives too). */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    const kind = kindOf(v)
    return kind ? encodeTyped(v as TypedArray, kind) : v
  })
}

/** Parses text written by `encode`, restoring typed arrays. */
export function decode(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && '$ta' in v && 'b64' in v) {
      const { $ta, b64 } = v as { $ta: unknown; b64: unknown }
      // Own keys only: "constructor" or "__proto__" are in every object through its prototype.
      if (typeof $ta === 'string' && Object.hasOwn(ctors, $ta) && typeof b64 === 'string')
        return decodeTyped($ta as Kind, b64)
    }
    return v
  })
}

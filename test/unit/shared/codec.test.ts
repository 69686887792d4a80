// Codec: typed arrays survive the bridge's JSON encoding bit-for-bit; base64 matches Node's.
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64, decode, encode } from '@shared/contract/codec'

describe('codec', () => {
  it('base64 agrees with Buffer for every length mod 3', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 257, 20000]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + 11) & 255)
      const b64 = bytesToBase64(bytes)
      expect(b64).toBe(Buffer.from(bytes).toString('base64'))
      expect(Array.from(base64ToBytes(b64))).toEqual(Array.from(bytes))
    }
  })

  it('round-trips nested typed arrays, including NaN and subarray views', () => {
    const f = new Float32Array([1.5, Number.NaN, -0, 3e38])
    const big = new Float64Array([0, 1, 2, 3, 4, 5]).subarray(2, 5)
    const value = { a: f, list: [new Int32Array([-1, 2 ** 31 - 1]), new Uint8Array([0, 255])], b: big, s: 'x', n: null }
    const back = decode(encode(value)) as typeof value
    expect(back.a).toBeInstanceOf(Float32Array)
    expect(Number.isNaN(back.a[1])).toBe(true)
    expect(Object.is(back.a[2], -0)).toBe(true)
    expect(back.a[3]).toBe(f[3])
    expect(back.list[0]).toEqual(new Int32Array([-1, 2 ** 31 - 1]))
    expect(back.list[1]).toEqual(new Uint8Array([0, 255]))
    expect(Array.from(back.b)).toEqual([2, 3, 4])
    expect(back.s).toBe('x')
    expect(back.n).toBeNull()
  })

  it('leaves look-alike plain objects with unknown kinds alone', () => {
    expect(decode('{"$ta":"nope","b64":"AA=="}')).toEqual({ $ta: 'nope', b64: 'AA==' })
  })

  it('rejects malformed base64 length', () => {
    expect(() => base64ToBytes('abc')).toThrow(/multiple of 4/)
  })

  it('takes only its own kinds: inherited keys (constructor, __proto__, toString) stay plain objects', () => {
    for (const kind of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const text = `{"x":{"$ta":"${kind}","b64":"AAAAAA=="}}`
      expect(decode(text), kind).toEqual({ x: { $ta: kind, b64: 'AAAAAA==' } })
    }
  })

  it('refuses typed-array payloads that cannot be one: bytes not a whole number of elements, foreign characters', () => {
    expect(() => decode('{"$ta":"f64","b64":"AAAA"}')).toThrow(/not a whole number of f64/)
    expect(() => decode('{"$ta":"u8","b64":"A!A="}')).toThrow(/outside the alphabet/)
    expect(decode('{"$ta":"u8","b64":"AAE="}')).toEqual(new Uint8Array([0, 1]))
  })
})

// Seeded PRNG (xoshiro128**) with serialisable state, and derivation of independent streams from
// (seed, purpose, step, trial) so every random draw is the same whatever the number of threads. Batched fills
// (uniform rows, ziggurat normal rows) keep the generator state in locals for the per-neuron hot loops.
import { ZIG_F, ZIG_K, ZIG_R, ZIG_W } from './ziggurat'

const TWO_M32 = 2 ** -32

/** splitmix32-style finaliser: a well-mixed 32-bit hash of x. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b)
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** Hash of a tuple of integers (each reduced to 32 bits) into one 32-bit word. */
export function hashInts(...xs: number[]): number {
  let h = 0x6a09e667
  for (const x of xs) h = mix32(h ^ mix32(x | 0) ^ Math.floor(x / 4294967296))
  return h >>> 0
}

/** Random stream purposes: different purposes never share a stream. */
export const PURPOSE = {
  trainTrial: 1,
  trainBatch: 2,
  evalTrial: 3,
  simulateTrial: 4,
  init: 5,
  stitching: 6,
  evalBatch: 7,
  /** The model's light-sensitive order (perturb/light.ts): fixed by the seed, independent of training. */
  light: 8,
  /** model.initRatesFromData's calibration simulations (train/rate-init.ts). */
  calibrate: 9
} as const

export class Rng {
  private s0 = 0
  private s1 = 0
  private s2 = 0
  private s3 = 0
  /** Second value of the last polar-method pair, NaN when none is cached. */
  private spare = NaN

  /** Seeds from any tuple of integers (seed, purpose, step, trial …). */
  constructor(...key: number[]) {
    this.reseed(...key)
  }

  reseed(...key: number[]): void {
    const h = hashInts(...key)
    this.s0 = mix32(h)
    this.s1 = mix32(h ^ 0x1234567)
    this.s2 = mix32(h ^ 0x7654321)
    this.s3 = mix32(h ^ 0x0badf00d)
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1
    this.spare = NaN
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9)
    const t = this.s1 << 9
    this.s2 ^= this.s0
    this.s3 ^= this.s1
    this.s1 ^= this.s2
    this.s0 ^= this.s3
    this.s2 ^= t
    this.s3 = rotl(this.s3, 11)
    return r >>> 0
  }

  /** Uniform in [0, 1) with 32-bit resolution. */
  uniform(): number {
    return this.nextU32() * TWO_M32
  }

  /** Uniform in (0, 1]: safe under log. */
  uniformOpen(): number {
    return (this.nextU32() + 1) * TWO_M32
  }

  /** Standard normal (Marsaglia polar method; the pair's second value is cached and serialised). */
  normal(): number {
    if (this.spare === this.spare) {
      const s = this.spare
      this.spare = NaN
      return s
    }
    let u: number
    let v: number
    let q: number
    do {
      u = 2 * this.uniform() - 1
      v = 2 * this.uniform() - 1
      q = u * u + v * v
    } while (q >= 1 || q === 0)
    const f = Math.sqrt((-2 * Math.log(q)) / q)
    this.spare = v * f
    return u * f
  }

  /**
   * dst[off + q] = uniform in [0, 1) for q < n: the same values as n calls of uniform(), without the calls.
   */
  fillUniform(dst: Float64Array | Float32Array, off: number, n: number): void {
    let s0 = this.s0
    let s1 = this.s1
    let s2 = this.s2
    let s3 = this.s3
    for (let q = 0; q < n; q++) {
      const m = Math.imul(s1, 5)
      const r = Math.imul((m << 7) | (m >>> 25), 9)
      const t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = (s3 << 11) | (s3 >>> 21)
      dst[off + q] = (r >>> 0) * TWO_M32
    }
    this.s0 = s0
    this.s1 = s1
    this.s2 = s2
    this.s3 = s3
  }

  /**
   * dst[off + q] = scale · (standard normal) for q < n, by the ziggurat method (ziggurat.ts): one 32-bit word
   * per value in ≈ 98.8 % of draws; the wedges and the tail (x beyond ±3.44) take a few more words and an exp
   * or log. A stream of its own: it does not touch normal()'s cached pair.
   */
  fillNormal(dst: Float64Array | Float32Array, off: number, n: number, scale: number): void {
    let s0 = this.s0
    let s1 = this.s1
    let s2 = this.s2
    let s3 = this.s3
    for (let q = 0; q < n; q++) {
      const m = Math.imul(s1, 5)
      const r = Math.imul((m << 7) | (m >>> 25), 9)
      const t = s1 << 9
      s2 ^= s0
      s3 ^= s1
      s1 ^= s2
      s0 ^= s3
      s2 ^= t
      s3 = (s3 << 11) | (s3 >>> 21)
      const i = r & 127
      const j = r >> 7
      const sgn = j >> 31
      // |j| without a branch: the sign is a coin flip, which a branch would mispredict half the time.
      if ((j ^ sgn) - sgn < ZIG_K[i]) {
        dst[off + q] = j * ZIG_W[i] * scale
        continue
      }
      // Rare path (≈ 1.2 %): hand the state back, sample the wedge or tail with the method calls, reload.
      this.s0 = s0
      this.s1 = s1
      this.s2 = s2
      this.s3 = s3
      dst[off + q] = this.zigSlow(j, i) * scale
      s0 = this.s0
      s1 = this.s1
      s2 = this.s2
      s3 = this.s3
    }
    this.s0 = s0
    this.s1 = s1
    this.s2 = s2
    this.s3 = s3
  }

  /** Ziggurat rejection step for a draw j (25-bit signed) that fell outside layer i's inner rectangle. */
  private zigSlow(j: number, i: number): number {
    for (;;) {
      if (i === 0) {
        // Tail beyond R (Marsaglia 1964): x = −ln(U1)/R, accepted when −2·ln(U2) > x².
        let x: number
        let y: number
        do {
          x = -Math.log(this.uniformOpen()) / ZIG_R
          y = -Math.log(this.uniformOpen())
        } while (y + y < x * x)
        return j > 0 ? ZIG_R + x : -ZIG_R - x
      }
      const x = j * ZIG_W[i]
      if (ZIG_F[i] + this.uniform() * (ZIG_F[i - 1] - ZIG_F[i]) < Math.exp(-0.5 * x * x)) return x
      const r = this.nextU32() | 0
      i = r & 127
      j = r >> 7
      if (Math.abs(j) < ZIG_K[i]) return j * ZIG_W[i]
    }
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n)
  }

  /** State as 6 words (4 state words + spare as float64 bits) for checkpoints. */
  getState(): Uint32Array {
    const out = new Uint32Array(6)
    out[0] = this.s0
    out[1] = this.s1
    out[2] = this.s2
    out[3] = this.s3
    new Float64Array(out.buffer, 0, 3)[2] = this.spare
    return out
  }

  setState(st: Uint32Array): void {
    const copy = Uint32Array.from(st)
    this.s0 = copy[0] | 0
    this.s1 = copy[1] | 0
    this.s2 = copy[2] | 0
    this.s3 = copy[3] | 0
    this.spare = new Float64Array(copy.buffer, 0, 3)[2]
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k))
}

/** Fisher–Yates shuffle in place with the given stream. */
export function shuffleInPlace(a: Int32Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    const t = a[i]
    a[i] = a[j]
    a[j] = t
  }
}

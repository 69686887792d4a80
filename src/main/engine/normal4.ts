// Four-lane ziggurat normals: the reference of Kernels.fillNormal4 (kernels/kernels.ts), and what the js backend
// runs. Four independent xoshiro128** streams take turns (value q of a row comes from lane q & 3), so a SIMD
// backend advances all four in one i32x4 step instead of waiting on one serial state chain (as/normal.ts).
// Per lane the arithmetic is Rng.fillNormal's (ziggurat.ts tables, wedge and tail tests, Math.exp/Math.log),
// so the wasm kernel, which imports the same exp and log, gives the same bits.
import { mix32, type Rng } from './rng'
import { ZIG_F, ZIG_K, ZIG_R, ZIG_W } from './ziggurat'

/**
 * Int32 words of a 4-lane state. Word w of lane l is at state[4·w + l]: s0 of the four lanes, then s1, s2, s3
 * (one i32x4 vector per xoshiro word).
 */
export const NORMAL4_STATE_WORDS = 16

const TWO_M32 = 2 ** -32

/**
 * Seeds the four lanes from 16 words of `rng` (each passed through a bijective mixer, so that the lanes do not
 * start on consecutive outputs of one xoshiro stream). A lane is never all-zero (a fixed point of xoshiro):
 * such a lane (odds 2^−128) restarts from s0 = l + 1, so even four of them would not run in step.
 */
export function seedNormal4(state: Int32Array, rng: Rng): void {
  for (let w = 0; w < NORMAL4_STATE_WORDS; w++) state[w] = mix32(rng.nextU32()) | 0
  for (let l = 0; l < 4; l++) {
    if ((state[l] | state[4 + l] | state[8 + l] | state[12 + l]) === 0) state[l] = l + 1
  }
}

/** One xoshiro128** step of lane l: advances its four words in `state` and returns the output (signed). */
function nextLane(state: Int32Array, l: number): number {
  const s0 = state[l]
  const s1 = state[4 + l]
  const s2 = state[8 + l] ^ s0
  const s3 = state[12 + l] ^ s1
  const m = Math.imul(s1, 5)
  const r = Math.imul((m << 7) | (m >>> 25), 9)
  state[l] = s0 ^ s3
  state[4 + l] = s1 ^ s2
  state[8 + l] = s2 ^ (s1 << 9)
  state[12 + l] = (s3 << 11) | (s3 >>> 21)
  return r
}

/**
 * Values per block. Within a block every value first takes one word from its lane; the values whose word fell
 * outside its layer's inner rectangle (≈ 2.8 %) then draw their further words, in increasing q. A SIMD kernel
 * thus runs the first pass without a branch and visits the rare rejected values after it.
 */
export const NORMAL4_BLOCK = 64

/** Pass 1's rejected values of the current block: index q and the word it drew. */
const pendingQ = new Int32Array(NORMAL4_BLOCK)
const pendingWord = new Int32Array(NORMAL4_BLOCK)

/**
 * dst[q] = scale · (standard normal) for q < n, value q from lane q & 3 of `state` (advanced in place), in
 * blocks of NORMAL4_BLOCK values. As in Rng.fillNormal, a word's low 7 bits pick the layer i and its high 25
 * bits (signed) the value j; x = j·W[i] is accepted at once when |j| < K[i].
 */
export function fillNormal4(state: Int32Array, dst: Float64Array, n: number, scale: number): void {
  for (let b = 0; b < n; b += NORMAL4_BLOCK) {
    const end = Math.min(n, b + NORMAL4_BLOCK)
    let pending = 0
    for (let q = b; q < end; q++) {
      const r = nextLane(state, q & 3)
      const i = r & 127
      const j = r >> 7
      if (Math.abs(j) < ZIG_K[i]) {
        dst[q] = j * ZIG_W[i] * scale
      } else {
        pendingQ[pending] = q
        pendingWord[pending++] = r
      }
    }
    for (let p = 0; p < pending; p++) {
      const q = pendingQ[p]
      const r = pendingWord[p]
      dst[q] = zigSlowLane(state, q & 3, r >> 7, r & 127) * scale
    }
  }
}

/** Rng.zigSlow on lane l: the wedge or tail of a draw j outside layer i's inner rectangle, same arithmetic. */
function zigSlowLane(state: Int32Array, l: number, j: number, i: number): number {
  for (;;) {
    if (i === 0) {
      // Tail beyond R (Marsaglia 1964): x = −ln(U1)/R, accepted when −2·ln(U2) > x²; U in (0, 1].
      let x: number
      let y: number
      do {
        x = -Math.log(((nextLane(state, l) >>> 0) + 1) * TWO_M32) / ZIG_R
        y = -Math.log(((nextLane(state, l) >>> 0) + 1) * TWO_M32)
      } while (y + y < x * x)
      return j > 0 ? ZIG_R + x : -ZIG_R - x
    }
    const x = j * ZIG_W[i]
    const u = (nextLane(state, l) >>> 0) * TWO_M32
    if (ZIG_F[i] + u * (ZIG_F[i - 1] - ZIG_F[i]) < Math.exp(-0.5 * x * x)) return x
    const r = nextLane(state, l)
    i = r & 127
    j = r >> 7
    if (Math.abs(j) < ZIG_K[i]) return j * ZIG_W[i]
  }
}

// AssemblyScript source of Kernels.fillNormal4 (kernels/kernels.ts): ziggurat normals from four xoshiro128**
// lanes advanced together in i32x4, value q of a row from lane q & 3, in blocks of 64 values (two passes per
// block, as the reference engine/normal4.ts). The wedge and tail paths repeat the reference's arithmetic; its
// Math.log is the host's (imported), and its Math.exp is decided locally with a margin (underCurve).

/** Math.exp and Math.log of the host: libm results differ between engines, the reference uses these. */
// @ts-ignore: decorator
@external("env", "exp") declare function hostExp(x: f64): f64
// @ts-ignore: decorator
@external("env", "log") declare function hostLog(x: f64): f64

// Layout of the tables block (kernels/wasm.ts writes it from ziggurat.ts), byte offsets:
/** Per layer i, 16 bytes: ZIG_W[i] then ZIG_K[i]² as f64 (one v128 load gives a lane both). */
const T_WK: usize = 0
/** ZIG_F (128 f64). */
const T_F: usize = 2048
/** ZIG_R (f64). */
const T_R: usize = 3072
/** e^(−m/8) for m ≤ 48 (f64), from the host's Math.exp. */
const T_EXP: usize = 3080
/** Scratch: the 64 words of the current block (pass 1 → pass 2). */
const T_WORDS: usize = 3472
// 256 bytes of scratch end the block: 3728 bytes in all (kernels/wasm.ts allocates them).

const BLOCK: i32 = 64
const TWO_M32: f64 = 2.3283064365386963e-10

/** One xoshiro128** step of lane l (state words at sp + 16·w + 4·l): advances it, returns the output. */
// @ts-ignore: decorator
@inline function nextLane(sp: usize, l: usize): i32 {
  const a = sp + (l << 2)
  const s0 = load<i32>(a)
  const s1 = load<i32>(a, 16)
  const s2 = load<i32>(a, 32) ^ s0
  const s3 = load<i32>(a, 48) ^ s1
  const r = rotl<i32>(s1 * 5, 7) * 9
  store<i32>(a, s0 ^ s3)
  store<i32>(a, s1 ^ s2, 16)
  store<i32>(a, s2 ^ (s1 << 9), 32)
  store<i32>(a, rotl<i32>(s3, 11), 48)
  return r
}

/** Uniform in [0, 1) from lane l (open: in (0, 1], safe under log). */
// @ts-ignore: decorator
@inline function uniformLane(sp: usize, l: usize, open: bool): f64 {
  return (<f64><u32>nextLane(sp, l) + (open ? 1.0 : 0.0)) * TWO_M32
}

/** |j| < ZIG_K[i] (as j² < K², exact in f64): the draw lies in layer i's inner rectangle. */
// @ts-ignore: decorator
@inline function inRectangle(j: i32, i: i32, tab: usize): bool {
  const x = <f64>j
  return x * x < load<f64>(tab + T_WK + (<usize>i << 4), 8)
}

// @ts-ignore: decorator
@inline function layerX(j: i32, i: i32, tab: usize): f64 {
  return <f64>j * load<f64>(tab + T_WK + (<usize>i << 4))
}

/**
 * e^a for −6.06 < a ≤ 0 (a wedge needs a ≥ −R²/2 ≈ −5.93), relative error < 1e-14: e^(−m/8) from the
 * table times the Taylor polynomial of degree 7 at r = a + m/8, |r| ≤ 1/16 (truncation < 6e-15); else the
 * host's. Measured against Math.exp on 2·10⁷ points of [−6.06, 0]: at most 6.4e-15.
 */
function expLocal(a: f64, tab: usize): f64 {
  const m = Math.floor(a * -8.0 + 0.5)
  if (!(m <= 48.0)) return hostExp(a)
  const r = a + m * 0.125
  // Estrin's scheme (the exp sits on the wedge's critical path): 3 dependent multiply-adds, not Horner's 7.
  const r2 = r * r
  const hi = 1.0 / 24.0 + r * (1.0 / 120.0) + r2 * (1.0 / 720.0 + r * (1.0 / 5040.0))
  const p = 1.0 + r + r2 * (0.5 + r * (1.0 / 6.0) + r2 * hi)
  return load<f64>(tab + T_EXP + (<usize><i32>m << 3)) * p
}

/**
 * y < Math.exp(a), the reference's wedge test. expLocal and the host's exp are both within 1e-14 of e^a, so
 * wherever y lies further than 1e-10 (relative) from expLocal's value the answer is the same; closer (odds
 * about 1e-8 per wedge) the host decides. The import call would otherwise cost as much as the rest of the value.
 */
// @ts-ignore: decorator
@inline function underCurve(y: f64, a: f64, tab: usize): bool {
  const e = expLocal(a, tab)
  if (y < e * (1.0 - 1e-10)) return true
  if (y > e * (1.0 + 1e-10)) return false
  return y < hostExp(a)
}

/** The wedge or tail of a draw j outside layer i's inner rectangle, on lane l (normal4.ts' zigSlowLane). */
function zigSlowLane(sp: usize, l: usize, j: i32, i: i32, tab: usize): f64 {
  const R = load<f64>(tab + T_R)
  while (true) {
    if (i == 0) {
      let x: f64 = 0
      let y: f64 = 0
      do {
        x = -hostLog(uniformLane(sp, l, true)) / R
        y = -hostLog(uniformLane(sp, l, true))
      } while (y + y < x * x)
      return j > 0 ? R + x : -R - x
    }
    const x = layerX(j, i, tab)
    const u = uniformLane(sp, l, false)
    const fi = load<f64>(tab + T_F + (<usize>i << 3))
    const fPrev = load<f64>(tab + T_F + (<usize>(i - 1) << 3))
    if (underCurve(fi + u * (fPrev - fi), -0.5 * x * x, tab)) return x
    const r = nextLane(sp, l)
    i = r & 127
    j = r >> 7
    if (inRectangle(j, i, tab)) return layerX(j, i, tab)
  }
}

/**
 * dst[q] = scale · (standard normal), q < n; sp: the 16-word state (advanced in place), tab: the tables block.
 * Pass 1 of a block makes four values per step with no branch: the i32x4 xoshiro step, one 16-byte table
 * entry (W, K²) gathered per lane, x = j·W[i]·scale in two f64x2 products, the words kept in scratch and the
 * lanes outside their rectangles marked in `slow`. Pass 2 redoes the marked values by the wedge/tail path, in
 * increasing q, on the state in memory.
 */
export function fillNormal4(sp: usize, dstPtr: usize, n: i32, scale: f64, tab: usize): void {
  let s0 = v128.load(sp)
  let s1 = v128.load(sp, 16)
  let s2 = v128.load(sp, 32)
  let s3 = v128.load(sp, 48)
  const sc = f64x2.splat(scale)
  const words = tab + T_WORDS
  for (let b: i32 = 0; b < n; b += BLOCK) {
    const end = min(n, b + BLOCK)
    // Bit 4g + l: lane l of group g left its rectangle. Each step ORs its 4 bits in at the bottom and rotates
    // right by 4 (no variable shift); after G groups, a left rotation by 4G puts every group's bits in place
    // (by 64, none, for a full block).
    let slow: u64 = 0
    let q = b
    for (; q + 4 <= end; q += 4) {
      // xoshiro128** in four lanes; ·5 and ·9 as shift-adds (V8 rebuilds splatted constants every step).
      const m = i32x4.add(s1, i32x4.shl(s1, 2))
      const m7 = v128.or(i32x4.shl(m, 7), i32x4.shr_u(m, 25))
      const r = i32x4.add(m7, i32x4.shl(m7, 3))
      const t = i32x4.shl(s1, 9)
      s2 = v128.xor(s2, s0)
      s3 = v128.xor(s3, s1)
      s1 = v128.xor(s1, s2)
      s0 = v128.xor(s0, s3)
      s2 = v128.xor(s2, t)
      s3 = v128.or(i32x4.shl(s3, 11), i32x4.shr_u(s3, 21))
      // Byte offset of layer (r & 127)'s 16-byte (W, K) entry, and the 25-bit value j.
      const at = i32x4.shr_u(i32x4.shl(r, 25), 21)
      const e0 = v128.load(tab + <usize>i32x4.extract_lane(at, 0))
      const e1 = v128.load(tab + <usize>i32x4.extract_lane(at, 1))
      const e2 = v128.load(tab + <usize>i32x4.extract_lane(at, 2))
      const e3 = v128.load(tab + <usize>i32x4.extract_lane(at, 3))
      const j = i32x4.shr_s(r, 7)
      const j01 = f64x2.convert_low_i32x4_s(j)
      const j23 = f64x2.convert_low_i32x4_s(i32x4.shuffle(j, j, 2, 3, 2, 3))
      const o = dstPtr + (<usize>q << 3)
      v128.store(o, f64x2.mul(f64x2.mul(j01, i64x2.shuffle(e0, e1, 0, 2)), sc))
      v128.store(o, f64x2.mul(f64x2.mul(j23, i64x2.shuffle(e2, e3, 0, 2)), sc), 16)
      v128.store(words + (<usize>(q - b) << 2), r)
      // |j| ≥ K ⇔ j² ≥ K² (exact: both below 2^48); the table holds K².
      const out01 = f64x2.ge(f64x2.mul(j01, j01), i64x2.shuffle(e0, e1, 1, 3))
      const out23 = f64x2.ge(f64x2.mul(j23, j23), i64x2.shuffle(e2, e3, 1, 3))
      slow = rotr<u64>(slow | <u64>(i64x2.bitmask(out01) | (i64x2.bitmask(out23) << 2)), 4)
    }
    slow = rotl<u64>(slow, <u64>(q - b))
    v128.store(sp, s0)
    v128.store(sp, s1, 16)
    v128.store(sp, s2, 32)
    v128.store(sp, s3, 48)
    // The last n mod 4 values of a row, one lane at a time.
    for (; q < end; q++) {
      const r = nextLane(sp, <usize>(q & 3))
      store<f64>(dstPtr + (<usize>q << 3), layerX(r >> 7, r & 127, tab) * scale)
      store<i32>(words + (<usize>(q - b) << 2), r)
      if (!inRectangle(r >> 7, r & 127, tab)) slow |= (<u64>1) << <u64>(q - b)
    }
    while (slow != 0) {
      const bit = <i32>ctz<u64>(slow)
      slow &= slow - 1
      const r = load<i32>(words + (<usize>bit << 2))
      store<f64>(dstPtr + (<usize>(b + bit) << 3), zigSlowLane(sp, <usize>(bit & 3), r >> 7, r & 127, tab) * scale)
    }
    s0 = v128.load(sp)
    s1 = v128.load(sp, 16)
    s2 = v128.load(sp, 32)
    s3 = v128.load(sp, 48)
  }
}

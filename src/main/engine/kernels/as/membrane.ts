// AssemblyScript source of the fused float64 membrane row (Kernels.membraneRow, kernels/kernels.ts) in f64x2
// SIMD: V = α·v + (1 − α)·cur + drive + noise·gain and σ = 1/(1 + e^(−uScale·(V − thr))), with the exp of
// engine/fast-exp.ts operation for operation (no FMA, same rounding), so the bits equal the js reference.

/** Math.exp of the host (fast-exp.ts defers to it outside [−708, 709]); libm results differ between engines. */
// @ts-ignore: decorator
@external("env", "exp") declare function hostExp(x: f64): f64

// Layout of the constants block (f64 slots) the host writes from fast-exp.ts' own values (fastExpConstants):
// 2^(j/64) for j < 64, then 64/ln2, ln2_hi/64, ln2_lo/64 and the polynomial's 1/6, 1/24, 1/120.
const C_INV_L: usize = 64 << 3
const C_L_HI: usize = 65 << 3
const C_L_LO: usize = 66 << 3
const C_P3: usize = 67 << 3
const C_P4: usize = 68 << 3
const C_P5: usize = 69 << 3

/** fastExp(x) in scalar form: Math.round as ceil-then-correct (ties up, exact), 2^k built from its bits. */
function expScalar(x: f64, cPtr: usize): f64 {
  if (!(x <= 709.0 && x >= -708.0)) return hostExp(x)
  const y = x * load<f64>(cPtr + C_INV_L)
  let kf = Math.ceil(y)
  if (kf - 0.5 > y) kf -= 1.0
  const r = x - kf * load<f64>(cPtr + C_L_HI) - kf * load<f64>(cPtr + C_L_LO)
  const p =
    1.0 + r * (1.0 + r * (0.5 + r * (load<f64>(cPtr + C_P3) + r * (load<f64>(cPtr + C_P4) + r * load<f64>(cPtr + C_P5)))))
  const k = <i32>kf
  // |x| ≤ 709 keeps k >> 6 within [−1022, 1022]: 2^(k>>6) is a normal double, exactly the table's TWO_K entry.
  const two = reinterpret<f64>(<i64>((k >> 6) + 1023) << 52)
  return load<f64>(cPtr + (<usize>(k & 63) << 3)) * two * p
}

// @ts-ignore: decorator
@inline function voltage(i: usize, aPtr: usize, vPtr: usize, curPtr: usize, dPtr: usize, nPtr: usize, gPtr: usize): f64 {
  const o = i << 3
  const a = load<f64>(aPtr + o)
  return a * load<f64>(vPtr + o) + (1.0 - a) * <f64>load<f32>(curPtr + (i << 2)) + load<f64>(dPtr + o) + load<f64>(nPtr + o) * load<f64>(gPtr + o)
}

/**
 * The fused membrane row for i < n: vOut[i] = V_i, sgOut[i] = σ_i. Pointers are byte addresses; cur is f32,
 * everything else f64; cPtr is the constants block. Two neurons per f64x2 lane pair; a pair with a lane
 * outside fastExp's range (or NaN) falls back to the scalar path for both lanes.
 */
export function membraneRow(
  n: i32, aPtr: usize, vPtr: usize, curPtr: usize, dPtr: usize, nPtr: usize, gPtr: usize,
  uScale: f64, thr: f64, vOutPtr: usize, sgOutPtr: usize, cPtr: usize
): void {
  const one = f64x2.splat(1.0)
  const half = f64x2.splat(0.5)
  const negU = f64x2.splat(-uScale)
  const thrV = f64x2.splat(thr)
  const hi = f64x2.splat(709.0)
  const lo = f64x2.splat(-708.0)
  const invL = f64x2.splat(load<f64>(cPtr + C_INV_L))
  const lHi = f64x2.splat(load<f64>(cPtr + C_L_HI))
  const lLo = f64x2.splat(load<f64>(cPtr + C_L_LO))
  const p3 = f64x2.splat(load<f64>(cPtr + C_P3))
  const p4 = f64x2.splat(load<f64>(cPtr + C_P4))
  const p5 = f64x2.splat(load<f64>(cPtr + C_P5))
  const bias = i64x2.splat(1023)
  const negUs = -uScale
  let i: i32 = 0
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3
    const a = v128.load(aPtr + o)
    const cur = f64x2.promote_low_f32x4(v128.load64_zero(curPtr + (<usize>i << 2)))
    let V = f64x2.add(f64x2.mul(a, v128.load(vPtr + o)), f64x2.mul(f64x2.sub(one, a), cur))
    V = f64x2.add(V, v128.load(dPtr + o))
    V = f64x2.add(V, f64x2.mul(v128.load(nPtr + o), v128.load(gPtr + o)))
    v128.store(vOutPtr + o, V)
    const x = f64x2.mul(negU, f64x2.sub(V, thrV))
    if (!i64x2.all_true(v128.and(f64x2.le(x, hi), f64x2.ge(x, lo)))) {
      const x0 = f64x2.extract_lane(x, 0)
      const x1 = f64x2.extract_lane(x, 1)
      store<f64>(sgOutPtr + o, 1.0 / (1.0 + expScalar(x0, cPtr)))
      store<f64>(sgOutPtr + o + 8, 1.0 / (1.0 + expScalar(x1, cPtr)))
      continue
    }
    const y = f64x2.mul(x, invL)
    const c = f64x2.ceil(y)
    // Math.round: ceil, minus 1 where ceil − 0.5 > y (the mask's bits AND 1.0 give 1.0 or +0).
    const kf = f64x2.sub(c, v128.and(f64x2.gt(f64x2.sub(c, half), y), one))
    const r = f64x2.sub(f64x2.sub(x, f64x2.mul(kf, lHi)), f64x2.mul(kf, lLo))
    let p = f64x2.add(p4, f64x2.mul(r, p5))
    p = f64x2.add(p3, f64x2.mul(r, p))
    p = f64x2.add(half, f64x2.mul(r, p))
    p = f64x2.add(one, f64x2.mul(r, p))
    p = f64x2.add(one, f64x2.mul(r, p))
    const ki = i32x4.trunc_sat_f64x2_s_zero(kf)
    const two = i64x2.shl(i64x2.add(i64x2.shr_s(i64x2.extend_low_i32x4_s(ki), 6), bias), 52)
    const j0 = <usize>(i32x4.extract_lane(ki, 0) & 63) << 3
    const j1 = <usize>(i32x4.extract_lane(ki, 1) & 63) << 3
    const tj = f64x2.replace_lane(f64x2.splat(load<f64>(cPtr + j0)), 1, load<f64>(cPtr + j1))
    const e = f64x2.mul(f64x2.mul(tj, two), p)
    v128.store(sgOutPtr + o, f64x2.div(one, f64x2.add(one, e)))
  }
  for (; i < n; i++) {
    const V = voltage(<usize>i, aPtr, vPtr, curPtr, dPtr, nPtr, gPtr)
    const o = <usize>i << 3
    store<f64>(vOutPtr + o, V)
    store<f64>(sgOutPtr + o, 1.0 / (1.0 + expScalar(negUs * (V - thr), cPtr)))
  }
}

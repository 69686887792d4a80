// AssemblyScript source of the adjoint row of the BPTT (Kernels.adjointRow, kernels/kernels.ts) in f64x2 SIMD:
// the per-neuron update of one backward step, operation for operation as the js reference (adjoint-row.ts), so
// the bits are equal. f32 inputs are widened exactly; delta is rounded to f32 on store, as a Float32Array would.

/**
 * For i < n (byte addresses; gz, sp, eta, delta f32, the rest f64):
 *   agvn = α·gVNext,  g = ((gz + gs) − reset·agvn) + gr·wJaw,  gz = 0,
 *   gV = agvn + sp·g,  sumGV += gV,  sumGVEta += gV·eta,  delta = (1 − α)·gV,  gVNext = gV.
 */
export function adjointRow(
  n: i32, gzPtr: usize, gsPtr: usize, resetPtr: usize, aPtr: usize, gvPtr: usize, wJawPtr: usize, gr: f64,
  spPtr: usize, etaPtr: usize, sumPtr: usize, sumEtaPtr: usize, deltaPtr: usize
): void {
  const one = f64x2.splat(1.0)
  const grV = f64x2.splat(gr)
  const zero = f64x2.splat(0.0)
  let i: i32 = 0
  for (; i + 2 <= n; i += 2) {
    const o8 = <usize>i << 3
    const o4 = <usize>i << 2
    const a = v128.load(aPtr + o8)
    const agvn = f64x2.mul(a, v128.load(gvPtr + o8))
    const gz = f64x2.promote_low_f32x4(v128.load64_zero(gzPtr + o4))
    let g = f64x2.add(gz, v128.load(gsPtr + o8))
    g = f64x2.sub(g, f64x2.mul(v128.load(resetPtr + o8), agvn))
    g = f64x2.add(g, f64x2.mul(grV, v128.load(wJawPtr + o8)))
    v128.store64_lane(gzPtr + o4, zero, 0)
    const sp = f64x2.promote_low_f32x4(v128.load64_zero(spPtr + o4))
    const gV = f64x2.add(agvn, f64x2.mul(sp, g))
    v128.store(sumPtr + o8, f64x2.add(v128.load(sumPtr + o8), gV))
    const eta = f64x2.promote_low_f32x4(v128.load64_zero(etaPtr + o4))
    v128.store(sumEtaPtr + o8, f64x2.add(v128.load(sumEtaPtr + o8), f64x2.mul(gV, eta)))
    v128.store64_lane(deltaPtr + o4, f32x4.demote_f64x2_zero(f64x2.mul(f64x2.sub(one, a), gV)), 0)
    v128.store(gvPtr + o8, gV)
  }
  for (; i < n; i++) {
    const o8 = <usize>i << 3
    const o4 = <usize>i << 2
    const a = load<f64>(aPtr + o8)
    const agvn = a * load<f64>(gvPtr + o8)
    const g = <f64>load<f32>(gzPtr + o4) + load<f64>(gsPtr + o8) - load<f64>(resetPtr + o8) * agvn + gr * load<f64>(wJawPtr + o8)
    store<f32>(gzPtr + o4, 0)
    const gV = agvn + <f64>load<f32>(spPtr + o4) * g
    store<f64>(sumPtr + o8, load<f64>(sumPtr + o8) + gV)
    store<f64>(sumEtaPtr + o8, load<f64>(sumEtaPtr + o8) + gV * <f64>load<f32>(etaPtr + o4))
    store<f32>(deltaPtr + o4, <f32>((1.0 - a) * gV))
    store<f64>(gvPtr + o8, gV)
  }
}

// The adjoint row of one BPTT step (model/lif-backward.ts) as a kernel, plain TypeScript: the readable
// reference of Kernels.adjointRow that the wasm version (as/adjoint.ts) is tested bit-equal to.
import type { FloatArray } from '../arrays'

/**
 * For i < n: agvn = α_i·gVNext_i; dL/dz_i = ((gz_i + gs_i) − reset_i·agvn) + gr·wJaw_i (loss + recurrent +
 * reset + jaw terms); gz_i = 0; gV = agvn + sp_i·dL/dz_i; sumGV_i += gV; sumGVEta_i += gV·eta_i;
 * delta_i = (1 − α_i)·gV; gVNext_i = gV. gz, sp, eta and delta are the backend's floats, the rest float64.
 */
export function adjointRow(
  n: number,
  gz: FloatArray,
  gzOff: number,
  gs: Float64Array,
  reset: Float64Array,
  alpha: Float64Array,
  gVNext: Float64Array,
  wJaw: Float64Array,
  gr: number,
  sp: FloatArray,
  eta: FloatArray,
  traceOff: number,
  sumGV: Float64Array,
  sumGVEta: Float64Array,
  delta: FloatArray
): void {
  for (let i = 0; i < n; i++) {
    const a = alpha[i]
    const agvn = a * gVNext[i]
    const g = gz[gzOff + i] + gs[i] - reset[i] * agvn + gr * wJaw[i]
    gz[gzOff + i] = 0
    const gV = agvn + sp[traceOff + i] * g
    sumGV[i] += gV
    sumGVEta[i] += gV * eta[traceOff + i]
    delta[i] = (1 - a) * gV
    gVNext[i] = gV
  }
}

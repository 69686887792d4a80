// Gradient containers of a shard (w.r.t. the effective signed weights and the small vectors), their
// accumulation, and the final map to gradients of the stored parameters (Dale signs, masks).
import type { FloatArray, Kernels } from '../kernels/kernels'
import type { Layout } from './layout'
import { allocParams, type Dims, type ParamSet } from './params'

/** dL/d(effective tensors) of some trials. Big arrays live in kernel memory; small ones in float64. */
export interface ShardGrad {
  wRec: [FloatArray, FloatArray]
  wIn: FloatArray
  vRest: Float64Array
  noiseScale: Float64Array
  latent: Float64Array
  wJaw: Float64Array
  /** d/d(jaw gain), d/d(jaw offset). */
  jawAffine: Float64Array
}

export function allocGrad(d: Dims, k: Kernels): ShardGrad {
  const n = d.n
  return {
    wRec: [k.allocFloat(n * n), k.allocFloat(n * n)],
    wIn: k.allocFloat(d.nIn * n),
    vRest: new Float64Array(n),
    noiseScale: new Float64Array(n),
    latent: new Float64Array(d.latentDim * n),
    wJaw: new Float64Array(n),
    jawAffine: new Float64Array(2)
  }
}

export function freeGrad(g: ShardGrad, k: Kernels): void {
  k.free(g.wRec[0])
  k.free(g.wRec[1])
  k.free(g.wIn)
}

export function zeroGrad(g: ShardGrad): void {
  g.wRec[0].fill(0)
  g.wRec[1].fill(0)
  g.wIn.fill(0)
  g.vRest.fill(0)
  g.noiseScale.fill(0)
  g.latent.fill(0)
  g.wJaw.fill(0)
  g.jawAffine.fill(0)
}

/** dst += src (element-wise, bit-exact whatever the backend: axpy with a = 1). */
export function addGrad(dst: ShardGrad, src: ShardGrad, k: Kernels): void {
  k.axpy(dst.wRec[0], 0, 1, src.wRec[0], 0, src.wRec[0].length)
  k.axpy(dst.wRec[1], 0, 1, src.wRec[1], 0, src.wRec[1].length)
  k.axpy(dst.wIn, 0, 1, src.wIn, 0, src.wIn.length)
  for (const key of ['vRest', 'noiseScale', 'latent', 'wJaw', 'jawAffine'] as const) {
    const a = dst[key]
    const b = src[key]
    for (let i = 0; i < a.length; i++) a[i] += b[i]
  }
}

/**
 * Gradient of the stored parameters: dL/dW[j,i] = (±½)·dL/dW_eff[j,i] on allowed synapses (0 elsewhere);
 * w_jaw restricted to motor neurons; noise_scale zero unless trained.
 * @param into a parameter-shaped set to overwrite (the trainer reuses one per fit); default a new one
 */
export function finalizeGrad(
  g: ShardGrad,
  layout: Layout,
  d: Dims,
  trainNoiseScale: boolean,
  precision: 'f32' | 'f64' = 'f32',
  into?: ParamSet
): ParamSet {
  const out = into ?? allocParams(d, precision)
  out.noise_scale.fill(0)
  out.w_jaw.fill(0)
  const n = d.n
  const mask = layout.recMask
  for (let q = 0; q < 2; q++) {
    const src = g.wRec[q]
    const dst = q === 0 ? out.w_rec_d0 : out.w_rec_d1
    for (let j = 0; j < n; j++) {
      const s = j < d.nE ? 0.5 : -0.5
      const base = j * n
      for (let i = 0; i < n; i++) dst[base + i] = mask[base + i] ? s * src[base + i] : 0
    }
  }
  for (let c = 0; c < d.nIn; c++) {
    const s = c < d.nInE ? 0.5 : -0.5
    const base = c * n
    for (let i = 0; i < n; i++) out.w_in[base + i] = s * g.wIn[base + i]
  }
  out.v_rest.set(g.vRest)
  if (trainNoiseScale) out.noise_scale.set(g.noiseScale)
  out.latent.set(g.latent)
  for (let q = 0; q < layout.motor.length; q++) out.w_jaw[layout.motor[q]] = g.wJaw[layout.motor[q]]
  out.jaw_affine.set(g.jawAffine)
  return out
}

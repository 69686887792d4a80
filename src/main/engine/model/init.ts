// Parameter initialisation (spec §2.4, §2.6, §2.7): intra-area U(0,1) recurrent blocks, row E/I balance,
// spectral-radius scaling, balanced input weights, v_rest jitter, latent loadings and the jaw readout.
import type { Rng } from '../rng'
import type { FloatArray } from '../kernels/kernels'
import type { Layout } from './layout'
import { allocParams, type Dims, type ParamSet } from './params'

/**
 * Fresh parameters for the layout, seeded by `rng`.
 * @param thr threshold and @param vr0 initial resting potential (dimensionless, spec §2.2).
 */
export function initParams(
  layout: Layout,
  dims: Dims,
  rng: Rng,
  thr: number,
  vr0: number,
  precision: 'f32' | 'f64' = 'f32'
): ParamSet {
  const p = allocParams(dims, precision)
  const n = layout.n
  const unit = (thr - vr0) / 0.1 // spec §2.4 step 4 and §2.6: weights scale with the rest-to-threshold gap
  for (const w of [p.w_rec_d0, p.w_rec_d1]) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        // U(0,1) inside intra-area blocks only; inter-area excitation is allowed but starts at exactly 0.
        if (layout.recMask[j * n + i] && layout.neuronArea[i] === layout.neuronArea[j]) w[j * n + i] = rng.uniform()
      }
    }
    balanceColumns(w, n, n, layout.nE)
    const rho = spectralRadius(w, n, layout.nE, rng)
    const scale = rho > 0 ? unit / (rho * 2) : 0 // ÷ radius, ÷ G = 2 groups
    for (let k = 0; k < w.length; k++) w[k] *= scale
  }
  const nIn = layout.nIn
  const sIn = 1 / Math.sqrt(nIn)
  for (let k = 0; k < nIn * n; k++) p.w_in[k] = rng.uniform() * sIn
  balanceColumns(p.w_in, nIn, n, layout.nInE)
  for (let i = 0; i < n; i++) {
    p.v_rest[i] = vr0 + (rng.uniform() - 0.5) / Math.sqrt(n)
    p.noise_scale[i] = 1
  }
  const L = dims.latentDim
  for (let k = 0; k < L * n; k++) p.latent[k] = ((rng.uniform() - 0.5) / Math.sqrt(L)) * unit
  // Xavier-normal (fan_in = motor neurons, fan_out = 1) × 10, as the reference's w_pre.
  const nm = layout.motor.length
  const std = 10 * Math.sqrt(2 / (nm + 1))
  for (let k = 0; k < nm; k++) p.w_jaw[layout.motor[k]] = rng.normal() * std
  p.jaw_affine[0] = 10 // (j − 0)/0.1: the reference's jaw_mean = 0, jaw_std = 0.1
  p.jaw_affine[1] = 0
  return p
}

/**
 * For each postsynaptic column i of a [pre, post] matrix, rescales the larger of Σ excitatory (rows < nE) and
 * Σ inhibitory weights to equal the smaller (spec §2.4 step 1: every neuron starts E/I balanced).
 */
export function balanceColumns(w: FloatArray, nPre: number, nPost: number, nE: number): void {
  for (let i = 0; i < nPost; i++) {
    let se = 0
    let si = 0
    for (let j = 0; j < nPre; j++) {
      if (j < nE) se += w[j * nPost + i]
      else si += w[j * nPost + i]
    }
    if (se <= 0 || si <= 0) continue
    const scaleE = se > si ? si / se : 1
    const scaleI = si > se ? se / si : 1
    for (let j = 0; j < nPre; j++) w[j * nPost + i] *= j < nE ? scaleE : scaleI
  }
}

/**
 * Spectral radius of the signed matrix (rows < nE positive, others negative), estimated by the growth rate of
 * power iterations: (‖Aᵏx‖/‖A^k₀x‖)^(1/(k−k₀)); robust to complex dominant pairs, a few % accurate.
 */
export function spectralRadius(w: FloatArray, n: number, nE: number, rng: Rng, iters = 60): number {
  let x = new Float64Array(n)
  let y = new Float64Array(n)
  for (let i = 0; i < n; i++) x[i] = rng.normal()
  normalise(x)
  const burn = Math.floor(iters / 3)
  let logGrowth = 0
  for (let it = 0; it < iters; it++) {
    y.fill(0)
    // y_i = Σ_j sign_j W[j,i] x_j  (the signed matrix acting on x, post × pre).
    for (let j = 0; j < n; j++) {
      const xj = j < nE ? x[j] : -x[j]
      if (xj === 0) continue
      const base = j * n
      for (let i = 0; i < n; i++) y[i] += w[base + i] * xj
    }
    const norm = normalise(y)
    if (norm === 0) return 0
    if (it >= burn) logGrowth += Math.log(norm)
    const t = x
    x = y
    y = t
  }
  return Math.exp(logGrowth / (iters - burn))
}

function normalise(x: Float64Array): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += x[i] * x[i]
  const norm = Math.sqrt(s)
  if (norm > 0) for (let i = 0; i < x.length; i++) x[i] /= norm
  return norm
}

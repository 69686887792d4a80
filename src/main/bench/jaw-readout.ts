// The best jaw a model's readout could give from a session's recorded units, for bench:trial-structure: a model's jaw
// is an affine map of its motor-area excitatory neurons' spikes through a causal leaky filter (τ_jaw, 50 ms by
// default; engine/model/lif-forward.ts), so the least-squares fit of that map to the recorded jaw, over the training
// trials, on the recorded motor-area excitatory units, bounds what a fitted model with those units can do.
import type { EngineSession } from '../engine/types'

export interface JawReadout {
  /** Recorded units the readout reads (motor-area excitatory units of the session). */
  units: number[]
  /** Readout jaw (T values) of trial `b` of a B × T × U spike array of this session's units. */
  apply(spikes: Uint8Array, b: number): Float32Array
}

/** Solves A x = y in place for a symmetric positive definite A (p × p, row-major) by Cholesky. */
function solveSpd(A: Float64Array, y: Float64Array, p: number): Float64Array {
  for (let j = 0; j < p; j++) {
    let d = A[j * p + j]!
    for (let k = 0; k < j; k++) d -= A[j * p + k]! ** 2
    const l = Math.sqrt(Math.max(d, 1e-300))
    A[j * p + j] = l
    for (let i = j + 1; i < p; i++) {
      let v = A[i * p + j]!
      for (let k = 0; k < j; k++) v -= A[i * p + k]! * A[j * p + k]!
      A[i * p + j] = v / l
    }
  }
  const x = Float64Array.from(y)
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < i; k++) x[i]! -= A[i * p + k]! * x[k]!
    x[i]! /= A[i * p + i]!
  }
  for (let i = p - 1; i >= 0; i--) {
    for (let k = i + 1; k < p; k++) x[i]! -= A[k * p + i]! * x[k]!
    x[i]! /= A[i * p + i]!
  }
  return x
}

/**
 * Fits the readout of session `s` (T bins of `dt` s, stimulus at bin `stimBin`) on its training trials: jaw(t) ≈
 * c + Σ_u w_u·x_u(t), x_u = unit u's counts through the filter x ← αx + (1 − α)·count, α = exp(−dt/τ), started at
 * the unit's mean pre-stimulus count (the model's warm-up does the same). Null when the session has no jaw or no
 * recorded unit of `motorArea` that is excitatory; then only a neuron the recording did not see could lick.
 */
export function fitJawReadout(
  s: EngineSession,
  T: number,
  dt: number,
  stimBin: number,
  motorArea: number,
  tauS: number
): JawReadout | null {
  const U = s.unitArea.length
  const units = Array.from({ length: U }, (_, u) => u).filter(
    (u) => s.unitArea[u] === motorArea && s.unitInhibitory[u] === 0
  )
  if (!s.jaw || units.length === 0) return null
  const train = Array.from(s.heldOut, (h, k) => (h === 0 ? k : -1)).filter((k) => k >= 0)
  const alpha = Math.exp(-dt / tauS)
  const start = units.map((u) => {
    let n = 0
    for (const k of train) for (let t = 0; t < stimBin; t++) n += s.spikes[(k * T + t) * U + u]!
    return n / Math.max(1, train.length * stimBin)
  })
  const p = units.length + 1
  // Filtered features of trial b of a B × T × U array, T × p (last column the intercept).
  const features = (spikes: Uint8Array, b: number): Float64Array => {
    const X = new Float64Array(T * p)
    const x = Float64Array.from(start)
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < units.length; i++) {
        x[i] = alpha * x[i]! + (1 - alpha) * spikes[(b * T + t) * U + units[i]!]!
        X[t * p + i] = x[i]!
      }
      X[t * p + units.length] = 1
    }
    return X
  }
  const A = new Float64Array(p * p)
  const y = new Float64Array(p)
  for (const k of train) {
    const X = features(s.spikes, k)
    for (let t = 0; t < T; t++) {
      const row = t * p
      const target = s.jaw[k * T + t]!
      for (let i = 0; i < p; i++) {
        const xi = X[row + i]!
        if (xi === 0) continue
        y[i]! += xi * target
        for (let j = 0; j <= i; j++) A[i * p + j]! += xi * X[row + j]!
      }
    }
  }
  // Symmetrise, and a ridge of 10⁻⁶ of the mean diagonal so a silent unit leaves the system solvable.
  let trace = 0
  for (let i = 0; i < p; i++) trace += A[i * p + i]!
  for (let i = 0; i < p; i++) {
    A[i * p + i]! += (1e-6 * trace) / p
    for (let j = 0; j < i; j++) A[j * p + i] = A[i * p + j]!
  }
  const w = solveSpd(A, y, p)
  return {
    units,
    apply(spikes, b) {
      const X = features(spikes, b)
      const out = new Float32Array(T)
      for (let t = 0; t < T; t++) {
        let v = 0
        for (let i = 0; i < p; i++) v += w[i]! * X[t * p + i]!
        out[t] = v
      }
      return out
    }
  }
}

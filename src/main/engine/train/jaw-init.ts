// The jaw readout from the recorded data (model.initJawFromData). The model's jaw is an affine map of its motor-area
// excitatory neurons' spikes through a causal leaky filter (model/lif-forward.ts): out = g·j + c, with
// j ← α·j + (1 − α)·½·Σ w·z. Each recorded unit has its own model neuron, so the least-squares map from a session's
// recorded motor units to its recorded jaw is the readout that model needs once its neurons fire like their units.
// Fitted once before the first step, it spares the fit the hundreds of small optimiser steps that would otherwise
// move the readout weights and offset from their random start to the data's scale.
import type { Layout } from '../model/layout'
import type { Dynamics, ParamSet } from '../model/params'
import type { EngineSession, FitData, NeuronMap } from '../types'

/** A session's least-squares jaw readout: jaw(t) ≈ offset + Σ_i weights[i]·x_{units[i]}(t). */
export interface SessionJawReadout {
  /** Recorded units read (indices into the session's units), in the order of `weights`. */
  units: number[]
  weights: Float64Array
  offset: number
  /** Readout jaw (T values) of trial `b` of a B × T × U spike array of this session's units. */
  apply(spikes: Uint8Array, b: number): Float32Array
}

/** Ridge added to the normal equations, as a fraction of their mean diagonal: keeps a silent unit solvable. */
const RIDGE = 1e-6

/**
 * Fits the readout of session `s` (T bins, stimulus at bin `stimBin`) from `units` on its training trials, with each
 * unit's counts through the model's jaw filter x ← α·x + (1 − α)·count, started at the unit's mean pre-stimulus count
 * (the model's warm-up brings its filter there too). Null when the session has no jaw, no unit or no training trial.
 */
export function fitSessionJawReadout(
  s: EngineSession,
  units: number[],
  T: number,
  stimBin: number,
  alpha: number
): SessionJawReadout | null {
  const U = s.unitArea.length
  const jaw = s.jaw
  const train = Array.from(s.heldOut, (h, k) => (h === 0 ? k : -1)).filter((k) => k >= 0)
  if (!jaw || units.length === 0 || train.length === 0) return null
  const start = units.map((u) => {
    let n = 0
    for (const k of train) for (let t = 0; t < stimBin; t++) n += s.spikes[(k * T + t) * U + u]!
    return n / Math.max(1, train.length * stimBin)
  })
  const p = units.length + 1
  // Filtered features of trial b, T × p (the last column is the intercept).
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
      const target = jaw[k * T + t]!
      for (let i = 0; i < p; i++) {
        const xi = X[row + i]!
        if (xi === 0) continue
        y[i]! += xi * target
        for (let j = 0; j <= i; j++) A[i * p + j]! += xi * X[row + j]!
      }
    }
  }
  let trace = 0
  for (let i = 0; i < p; i++) trace += A[i * p + i]!
  for (let i = 0; i < p; i++) {
    A[i * p + i]! += (RIDGE * trace) / p
    for (let j = 0; j < i; j++) A[j * p + i] = A[i * p + j]!
  }
  const w = solveSpd(A, y, p)
  return {
    units,
    weights: w.subarray(0, units.length),
    offset: w[units.length]!,
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

/**
 * Sets the jaw readout (w_jaw on the motor neurons, the offset of jaw_affine; the gain is kept) to the mean of the
 * sessions' least-squares readouts: each session's recorded motor neurons get its weights ÷ the number of sessions,
 * the motor neurons no session recorded get 0. A generated trial's jaw is then the mean of what every session's
 * units predict. Returns a note for the run's events, or null (and leaves the parameters) when no session has both a
 * jaw and a recorded motor neuron.
 */
export function initJawFromData(
  data: FitData,
  layout: Layout,
  map: NeuronMap,
  dyn: Dynamics,
  params: ParamSet
): string | null {
  const readouts: { neurons: number[]; fit: SessionJawReadout }[] = []
  data.sessions.forEach((s, si) => {
    const neurons = Array.from(layout.motor).filter((i) => map.session[i] === si)
    const fit = fitSessionJawReadout(
      s,
      neurons.map((i) => map.unit[i]!),
      data.nBins,
      data.stimBin,
      dyn.alphaJaw
    )
    if (fit) readouts.push({ neurons, fit })
  })
  if (readouts.length === 0) return null
  const gain = params.jaw_affine[0]!
  // out = g·j + c with j's filter input ½·Σ w·z: a feature weight v is a model weight v / (½·g)
  const scale = 1 / (0.5 * gain * readouts.length)
  for (const i of layout.motor) params.w_jaw[i] = 0
  let offset = 0
  for (const r of readouts) {
    r.neurons.forEach((i, k) => (params.w_jaw[i] = r.fit.weights[k]! * scale))
    offset += r.fit.offset / readouts.length
  }
  params.jaw_affine[1] = offset
  const units = readouts.reduce((a, r) => a + r.neurons.length, 0)
  return `jaw readout set from ${units} recorded motor-area units of ${readouts.length} sessions (least squares on the training trials)`
}

/** Solves A x = y for a symmetric positive definite A (p × p, row-major; overwritten by its Cholesky factor). */
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

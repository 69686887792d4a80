// Parameter layout: the named trainable arrays (stored non-negative weights, presynaptic-major), the fixed
// dimensions and dynamics constants, and the signed "effective" tensors the forward/backward kernels read.
import type { ModelConfig } from '@shared/domain/model-config'
import type { FloatArray, Kernels } from '../kernels/kernels'
import { newFloat } from '../arrays'
import type { Layout } from './layout'
import { inhibitionIsLocal } from './local-inhibition'

/** Trainable arrays, in the fixed order used by Adam, checkpoints and exports. */
export const PARAM_NAMES = [
  'w_rec_d0',
  'w_rec_d1',
  'w_in',
  'v_rest',
  'noise_scale',
  'latent',
  'w_jaw',
  'jaw_affine'
] as const
export type ParamName = (typeof PARAM_NAMES)[number]
/** One float array per parameter (Float32 in the product, Float64 in gradient checks). */
export type ParamSet = Record<ParamName, FloatArray>

/** Fixed sizes, in model neurons, input channels and time steps. */
export interface Dims {
  n: number
  nE: number
  nIn: number
  /** Excitatory input channels (the first nInE) and stimulus-driven channels (the first nStim). */
  nInE: number
  nStim: number
  /** Trial bins T and warm-up steps W (simulated before each trial, without gradient). */
  nBins: number
  warmup: number
  latentDim: number
  /** Recurrent delays in steps (group 0, group 1), each ≥ 1; D = max. */
  delays: [number, number]
  maxDelay: number
  /** Silent steps after a spike. */
  nRef: number
  /** Some neuron has an adaptive threshold (Dynamics.beta): the trace then keeps A_t and dz/dA. */
  adaptive: boolean
  /** Areas; neurons are E-first, each area with nE/nAreas excitatory and (n − nE)/nAreas inhibitory ones. */
  nAreas: number
}

/** Constants of the dynamics (spec §2.2, §2.5, §2.7), all dimensionless or per step. */
export interface Dynamics {
  dtMs: number
  /** Membrane decay exp(−dt/τ) per neuron, length N (float64). */
  alpha: Float64Array
  thr: number
  vr0: number
  /** Bernoulli probability p = probScale·σ(temperature·(v − thr)/(thr − vr0)). */
  temperature: number
  probScale: number
  /** Straight-through dampening γ. */
  gamma: number
  /** σ·√dt(ms): noise std per unit noise scale and per unit (thr − v_rest). */
  noiseStd: number
  alphaJaw: number
  /** Background input spike probability per channel and step. */
  p0: number
  /** Stimulus boost: steps [stimStart, stimStart + stimSteps) of the trial, gain of log(1 + s). */
  stimStart: number
  stimSteps: number
  stimGain: number
  /** Adaptation strength β per neuron (0 = fixed threshold), length N, or null when no neuron adapts. */
  beta: Float64Array | null
  /** Decay of the adaptation trace per step, exp(−dt/τ_adaptation). */
  decayB: number
}

/** Shapes, units and meanings of the parameters (exports and checkpoints). */
export function paramShapes(d: Dims): Record<ParamName, { shape: number[]; unit: string; description: string }> {
  return {
    w_rec_d0: {
      shape: [d.n, d.n],
      unit: '1',
      description: `recurrent weights, delay ${d.delays[0]} steps, [pre, post], ≥ 0, sign by presynaptic type`
    },
    w_rec_d1: {
      shape: [d.n, d.n],
      unit: '1',
      description: `recurrent weights, delay ${d.delays[1]} steps, [pre, post], ≥ 0, sign by presynaptic type`
    },
    w_in: {
      shape: [d.nIn, d.n],
      unit: '1',
      description: 'thalamic input weights [input, post], ≥ 0, sign by input type'
    },
    v_rest: { shape: [d.n], unit: 'threshold units', description: 'resting potential per neuron' },
    noise_scale: { shape: [d.n], unit: '1', description: 'membrane noise scale per neuron' },
    latent: {
      shape: [d.latentDim, d.n],
      unit: 'threshold units',
      description: 'per-trial latent offset loadings Θ (o = u·Θ, u ~ U(−½,½)^L)'
    },
    w_jaw: {
      shape: [d.n],
      unit: '1',
      description: 'jaw readout weight per neuron (non-zero on motor-area excitatory neurons)'
    },
    jaw_affine: { shape: [2], unit: '1', description: 'jaw output gain and offset' }
  }
}

/** Number of elements of each parameter. */
export function paramSizes(d: Dims): Record<ParamName, number> {
  const s = paramShapes(d)
  const out = {} as Record<ParamName, number>
  for (const k of PARAM_NAMES) out[k] = s[k].shape.reduce((a, b) => a * b, 1)
  return out
}

/** Zero-filled parameter set. */
export function allocParams(d: Dims, precision: 'f32' | 'f64' = 'f32'): ParamSet {
  const sizes = paramSizes(d)
  const out = {} as ParamSet
  for (const k of PARAM_NAMES) out[k] = newFloat(precision, sizes[k])
  return out
}

/** Deep copy of a parameter set. */
export function cloneParams(p: ParamSet): ParamSet {
  const out = {} as ParamSet
  for (const k of PARAM_NAMES) out[k] = p[k].slice()
  return out
}

/** Copies src into dst element-wise (same shapes). */
export function copyParams(dst: ParamSet, src: ParamSet): void {
  for (const k of PARAM_NAMES) dst[k].set(src[k])
}

/** Dimensions and dynamics from config, layout, bin width (s) and trial length (bins). */
export function buildDims(
  m: ModelConfig,
  layout: Layout,
  dtS: number,
  nBins: number,
  stimBin: number
): { dims: Dims; dyn: Dynamics } {
  const dtMs = dtS * 1000
  const steps = (ms: number): number => Math.round(ms / dtMs)
  const d0 = Math.max(1, steps(m.delaysMs[0]))
  const d1 = Math.max(1, steps(m.delaysMs[1]))
  const alpha = new Float64Array(layout.n)
  for (let i = 0; i < layout.n; i++) {
    alpha[i] = Math.exp(-dtMs / (layout.neuronInhibitory[i] ? m.tauInhMs : m.tauExcMs))
  }
  const dims: Dims = {
    n: layout.n,
    nE: layout.nE,
    nIn: layout.nIn,
    nInE: layout.nInE,
    nStim: layout.nStim,
    nBins,
    warmup: steps(m.warmupMs),
    latentDim: m.latentDim,
    delays: [d0, d1],
    maxDelay: Math.max(d0, d1),
    nRef: Math.floor(m.refractoryMs / dtMs + 1e-9),
    adaptive: false,
    nAreas: layout.areas.length
  }
  const beta = adaptationStrengths(layout.n, m.adaptiveFraction, m.adaptationBeta)
  dims.adaptive = beta !== null
  const dyn: Dynamics = {
    dtMs,
    alpha,
    thr: m.threshold,
    vr0: m.vRest,
    temperature: m.temperature,
    // spec §2.2: p = σ(T·u)·dt/2 (dt in ms); capped at 1 so that p stays a probability for dt > 2 ms.
    probScale: Math.min(1, dtMs / 2),
    gamma: m.dampening,
    noiseStd: m.noiseLevel * Math.sqrt(dtMs),
    alphaJaw: Math.exp(-dtMs / m.tauJawMs),
    p0: Math.min(1, m.inputRateHz * dtS),
    stimStart: stimBin + steps(m.thalamicDelayMs),
    stimSteps: Math.max(1, steps(m.stimDurationMs)),
    stimGain: m.stimGain,
    beta,
    decayB: Math.exp(-dtMs / m.tauAdaptationMs)
  }
  return { dims, dyn }
}

/** β per neuron: `beta` on round(fraction·n) neurons spread evenly over the index (i adapts when ⌊(i+1)f⌋ > ⌊i·f⌋), else 0. */
export function adaptationStrengths(n: number, fraction: number, beta: number): Float64Array | null {
  if (fraction <= 0 || beta <= 0) return null
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) if (Math.floor((i + 1) * fraction + 1e-9) > Math.floor(i * fraction + 1e-9)) out[i] = beta
  return out.some((b) => b > 0) ? out : null
}

/**
 * What one shard's forward/backward reads: signed effective weights in kernel memory (W_eff[j,i] = ±W[j,i]/2,
 * the sign of presynaptic j, spec §2.2 step 2) and copies of the small parameter vectors.
 */
export interface ModelTensors {
  dims: Dims
  dyn: Dynamics
  /** Motor-area excitatory neurons (jaw readout). */
  motor: Int32Array
  wRec: [FloatArray, FloatArray]
  wIn: FloatArray
  vRest: Float64Array
  noiseScale: Float64Array
  latent: Float64Array
  wJaw: Float64Array
  jawGain: number
  jawBias: number
  /**
   * [1] when every inhibitory row of both recurrent matrices is zero outside its own area (the connectivity rule,
   * model/local-inhibition.ts), so the adjoint may skip those columns; [0] otherwise. Set by refreshModelTensors.
   */
  inhLocal: Int32Array
}

export function allocModelTensors(dims: Dims, dyn: Dynamics, motor: Int32Array, k: Kernels): ModelTensors {
  const n = dims.n
  return {
    dims,
    dyn,
    motor,
    wRec: [k.allocFloat(n * n), k.allocFloat(n * n)],
    wIn: k.allocFloat(dims.nIn * n),
    vRest: new Float64Array(n),
    noiseScale: new Float64Array(n),
    latent: new Float64Array(dims.latentDim * n),
    wJaw: new Float64Array(n),
    jawGain: 0,
    jawBias: 0,
    inhLocal: new Int32Array(1)
  }
}

/** Writes the effective tensors from the stored parameters. */
export function refreshModelTensors(mt: ModelTensors, p: ParamSet): void {
  const { n, nE, nIn, nInE } = mt.dims
  for (let g = 0; g < 2; g++) {
    const src = g === 0 ? p.w_rec_d0 : p.w_rec_d1
    const dst = mt.wRec[g]
    for (let j = 0; j < n; j++) {
      const s = j < nE ? 0.5 : -0.5
      const base = j * n
      for (let i = 0; i < n; i++) dst[base + i] = s * src[base + i]
    }
  }
  for (let k = 0; k < nIn; k++) {
    const s = k < nInE ? 0.5 : -0.5
    const base = k * n
    for (let i = 0; i < n; i++) mt.wIn[base + i] = s * p.w_in[base + i]
  }
  mt.vRest.set(p.v_rest)
  mt.noiseScale.set(p.noise_scale)
  mt.latent.set(p.latent)
  mt.wJaw.set(p.w_jaw)
  mt.jawGain = p.jaw_affine[0]
  mt.jawBias = p.jaw_affine[1]
  mt.inhLocal[0] = inhibitionIsLocal(mt.dims, mt.wRec) ? 1 : 0
}

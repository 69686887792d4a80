// Per-shard workspace: the forward trace the backward needs (≈ 9 bytes per neuron·trial·step: surrogate
// derivative and noise as floats, spike/refractory flags as bytes, input spikes as bytes) and kernel scratch.
import type { FloatArray, Kernels } from '../kernels/kernels'
import { NORMAL4_STATE_WORDS } from '../normal4'
import { newFloat } from '../arrays'
import type { Dims } from './params'

/** Flag bits of ShardWorkspace.flags. */
export const SPIKE = 1
export const REFRACTORY = 2

export interface ShardWorkspace {
  /** Trials the trace can hold. */
  capacity: number
  precision: 'f32' | 'f64'
  /**
   * Surrogate derivative dz/dV at the pre-reset voltage V_t (spec §2.2 step 4), 0 on refractory steps,
   * capacity × T × N. The forward has σ at hand anyway, so the backward needs neither V nor an exp.
   */
  sp: FloatArray
  /** Unit noise η_t = ε·σ·√dt (the membrane noise is η·s·(thr − v_rest)), capacity × T × N. */
  eta: FloatArray
  /**
   * Adaptive models only (Dims.adaptive), else null: the threshold A_t and dz/dA_t (the spike's straight-through
   * derivative w.r.t. the threshold, 0 on refractory steps), capacity × T × N.
   */
  thrA: FloatArray | null
  spA: FloatArray | null
  /** SPIKE | REFRACTORY per (trial, t, neuron), capacity × T × N. */
  flags: Uint8Array
  /** Spikes of the last D warm-up steps (t = −D … −1), capacity × D × N. */
  pre: Uint8Array
  /** Thalamic input spikes, capacity × T × nIn. */
  inputs: Uint8Array
  /** Leaky-integrated jaw state j_t before the affine output, capacity × T. */
  jaw: Float64Array
  /** Latent draw u per trial, capacity × L. */
  latentU: Float64Array
  /** Warm-up input raster scratch, max(W,1) × nIn. */
  warmInputs: Uint8Array
  // Kernel-memory scratch (must come from the backend's allocator).
  cur: FloatArray
  delta: FloatArray
  /** Ring of R = D+1 time slots × N: spike lists (forward and backward), active lists and adjoints. */
  spikeRing: Int32Array
  spikeCount: Int32Array
  activeRing: Int32Array
  activeCount: Int32Array
  gzRing: FloatArray
  /** Time stored in each ring slot during the backward (−∞ = none). */
  slotTime: Int32Array
  /** Counts written by Kernels.buildLists: [spikes, active]. */
  listCounts: Int32Array
  inList: Int32Array
  preList: Int32Array
  // Float64 scratch from kernels.allocDouble when the backend has it (membraneRow and adjointRow use these).
  /** Membrane decay α per neuron (a copy of Dynamics.alpha). */
  alphaRow: Float64Array
  /** One step's draws: noise η (N) and spike uniforms (N). */
  noiseRow: Float64Array
  /** State of the 4-lane noise generator (normal4.ts, 16 words, kernels.allocInt), seeded per trial. */
  normalState: Int32Array
  uniRow: Float64Array
  /** One step's pre-reset voltages and spike sigmoids σ(x). */
  vRow: Float64Array
  sgRow: Float64Array
  /** Per-trial constants: (1 − α)·(o + v_rest) and s·(thr − v_rest) per neuron. */
  drive: Float64Array
  noiseGain: Float64Array
  vState: Float64Array
  /** Backward: dL/dV of the step after (N). */
  gVNext: Float64Array
  /** Backward per-trial sums: Σ_t dL/dV_t and Σ_t dL/dV_t·η_t per neuron, and thr − v_rest. */
  sumGV: Float64Array
  sumGVEta: Float64Array
  resetAmt: Float64Array
  /** dL/dz of the loss at the current backward step (N). */
  gsRow: Float64Array
  /** The jaw readout weights, copied where the adjoint row kernel reads them (N). */
  wJawRow: Float64Array
  // Plain scratch.
  /** Adaptation trace b per neuron (forward); backward: dL/db of the step after, and (1 − d)·dL/db_t for z_{t−1}. */
  bState: Float64Array
  gBNext: Float64Array
  gzB: Float64Array
  ref: Int32Array
  offset: Float64Array
  latentAcc: Float64Array
}

/** Allocates a workspace for up to `capacity` trials (trace in `precision`, scratch from the kernels). */
export function allocWorkspace(d: Dims, capacity: number, k: Kernels): ShardWorkspace {
  const { n, nIn, nBins: T, maxDelay: D } = d
  const R = D + 1
  const cells = capacity * T * n
  const dbl = (len: number): Float64Array => k.allocDouble?.(len) ?? new Float64Array(len)
  return {
    capacity,
    precision: k.precision,
    // In kernel memory: the backward's adjoint row reads them (Kernels.adjointRow).
    sp: k.allocFloat(cells),
    eta: k.allocFloat(cells),
    thrA: d.adaptive ? newFloat(k.precision, cells) : null,
    spA: d.adaptive ? newFloat(k.precision, cells) : null,
    flags: k.allocBytes?.(cells) ?? new Uint8Array(cells),
    pre: new Uint8Array(capacity * D * n),
    inputs: new Uint8Array(capacity * T * nIn),
    jaw: new Float64Array(capacity * T),
    latentU: new Float64Array(capacity * d.latentDim),
    warmInputs: new Uint8Array(Math.max(1, d.warmup) * nIn),
    cur: k.allocFloat(n),
    delta: k.allocFloat(n),
    spikeRing: k.allocInt(R * n),
    spikeCount: new Int32Array(R),
    activeRing: k.allocInt(R * n),
    activeCount: new Int32Array(R),
    gzRing: k.allocFloat(R * n),
    slotTime: new Int32Array(R),
    listCounts: k.allocInt(2),
    inList: k.allocInt(nIn),
    preList: k.allocInt(n),
    alphaRow: dbl(n),
    noiseRow: dbl(n),
    normalState: k.allocInt(NORMAL4_STATE_WORDS),
    uniRow: dbl(n),
    vRow: dbl(n),
    sgRow: dbl(n),
    drive: dbl(n),
    noiseGain: dbl(n),
    vState: dbl(n),
    bState: new Float64Array(n),
    gBNext: new Float64Array(n),
    gzB: new Float64Array(n),
    ref: k.allocInt(n),
    offset: new Float64Array(n),
    gVNext: dbl(n),
    latentAcc: new Float64Array(n),
    sumGV: dbl(n),
    sumGVEta: dbl(n),
    resetAmt: dbl(n),
    gsRow: dbl(n),
    wJawRow: dbl(n)
  }
}

/** Returns the kernel-owned arrays of a workspace to the backend. */
export function freeWorkspace(ws: ShardWorkspace, k: Kernels): void {
  const kernelOwned = [
    ws.sp,
    ws.eta,
    ws.ref,
    ws.listCounts,
    ws.cur,
    ws.delta,
    ws.spikeRing,
    ws.activeRing,
    ws.gzRing,
    ws.inList,
    ws.preList,
    ws.normalState
  ]
  for (const a of kernelOwned) k.free(a)
  if (k.allocBytes) k.free(ws.flags)
  if (k.allocDouble) {
    const doubles = [
      ws.alphaRow,
      ws.noiseRow,
      ws.uniRow,
      ws.vRow,
      ws.sgRow,
      ws.drive,
      ws.noiseGain,
      ws.vState,
      ws.gVNext,
      ws.sumGV,
      ws.sumGVEta,
      ws.resetAmt,
      ws.gsRow,
      ws.wJawRow
    ]
    for (const a of doubles) k.free(a)
  }
}

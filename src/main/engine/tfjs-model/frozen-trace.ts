// The random draws and spike outcomes of a forward pass, frozen, so the tfjs reference model replays the
// exact trajectory of the hand-written engine (spikes are discontinuous: a replay must not re-draw them).
import type { Dims } from '../model/params'
import { REFRACTORY, SPIKE, type ShardWorkspace } from '../model/trace'

/** B trials × T steps; shapes are row-major with the neuron/channel index fastest. */
export interface FrozenTrace {
  nTrials: number
  /** Spikes z ∈ {0,1}, B × T × N. */
  spikes: Float32Array
  /** 1 where the neuron was refractory (spike forced to 0, gradient blocked), B × T × N. */
  refractory: Float32Array
  /** Unit membrane noise η (noise = η·s·(thr − v_rest)), B × T × N. */
  eta: Float32Array
  /** Thalamic input spikes, B × T × nIn. */
  inputs: Float32Array
  /** Latent draws u, B × L. */
  latentU: Float32Array
}

/**
 * Reads the frozen trace of trials [0, nTrials) of a workspace after forwardShard (model/shard.ts).
 * Only valid without warm-up (dims.warmup = 0): the reference model starts from v = v_rest, no earlier spikes.
 */
export function frozenTraceFromWorkspace(ws: ShardWorkspace, d: Dims, nTrials: number): FrozenTrace {
  if (d.warmup !== 0) throw new Error('frozen trace: the tfjs reference model needs warmup = 0')
  const cells = nTrials * d.nBins * d.n
  const spikes = new Float32Array(cells)
  const refractory = new Float32Array(cells)
  for (let q = 0; q < cells; q++) {
    spikes[q] = ws.flags[q] & SPIKE ? 1 : 0
    refractory[q] = ws.flags[q] & REFRACTORY ? 1 : 0
  }
  return {
    nTrials,
    spikes,
    refractory,
    eta: Float32Array.from(ws.eta.subarray(0, cells)),
    inputs: Float32Array.from(ws.inputs.subarray(0, nTrials * d.nBins * d.nIn)),
    latentU: Float32Array.from(ws.latentU.subarray(0, nTrials * d.latentDim))
  }
}

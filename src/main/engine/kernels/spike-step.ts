// Pass 2 of a recorded LIF step (model/lif-forward.ts) as a kernel, plain TypeScript: the readable reference of
// Kernels.spikeStep that the wasm version (as/spike.ts) is tested bit-equal to.
import type { FloatArray } from '../arrays'

/** Flag bits written to `flags` (the same as model/trace.ts' SPIKE and REFRACTORY). */
const SPIKE = 1
const REFRACTORY = 2

/**
 * For i < n, from the step's pre-reset voltage vRow and sigmoid sgRow: a refractory neuron (ref > 0) counts down
 * and stays silent (dz/dV = 0); otherwise dz/dV = spScale·σ(1 − σ) and it spikes when uniRow < probScale·σ, which
 * appends i to list[listOff …], sets ref = nRef and resets v = V − reset. Stores v in vState and, at traceOff,
 * dz/dV in sp, the step's noise in eta and the flags. @returns the number of spikes
 */
export function spikeStep(
  n: number,
  vRow: Float64Array,
  sgRow: Float64Array,
  uniRow: Float64Array,
  ref: Int32Array,
  reset: Float64Array,
  vState: Float64Array,
  nRef: number,
  spScale: number,
  probScale: number,
  noiseRow: Float64Array,
  sp: FloatArray,
  eta: FloatArray,
  flags: Uint8Array,
  traceOff: number,
  list: Int32Array,
  listOff: number
): number {
  let cnt = 0
  for (let i = 0; i < n; i++) {
    const V = vRow[i]
    let flag = 0
    let d = 0
    let v = V
    if (ref[i] > 0) {
      ref[i]--
      flag = REFRACTORY
    } else {
      const sg = sgRow[i]
      d = spScale * sg * (1 - sg)
      if (uniRow[i] < probScale * sg) {
        flag = SPIKE
        ref[i] = nRef
        list[listOff + cnt++] = i
        v = V - reset[i]
      }
    }
    vState[i] = v
    sp[traceOff + i] = d
    eta[traceOff + i] = noiseRow[i]
    flags[traceOff + i] = flag
  }
  return cnt
}

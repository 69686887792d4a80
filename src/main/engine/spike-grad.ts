// dL/dz of a batch as the backward reads it: dense B × T × N, or factored. The losses' gradient is factored by
// nature (trial-averaged terms give one T × N row set shared by every trial; trial matching gives one value per
// trial, step and neuron group), so the factored form saves writing and reading B × T × N floats every step.
import type { FloatArray } from './kernels/kernels'

/** dL/dz[b,t,n] = shared[t·N + n] + perGroup[(b·T + t)·G + g] for n in group g (neurons of no group: shared only). */
export interface FactoredSpikeGrad {
  /** T × N, the part common to every trial. */
  shared: Float64Array
  /** B × T × G, per trial, step and group, the value every neuron of the group receives. */
  perGroup: Float64Array
  /** G: number of groups. */
  groups: number
  /** Groups' neurons concatenated: group g is members[start[g] … start[g + 1]). Groups are disjoint. */
  members: Int32Array
  start: Int32Array
}

/** dL/dz in either form; a dense array is B × T × N, index (b·T + t)·N + n. */
export type SpikeGrad = FloatArray | FactoredSpikeGrad

export function isFactored(g: SpikeGrad): g is FactoredSpikeGrad {
  return !ArrayBuffer.isView(g)
}

/** Writes dL/dz[b, t, ·] (N values) into `row`. */
export function spikeGradRow(g: SpikeGrad, b: number, t: number, T: number, N: number, row: Float64Array): void {
  if (!isFactored(g)) {
    const o = (b * T + t) * N
    for (let i = 0; i < N; i++) row[i] = g[o + i]
    return
  }
  const { shared, perGroup, members, start, groups: G } = g
  // a loop rather than set(subarray): no view object per (trial, step)
  const so = t * N
  for (let i = 0; i < N; i++) row[i] = shared[so + i]
  const o = (b * T + t) * G
  for (let q = 0; q < G; q++) {
    const v = perGroup[o + q]
    if (v === 0) continue
    for (let m = start[q]; m < start[q + 1]; m++) row[members[m]] += v
  }
}

/** The dense B × T × N float32 form (tests, and backends that take a dense gradient). */
export function denseSpikeGrad(g: SpikeGrad, B: number, T: number, N: number): Float32Array {
  if (!isFactored(g)) return g instanceof Float32Array ? g : Float32Array.from(g)
  const out = new Float32Array(B * T * N)
  const row = new Float64Array(N)
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      spikeGradRow(g, b, t, T, N, row)
      out.set(row, (b * T + t) * N)
    }
  }
  return out
}

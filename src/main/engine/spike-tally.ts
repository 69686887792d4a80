// Spike counts the losses need, tallied by the forward while it emits spikes (it has every step's spike list at
// hand), so the main thread does not rescan the B × T × N batch: per-neuron sums over trials and per-trial group
// counts. Counts are integers, so partial sums added in any order give the same bits.

/** Which neurons are counted together: group of each neuron (−1 = none) and the number of groups G. */
export interface TallyLayout {
  groupOf: Int32Array
  groups: number
}

export interface SpikeTally extends TallyLayout {
  /** Σ_b z[b,t,n], T × N. */
  colSum: Float64Array
  /** Spikes of trial b, step t in group g, B × T × G, index (b·T + t)·G + g. */
  groupSum: Float64Array
}

/** A zeroed tally for B trials, T steps and N neurons. */
export function allocTally(layout: TallyLayout, B: number, T: number, N: number): SpikeTally {
  return { ...layout, colSum: new Float64Array(T * N), groupSum: new Float64Array(B * T * layout.groups) }
}

/**
 * Adds one step's spikes (neuron indices list[off … off + count)) of trial b at step t to colSum (T × N, the
 * caller's, possibly a per-thread partial) and to groupSum.
 */
export function tallyStep(
  layout: TallyLayout,
  colSum: Float64Array,
  groupSum: Float64Array,
  b: number,
  t: number,
  T: number,
  N: number,
  list: Int32Array,
  off: number,
  count: number
): void {
  const { groupOf, groups: G } = layout
  const cs = t * N
  const gs = (b * T + t) * G
  for (let q = 0; q < count; q++) {
    const i = list[off + q]
    colSum[cs + i]++
    const g = groupOf[i]
    if (g >= 0) groupSum[gs + g]++
  }
}

// One pass over a batch's B × T × N spikes: the trial sums of every (bin, neuron) and the trial-matching group means.
import type { AreaGroup } from './types'

/** What the PSTH, rate and trial-matching terms read of the spikes, from a single sequential pass. */
export interface BatchSums {
  /** Σ_b z[b,t,n], T × N (index t·N + n), float64. */
  colSum: Float64Array
  /** Group means pop[(b·T + t)·G + g] = mean_{n ∈ groups[g]} z[b,t,n], B × T × G (the groups given). */
  pop: Float64Array
}

/**
 * Trial sums and group means of spikes B × T × N in one pass in memory order that touches only non-zero values
 * (spikes are sparse): each non-zero z[b,t,n] is added to colSum[t·N + n] and to its group's running row sum (neurons
 * outside every group go to a spare slot, so the inner loop has no group test). Sums run over b, resp. n, in
 * ascending order, exactly as the separate trialMean and groupMeans passes did. Groups must be disjoint.
 */
export function batchSums(
  spikes: ArrayLike<number>,
  groups: AreaGroup[],
  B: number,
  T: number,
  N: number
): BatchSums {
  const G = groups.length
  const of = new Int32Array(N).fill(G)
  groups.forEach((g, gi) => g.neurons.forEach((n) => (of[n] = gi)))
  const inv = Float64Array.from(groups, (g) => 1 / g.neurons.length)
  const colSum = new Float64Array(T * N)
  const pop = new Float64Array(B * T * G)
  const acc = new Float64Array(G + 1)
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const base = (b * T + t) * N
      const cs = t * N
      for (let n = 0; n < N; n++) {
        const v = spikes[base + n]
        if (v !== 0) {
          colSum[cs + n] += v
          acc[of[n]] += v
        }
      }
      const o = (b * T + t) * G
      for (let g = 0; g < G; g++) {
        pop[o + g] = acc[g] * inv[g]
        acc[g] = 0
      }
    }
  }
  return { colSum, pop }
}

// One pass over a batch's B × T × N spikes: the trial sums of every (bin, neuron) and the trial-matching group means.
import type { SpikeTally, TallyLayout } from '../spike-tally'
import type { AreaGroup, LossTargets } from './types'

/** What the PSTH, rate and trial-matching terms read of the spikes, from a single sequential pass. */
export interface BatchSums {
  /** Σ_b z[b,t,n], T × N (index t·N + n), float64. */
  colSum: Float64Array
  /** Group means pop[(b·T + t)·G + g] = mean_{n ∈ groups[g]} z[b,t,n], B × T × G (the groups given). */
  pop: Float64Array
}

/**
 * Trial sums and group means of spikes B × T × N in one pass in memory order that touches only non-zero values
 * (spikes are sparse): each non-zero z[b,t,n] is added to colSum[t·N + n] and to its group's cell of pop, which is
 * scaled by 1/n_g at the end. Sums run over b, resp. n, in ascending order, exactly as the separate trialMean and
 * groupMeans passes did. Groups must be disjoint.
 */
export function batchSums(
  spikes: ArrayLike<number>,
  groups: AreaGroup[],
  B: number,
  T: number,
  N: number,
  alloc: (n: number) => Float64Array = (n) => new Float64Array(n)
): BatchSums {
  const G = groups.length
  const TN = T * N
  // popIdx[t·N + n] = t·G + g(n), or −1 for a neuron outside every group
  const of = new Int32Array(N).fill(-1)
  groups.forEach((g, gi) => g.neurons.forEach((n) => (of[n] = gi)))
  const popIdx = new Int32Array(TN)
  for (let t = 0; t < T; t++) for (let n = 0; n < N; n++) popIdx[t * N + n] = of[n] >= 0 ? t * G + of[n] : -1
  const colSum = new Float64Array(TN)
  const pop = alloc(B * T * G)
  const w = wordView(spikes, TN)
  const per = w ? w.per : 1
  const words: ArrayLike<number> | null = w ? w.words : null
  for (let b = 0; b < B; b++) {
    const base = b * TN
    const pb = b * T * G
    const h = base / per
    for (let k = 0; k < TN / per; k++) {
      // a zero word means `per` zero spikes: one test instead of `per`
      if (words && words[h + k] === 0) continue
      for (let i = k * per; i < (k + 1) * per; i++) {
        const v = spikes[base + i]
        if (v !== 0) {
          colSum[i] += v
          const p = popIdx[i]
          if (p >= 0) pop[pb + p] += v
        }
      }
    }
  }
  const inv = Float64Array.from(groups, (g) => 1 / g.neurons.length)
  for (let i = 0; i < pop.length; i++) pop[i] *= inv[i % G]
  return { colSum, pop }
}

/**
 * A view that reads several spikes per element, where a zero element means all of them are zero: float32 spikes
 * as float64 pairs (the only zero-comparing float64 patterns are ±0, i.e. both halves zero-valued), bytes as int32
 * quads. Null when the layout does not allow it (alignment, or a trial length not a multiple).
 */
function wordView(spikes: ArrayLike<number>, TN: number): { words: Float64Array | Int32Array; per: number } | null {
  if (spikes instanceof Float32Array && spikes.byteOffset % 8 === 0 && TN % 2 === 0) {
    return { words: new Float64Array(spikes.buffer, spikes.byteOffset, spikes.length >> 1), per: 2 }
  }
  if (spikes instanceof Uint8Array && spikes.byteOffset % 4 === 0 && TN % 4 === 0) {
    return { words: new Int32Array(spikes.buffer, spikes.byteOffset, spikes.length >> 2), per: 4 }
  }
  return null
}

/** Every trial-matching group of every session, in session order: the groups a forward tallies (spike-tally.ts). */
export function allGroups(targets: LossTargets): AreaGroup[] {
  return targets.sessions.flatMap((s) => s.groups)
}

/** The tally layout of the targets' groups (see allGroups). */
export function tallyLayout(targets: LossTargets): TallyLayout {
  const groups = allGroups(targets)
  const groupOf = new Int32Array(targets.nNeurons).fill(-1)
  groups.forEach((g, gi) => g.neurons.forEach((n) => (groupOf[n] = gi)))
  return { groupOf, groups: groups.length }
}

/**
 * The BatchSums of `groups` (a subset of allGroups, in its order) from a forward's tally: the same bits as
 * batchSums on the spikes, since both sum 0/1 values exactly and scale each group count by 1/n_g.
 */
export function sumsFromTally(
  tally: SpikeTally,
  all: AreaGroup[],
  groups: AreaGroup[],
  B: number,
  T: number,
  alloc: (n: number) => Float64Array = (n) => new Float64Array(n)
): BatchSums {
  if (tally.groups !== all.length) throw new Error(`spike tally has ${tally.groups} groups, the targets ${all.length}`)
  const G = groups.length
  const cols = Int32Array.from(groups, (g) => all.indexOf(g))
  if (cols.some((c) => c < 0)) throw new Error("sumsFromTally: a group is not one of the targets' groups")
  const inv = Float64Array.from(groups, (g) => 1 / g.neurons.length)
  const pop = alloc(B * T * G)
  const Ga = tally.groups
  for (let r = 0; r < B * T; r++) {
    for (let g = 0; g < G; g++) pop[r * G + g] = tally.groupSum[r * Ga + cols[g]] * inv[g]
  }
  return { colSum: tally.colSum, pop }
}

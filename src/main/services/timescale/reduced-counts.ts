// The data's counts summed over trials, a block of trials at a time, for the ceilings: what they take from the spikes
// (per-area population sums per trial, per-unit training counts, trial means per condition) without the K × T × U
// array (1.4 GB for a Neuropixels-sized session at 2 ms; a block here is about 64 MB).
import type { SessionData } from '@shared/domain/dataset'
import type { ReducedSession } from '../../engine'
import { keptTrials } from '../../analysis/trial-rows'
import { trialCounts } from '../../io/trial-counts'
import type { PreparedFit } from '../runs/fit-data'

/** Counts binned at once: trials per block = this / (bins × units). */
const BLOCK_COUNTS = 64 * 1024 ** 2

/**
 * The reduced counts of each session of `prepared` (prepared without spikes), from the stored sessions it came from.
 * Integer sums, so they equal the sums over the whole array bit for bit.
 */
export function reduceSessions(prepared: PreparedFit, stored: readonly SessionData[]): ReducedSession[] {
  const { data } = prepared
  const T = data.nBins
  const A = data.areas.length
  return data.sessions.map((es, i) => {
    const s = stored.find((x) => x.name === es.name)!
    const keep = keptTrials(s.trials.length, prepared.split[i]!.excluded) // buildSession's kept trials, in order
    const K = keep.length
    const U = es.unitArea.length
    const areaSums = new Float64Array(K * A * T)
    const trainCounts = new Float64Array(U)
    const sums = new Map<string, { sum: Float64Array; n: number }>()
    const block = Math.max(1, Math.floor(BLOCK_COUNTS / (T * U)))
    for (let k0 = 0; k0 < K; k0 += block) {
      const counts = trialCounts(s, keep.slice(k0, k0 + block))
      for (let j = 0; j * T * U < counts.length; j++) {
        const k = k0 + j
        const held = es.heldOut[k] === 1
        const key = `${held ? 'held' : 'train'}:${es.stimulus[k]}`
        let m = sums.get(key)
        if (!m) sums.set(key, (m = { sum: new Float64Array(T * U), n: 0 }))
        m.n++
        for (let t = 0; t < T; t++) {
          const row = (j * T + t) * U
          const area = k * A * T + t
          for (let u = 0; u < U; u++) {
            const v = counts[row + u]!
            if (v === 0) continue
            areaSums[area + es.unitArea[u]! * T] += v
            m.sum[t * U + u] += v
            if (!held) trainCounts[u] += v
          }
        }
      }
    }
    const means = new Map<string, Float64Array>()
    for (const [key, { sum, n }] of sums) {
      for (let x = 0; x < sum.length; x++) sum[x] = sum[x]! / n
      means.set(key, sum)
    }
    return { areaSums, trainCounts, means }
  })
}

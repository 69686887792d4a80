// The binned spike counts of some trials and units of a session: from its binned array when it holds one, else binned
// now from its spike times. A Neuropixels-sized session (2,000 trials × 700 bins × 1,000 units: 1.4 GB) is never
// held whole: each consumer takes what it uses (a view a trial at a time, a fit its kept trials at its own dt).
import { AppError } from '@shared/contract/errors'
import type { SessionData } from '@shared/domain/dataset'
import { binSpikes } from './binning'

/** Every unit of a session, in order. */
function allUnits(s: SessionData): number[] {
  return Array.from({ length: s.units.length }, (_, u) => u)
}

/**
 * Spike counts of `trials` (indices, in that order) × bins × `units` (indices; default all), index
 * (i·T + t)·|units| + j: the same numbers as the session's binned array holds (binSpikes is what made it: trials and
 * units are binned independently of one another).
 * @throws AppError SHAPE_MISMATCH when the session has neither a binned array nor every unit's spike times
 */
export function trialCounts(s: SessionData, trials: ArrayLike<number>, units?: readonly number[]): Uint8Array {
  const T = s.nBins
  const U = s.units.length
  const us = units ?? allUnits(s)
  const K = trials.length
  if (s.spikes) {
    const out = new Uint8Array(K * T * us.length)
    for (let i = 0; i < K; i++) {
      const k = trials[i] as number
      if (!units) {
        out.set(s.spikes.subarray(k * T * U, (k + 1) * T * U), i * T * U)
        continue
      }
      for (let t = 0; t < T; t++) {
        const from = (k * T + t) * U
        const to = (i * T + t) * us.length
        for (let j = 0; j < us.length; j++) out[to + j] = s.spikes[from + us[j]!]!
      }
    }
    return out
  }
  if (s.spikeTimes.length !== U) {
    const what = `session ${s.name} has no binned counts and spike times for ${s.spikeTimes.length} of ${U} units`
    throw new AppError('SHAPE_MISMATCH', what, { file: s.sourceFile, field: 'spike_times' })
  }
  const align = Float64Array.from({ length: K }, (_, i) => s.trials[trials[i] as number]!.alignTime)
  return binSpikes(
    us.map((u) => s.spikeTimes[u]!),
    align,
    s.binning
  )
}

/** The trials [k0, k1) of a session, all units (a view of its binned array when it holds one). */
export function trialRange(s: SessionData, k0: number, k1: number): Uint8Array {
  const per = s.nBins * s.units.length
  if (s.spikes) return s.spikes.subarray(k0 * per, k1 * per)
  return trialCounts(
    s,
    Array.from({ length: k1 - k0 }, (_, i) => k0 + i)
  )
}

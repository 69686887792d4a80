// The data's own split-half ceilings (T'trial and PSTH r) at a ladder of smoothing widths: how much trial-locked
// structure the recording holds at each time scale. Same definitions and code as the held-out metrics' ceilings.
import type { LossConfig } from '@shared/domain/model-config'
import { prepareLossTargets } from '../losses/targets'
import type { ReducedSession } from '../losses/types'
import type { FitData, NeuronMap } from '../types'
import { heldOutTrials } from '../train/batcher'
import { finiteMean } from './pearson'
import { psthPearson, type DataSideCache } from './psth-metrics'
import { tTrialCeiling } from './t-trial'

/** Smoothing widths (ms) of the ladder: from spike-timing scale to slow, behaviour-scale modulation. */
export const CEILING_LADDER_MS: readonly number[] = [5, 10, 20, 50, 100, 200]

/** Ceilings at one smoothing width (loss.filterMs); NaN where the data give none (no held-out trials, no area). */
export interface CeilingPoint {
  filterMs: number
  /** Mean T'trial Pearson of matched (training pool, held-out) trial pairs. */
  tTrial: number
  /** Mean PSTH Pearson (training vs held-out trial means) over neurons above the rate cut. */
  psthR: number
}

/** Every recorded unit of every session as one "model neuron", so the ceilings cover the whole recording. */
export function identityNeuronMap(data: FitData): NeuronMap {
  const session: number[] = []
  const unit: number[] = []
  data.sessions.forEach((s, si) => {
    for (let u = 0; u < s.unitArea.length; u++) {
      session.push(si)
      unit.push(u)
    }
  })
  return { session: Int32Array.from(session), unit: Int32Array.from(unit) }
}

/**
 * Split-half ceilings of `data` (its heldOut flags are the split) at each width: the loss targets are rebuilt
 * with loss.filterMs = width (filter1 for the PSTH r, filter2 ∘ filter1 for the T'trial features, as in a fit),
 * then tTrialCeiling and psthPearson's ceiling are read exactly as evaluateMetrics reads them.
 * @param loss the loss settings the fit would use (resample, matchJaw); filterMs is replaced per width
 * @param batchSize generated trials per evaluation batch (sets the T'trial ceiling's training pool size)
 * @param reduced the sessions' counts summed over trials, when `data` comes without its spikes (a session too large
 *   to hold whole): the same ceilings, bit for bit
 */
export function ceilingLadder(
  data: FitData,
  loss: LossConfig,
  batchSize: number,
  widthsMs: readonly number[] = CEILING_LADDER_MS,
  reduced?: ReducedSession[]
): CeilingPoint[] {
  const map = identityNeuronMap(data)
  const heldOut = heldOutTrials(data)
  return widthsMs.map((filterMs) => {
    const targets = prepareLossTargets(data, map, { ...loss, filterMs }, reduced ? { reduced } : {})
    const tTrial = finiteMean(tTrialCeiling(targets, batchSize, heldOut))
    // The data's trial means, under the keys psthPearson caches them by, so that it never reads the spikes.
    const cache: DataSideCache = new Map()
    reduced?.forEach((r, s) => r.means.forEach((m, key) => cache.set(`means:${s}:${key}`, m)))
    // No generated trials: psthPearson's model r is NaN and its ceiling column is the data's own.
    const rows = psthPearson(targets, new Uint8Array(0), new Float32Array(0), heldOut, cache)
    return { filterMs, tTrial, psthR: finiteMean(rows.map((r) => r.ceiling)) }
  })
}

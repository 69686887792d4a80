// Per-trial response features per area for the histograms and the embedding, from the engine's areaResponses
// (filter1 population rate: amplitude = post-event peak − pre-event baseline, Hz; latency to half amplitude, s).
import { areaResponses, type BandFilter, type FitData, type ModelParams, type Simulation } from '../engine'
import { modelAreaNeurons } from './population'
import type { RecordedRows } from './trial-rows'

export interface TrialFeatures {
  names: string[]
  /** [nRecorded × nFeatures], NaN where a recorded row does not record the area (or has no response). */
  recorded: Float32Array
  /** [nGenerated × nFeatures]. */
  generated: Float32Array
}

/**
 * Two features per area (amplitude, latency), in area order. Generated populations are the model neurons that
 * stand for each area in the traces (those fitted to recorded units), so features and traces agree.
 */
export function trialFeatures(
  data: FitData,
  rows: RecordedRows,
  p: Pick<ModelParams, 'neuronArea' | 'neuronMap'>,
  sim: Simulation,
  filter: BandFilter
): TrialFeatures {
  const A = data.areas.length
  const F = 2 * A
  const nRec = rows.session.length
  const recorded = new Float32Array(nRec * F).fill(NaN)
  data.sessions.forEach((sess, s) => {
    const K = sess.outcome.length
    const res = areaResponses(sess.spikes, K, data.nBins, sess.unitArea, A, data.dt, data.stimBin, filter)
    for (let r = 0; r < nRec; r++) {
      if (rows.session[r] !== s) continue
      const k = rows.trial[r]!
      for (let a = 0; a < A; a++) {
        recorded[r * F + 2 * a] = res.amplitudeHz[k * A + a]!
        recorded[r * F + 2 * a + 1] = res.latencyS[k * A + a]!
      }
    }
  })
  const modelArea = new Int32Array(sim.nNeurons).fill(-1)
  for (let a = 0; a < A; a++) for (const n of modelAreaNeurons(p, a)) modelArea[n] = a
  const g = areaResponses(sim.spikes, sim.nTrials, data.nBins, modelArea, A, data.dt, data.stimBin, filter)
  const generated = new Float32Array(sim.nTrials * F)
  for (let b = 0; b < sim.nTrials; b++) {
    for (let a = 0; a < A; a++) {
      generated[b * F + 2 * a] = g.amplitudeHz[b * A + a]!
      generated[b * F + 2 * a + 1] = g.latencyS[b * A + a]!
    }
  }
  const names = data.areas.flatMap((area) => [`${area} response amplitude (Hz)`, `${area} response latency (s)`])
  return { names, recorded, generated }
}

// A dataset's sessions at another time step (the model's dt): spikes re-binned from the stored spike times (exact at
// any dt, not only multiples of the import's) by whoever uses them, behaviour traces re-sampled at the new bin
// centres, same window.
import { AppError } from '@shared/contract/errors'
import { binCount, type Binning, type SessionData } from '@shared/domain/dataset'
import { interpolate } from '../../io/binning'

/** Two bin widths closer than this (s) are the same: the sessions are returned as they are, bit for bit. */
const SAME_DT_S = 1e-12

/**
 * The sessions at `dtS` (s) over their own windows, without a binned array (trialCounts bins what is used).
 * Unchanged sessions when dtS is their bin width.
 * @throws AppError INVALID_SETTINGS (field model.dtMs) when the window would hold fewer than 2 bins
 */
export function rebinSessions(sessions: readonly SessionData[], dtS: number, datasetFile = 'dataset'): SessionData[] {
  return sessions.map((s) => {
    if (Math.abs(s.binning.dt - dtS) < SAME_DT_S) return s
    if (s.spikeTimes.length !== s.units.length) {
      const what = `session ${s.name} keeps spike times for ${s.spikeTimes.length} of ${s.units.length} units: it cannot be re-binned`
      throw new AppError('SHAPE_MISMATCH', what, { file: datasetFile, field: `sessions/${s.name}/spike_times` })
    }
    const binning: Binning = { ...s.binning, dt: dtS }
    const nBins = binCount(binning)
    if (nBins < 2) {
      const win = `${+((s.binning.stop - s.binning.start) * 1000).toFixed(3)} ms`
      throw new AppError(
        'INVALID_SETTINGS',
        `a ${+(dtS * 1000).toFixed(3)} ms time step leaves fewer than 2 bins in the ${win} window`,
        {
          file: datasetFile,
          field: 'model.dtMs'
        }
      )
    }
    const behaviour: Record<string, Float32Array> = {}
    for (const [key, values] of Object.entries(s.behaviour))
      behaviour[key] = resampleTrials(values, s.binning, s.nBins, binning, nBins)
    // No binned array: the consumer bins the trials it uses at this dt from the spike times (io/trial-counts.ts).
    const { spikes: _atTheOldDt, ...rest } = s
    return { ...rest, binning, nBins, behaviour }
  })
}

/**
 * K × T traces sampled at the bin centres of `from` → K × T' at the bin centres of `to` (linear interpolation; a
 * centre within the window but beyond the first or last old centre takes that edge value; NaN stays NaN).
 */
export function resampleTrials(values: Float32Array, from: Binning, T: number, to: Binning, T2: number): Float32Array {
  const K = Math.floor(values.length / T)
  const oldCentres = Float64Array.from({ length: T }, (_, t) => from.start + (t + 0.5) * from.dt)
  const out = new Float32Array(K * T2)
  for (let k = 0; k < K; k++) {
    const row = values.subarray(k * T, (k + 1) * T)
    for (let t = 0; t < T2; t++) {
      const x = to.start + (t + 0.5) * to.dt
      const clamped = Math.min(oldCentres[T - 1]!, Math.max(oldCentres[0]!, x))
      out[k * T2 + t] = interpolate(oldCentres, row, clamped)
    }
  }
  return out
}

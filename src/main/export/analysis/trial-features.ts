// Per-trial response features per area for the histograms: amplitude (peak filtered rate after the alignment
// event minus the pre-event mean, Hz) and latency (time of that peak after the event, s).
import type { AreaTraces } from './population'

export interface TrialFeatures {
  names: string[]
  /** [nRecorded × nFeatures], NaN where a recorded row does not record the area. */
  recorded: Float32Array
  /** [nGenerated × nFeatures]. */
  generated: Float32Array
}

/**
 * Two features per area (amplitude, latency) from filtered traces.
 * @param timeS bin centres relative to the event, s (from filterTimes)
 */
export function trialFeatures(traces: AreaTraces[], timeS: Float32Array, nRecorded: number, nGenerated: number): TrialFeatures {
  const F = traces.length * 2
  const recorded = new Float32Array(nRecorded * F).fill(NaN)
  const generated = new Float32Array(nGenerated * F)
  const L = timeS.length
  traces.forEach((tr, a) => {
    tr.recordedRows.forEach((row, i) => {
      const [amp, lat] = response(tr.recorded, i * L, timeS)
      recorded[row * F + 2 * a] = amp
      recorded[row * F + 2 * a + 1] = lat
    })
    for (let b = 0; b < nGenerated; b++) {
      const [amp, lat] = response(tr.generated, b * L, timeS)
      generated[b * F + 2 * a] = amp
      generated[b * F + 2 * a + 1] = lat
    }
  })
  const names = traces.flatMap((t) => [`${t.area} response amplitude (Hz)`, `${t.area} response latency (s)`])
  return { names, recorded, generated }
}

/** [amplitude, latency] of one trace starting at x[o]; NaN when there is no post-event bin. */
export function response(x: Float32Array, o: number, timeS: Float32Array): [number, number] {
  let base = 0
  let nBase = 0
  let peak = -Infinity
  let at = NaN
  for (let l = 0; l < timeS.length; l++) {
    const v = x[o + l]!
    if (timeS[l]! < 0) {
      base += v
      nBase++
    } else if (v > peak) {
      peak = v
      at = timeS[l]!
    }
  }
  if (!Number.isFinite(peak)) return [NaN, NaN]
  return [peak - (nBase ? base / nBase : 0), at]
}

// Binning of spike times and resampling of behaviour onto trials × time bins around each alignment event.
import { type Binning, binCount } from '@shared/domain/dataset'

/**
 * Tolerance in bins for floating-point edges: a spike within 1e-7 bins below an edge counts in the bin that
 * starts there (so a spike exactly on an edge lands in the later bin, and one exactly on the window end is out).
 */
const EDGE_EPS = 1e-7

/** First index i with a[i] >= x (a sorted ascending). */
export function lowerBound(a: ArrayLike<number>, x: number): number {
  let lo = 0
  let hi = a.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((a[mid] as number) < x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Bin of time `t` in a window starting at `t0` with width `dt`, or −1 outside [0, nBins). */
export function binOf(t: number, t0: number, dt: number, nBins: number): number {
  const b = Math.floor((t - t0) / dt + EDGE_EPS)
  return b >= 0 && b < nBins ? b : -1
}

/**
 * Spike counts per trial, bin and unit in [align + start, align + stop), clamped at 255.
 * @param spikeTimes per unit, sorted, s (length U)
 * @param alignTimes per trial, s (length K)
 * @returns Uint8Array K × T × U, index (k·T + t)·U + u, T = binCount(binning)
 */
export function binSpikes(
  spikeTimes: ArrayLike<number>[],
  alignTimes: ArrayLike<number>,
  binning: Binning
): Uint8Array {
  const T = binCount(binning)
  const U = spikeTimes.length
  const K = alignTimes.length
  const out = new Uint8Array(K * T * U)
  for (let u = 0; u < U; u++) {
    const st = spikeTimes[u] as ArrayLike<number>
    for (let k = 0; k < K; k++) {
      const t0 = (alignTimes[k] as number) + binning.start
      // Search a little before the window so edge-tolerance spikes are seen.
      let i = lowerBound(st, t0 - binning.dt)
      for (; i < st.length; i++) {
        const t = st[i] as number
        const b = Math.floor((t - t0) / binning.dt + EDGE_EPS)
        if (b >= T) break
        if (b < 0) continue
        const idx = (k * T + b) * U + u
        if ((out[idx] as number) < 255) out[idx] = (out[idx] as number) + 1
      }
    }
  }
  return out
}

/** Bin-centre times relative to the alignment event, s, length T. */
export function binCentres(binning: Binning): Float64Array {
  const T = binCount(binning)
  const c = new Float64Array(T)
  for (let t = 0; t < T; t++) c[t] = binning.start + (t + 0.5) * binning.dt
  return c
}

/** Linear interpolation of (times, values) at x; NaN outside [times[0], times[last]] or next to a NaN sample. */
export function interpolate(times: ArrayLike<number>, values: ArrayLike<number>, x: number): number {
  const n = times.length
  if (n === 0 || !(x >= (times[0] as number)) || !(x <= (times[n - 1] as number))) return NaN
  const i = lowerBound(times, x)
  const ti = times[i] as number
  if (ti === x) return values[i] as number
  const ta = times[i - 1] as number
  const va = values[i - 1] as number
  const vb = values[i] as number
  return va + ((vb - va) * (x - ta)) / (ti - ta)
}

/**
 * Resamples a continuous signal at the bin centres of every trial (linear interpolation, NaN outside the recording).
 * @param times sample times, s, sorted ascending; @param values same length
 * @returns Float32Array K × T (index k·T + t)
 */
export function resampleContinuous(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  alignTimes: ArrayLike<number>,
  binning: Binning
): Float32Array {
  const c = binCentres(binning)
  const T = c.length
  const K = alignTimes.length
  const out = new Float32Array(K * T)
  for (let k = 0; k < K; k++) {
    const a = alignTimes[k] as number
    for (let t = 0; t < T; t++) out[k * T + t] = interpolate(times, values, a + (c[t] as number))
  }
  return out
}

/**
 * Resamples per-trial traces (sample f of trace j at trialRef[j] + t0 + f/rate) at the bin centres of trial k,
 * using trace `traceOf[k]`. NaN outside the trace.
 * @returns Float32Array K × T
 */
export function resamplePerTrial(
  values: Float64Array,
  nFrames: number,
  t0: number,
  rate: number,
  trialRef: ArrayLike<number>,
  traceOf: ArrayLike<number>,
  alignTimes: ArrayLike<number>,
  binning: Binning
): Float32Array {
  const c = binCentres(binning)
  const T = c.length
  const K = alignTimes.length
  const out = new Float32Array(K * T)
  for (let k = 0; k < K; k++) {
    const j = traceOf[k] as number
    const base = j * nFrames
    for (let t = 0; t < T; t++) {
      // Fractional frame position of this bin centre inside trace j.
      let x = ((alignTimes[k] as number) + (c[t] as number) - (trialRef[j] as number) - t0) * rate
      // Snap float noise so that sampling exactly on frames returns the frame values.
      const xr = Math.round(x)
      if (Math.abs(x - xr) < 1e-6) x = xr
      if (!(x >= 0) || x > nFrames - 1) {
        out[k * T + t] = NaN
        continue
      }
      const f = Math.max(0, Math.min(Math.floor(x), nFrames - 2))
      const w = x - f
      const va = values[base + f] as number
      const vb = nFrames > 1 ? (values[base + f + 1] as number) : va
      out[k * T + t] = w === 0 ? va : va + (vb - va) * w
    }
  }
  return out
}

/** Event counts per trial and bin (e.g. licks), Float32Array K × T. */
export function binEvents(times: ArrayLike<number>, alignTimes: ArrayLike<number>, binning: Binning): Float32Array {
  const counts = binSpikes([times], alignTimes, binning)
  return Float32Array.from(counts)
}

/** Mean rate of a spike train over its own span (the unit may be observed for only part of a session), Hz. */
export function firingRateHz(times: ArrayLike<number>): number {
  const n = times.length
  if (n < 2) return 0
  const span = (times[n - 1] as number) - (times[0] as number)
  return span > 0 ? n / span : 0
}

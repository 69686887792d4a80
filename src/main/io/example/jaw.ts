// Jaw trace of the example: rest with noise, and on Hit trials a lick bout (2–3 openings) starting at the lick onset.
import type { Rng } from './rng'

/** Samples per second of the jaw trace. */
export const JAW_RATE = 200
/** Stored data are in units of 10 µm; × conversion gives mm. float32 because NWB stores the attribute as float32. */
export const JAW_CONVERSION = Math.fround(0.01)
const LICK_WIDTH = 0.1

/**
 * Jaw opening in mm at JAW_RATE from t = 0 over `duration` s. `lickOnset` (s, NaN = no lick) per trial.
 * Returns the stored data (float32, 10 µm units), the values a reader decodes from it (data × conversion), and
 * when each opening of each trial's bout starts (s; none on a trial without a lick).
 */
export function jawTrace(
  rng: Rng,
  duration: number,
  lickOnset: Float64Array
): { data: Float32Array; values: Float64Array; times: Float64Array; lickTimes: number[][] } {
  const n = Math.floor(duration * JAW_RATE)
  const mm = new Float64Array(n)
  for (let i = 0; i < n; i++) mm[i] = 0.03 * rng.normal()
  const lickTimes = Array.from(lickOnset, (): number[] => [])
  for (const [k, onset] of lickOnset.entries()) {
    if (!Number.isFinite(onset)) continue
    const licks = rng.next() < 0.5 ? 2 : 3
    let t = onset
    for (let l = 0; l < licks; l++) {
      lickTimes[k]!.push(t)
      const amp = rng.uniform(0.8, 1.2)
      const i0 = Math.ceil(t * JAW_RATE)
      const i1 = Math.min(n, Math.floor((t + LICK_WIDTH) * JAW_RATE))
      // Raised-cosine opening of LICK_WIDTH s.
      for (let i = Math.max(0, i0); i < i1; i++)
        mm[i] = (mm[i] as number) + amp * 0.5 * (1 - Math.cos((2 * Math.PI * (i / JAW_RATE - t)) / LICK_WIDTH))
      t += rng.uniform(0.13, 0.16)
    }
  }
  const data = Float32Array.from(mm, (v) => v / JAW_CONVERSION)
  const values = Float64Array.from(data, (d) => d * JAW_CONVERSION)
  const times = Float64Array.from({ length: n }, (_, i) => i / JAW_RATE)
  return { data, values, times, lickTimes }
}

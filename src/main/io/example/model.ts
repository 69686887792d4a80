// Ground-truth model of the two-area pseudodata (spec/data.md): response kernel, unit draws, session layouts.
import type { Rng } from './rng'

export const AREAS = ['area1', 'area2'] as const
export type ExampleArea = (typeof AREAS)[number]

/** Response kernel time constants (s) and peak (spec/data.md: rise 5 ms, decay 20 ms, peak 3). */
export const TAU_RISE = 0.005
export const TAU_DECAY = 0.02
export const KERNEL_PEAK = 3
/** Response onsets after the stimulus, s: area 1 at 4 ms; area 2 at 8 ms + jitter (Hit only). */
export const ONSET_AREA1 = 0.004
export const ONSET_AREA2 = 0.008
export const ONSET_JITTER_SD = 0.002

const T_PEAK = (Math.log(TAU_DECAY / TAU_RISE) * TAU_DECAY * TAU_RISE) / (TAU_DECAY - TAU_RISE)
const K_SCALE = KERNEL_PEAK / (Math.exp(-T_PEAK / TAU_DECAY) - Math.exp(-T_PEAK / TAU_RISE))

/** Difference-of-exponentials kernel at `t` s after onset (0 before), peak KERNEL_PEAK at ≈ 9.2 ms. */
export function kernel(t: number): number {
  return t < 0 ? 0 : K_SCALE * (Math.exp(-t / TAU_DECAY) - Math.exp(-t / TAU_RISE))
}

export interface ExampleUnit {
  id: number
  area: ExampleArea
  type: 'E' | 'I'
  /** Baseline rate, Hz (log-normal, capped at 40 Hz). */
  baselineHz: number
  /** Response modulation, one of −2 … 2. */
  modulation: number
}

/** Which areas session `s` records: both, area 1 only, area 2 only, rotating. */
export function sessionAreas(s: number): ExampleArea[] {
  const r = s % 3
  return r === 0 ? ['area1', 'area2'] : r === 1 ? ['area1'] : ['area2']
}

/** Modulation values and their probabilities (spec/data.md: {−2,−1,0,1,2} with 0, 0, .2, .6, .2). */
const MODULATIONS = [-2, -1, 0, 1, 2]
const MOD_P = [0, 0, 0.2, 0.6, 0.2]

function drawModulation(rng: Rng): number {
  let u = rng.next()
  for (let i = 0; i < MODULATIONS.length; i++) {
    u -= MOD_P[i] as number
    if (u < 0) return MODULATIONS[i] as number
  }
  return MODULATIONS[MODULATIONS.length - 1] as number
}

/** Log-normal baseline with the given mean (σ of the log 0.5), capped at 40 Hz. */
function drawBaseline(rng: Rng, meanHz: number): number {
  const sigma = 0.5
  return Math.min(40, Math.exp(Math.log(meanHz) - (sigma * sigma) / 2 + sigma * rng.normal()))
}

/** Units of one session: split evenly over its areas, 80 % excitatory (8 Hz mean), 20 % inhibitory (16 Hz). */
export function drawUnits(rng: Rng, areas: ExampleArea[], n: number): ExampleUnit[] {
  return Array.from({ length: n }, (_, u) => {
    const area = areas[Math.floor((u * areas.length) / n)] as ExampleArea
    const type = rng.next() < 0.8 ? 'E' : 'I'
    return {
      id: u + 1,
      area,
      type,
      baselineHz: drawBaseline(rng, type === 'E' ? 8 : 16),
      modulation: drawModulation(rng)
    }
  })
}

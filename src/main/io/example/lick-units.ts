// Lick-carrying units of the example (ExampleOptions.lickUnitFraction): a fraction of area-2 units that fire with
// each lick of their own trial's bout, so that the motor area's activity carries the jaw as motor cortex does.
//
// Why this shape: units of mouse tongue-jaw motor cortex and ALM that carry licking fire in a burst with each lick
// of a bout (the bout's 6–8 Hz rhythm), starting tens of ms before the jaw opens, at a few times their baseline
// rate; a minority of the recorded units do, not all. So each opening adds a Gaussian bump to the unit's drive,
// centred LICK_LEAD_S after the opening starts (35 ms before the jaw's widest opening), σ LICK_SD_S (two bumps of
// a bout, 130–160 ms apart, stay distinct), gain LICK_GAIN: 4 × baseline at the peak, the stimulus responses' scale.
// They are drawn among the excitatory units: the projection neurons that drive the movement, and the only ones a
// model's jaw readout reads (w_jaw is non-zero on motor-area excitatory neurons only).
// A model's jaw is a causal 50 ms leaky readout of its motor-area spikes; a bump that leads the opening by about
// that lag is one such a readout can turn into the opening. The units are drawn, and their spikes redrawn, from a
// stream of their own, so every other unit, the jaw and the trials are those of the same seed without the option.
import { type ExampleUnit } from './model'
import { createRng, type Rng } from './rng'

export const LICK_LEAD_S = 0.015
export const LICK_SD_S = 0.02
export const LICK_GAIN = 3

/** The lick units' own random stream for a dataset seed ('lick' in ASCII keeps it apart from the main stream). */
export function lickRng(seed: number): Rng {
  return createRng((seed ^ 0x6c69636b) >>> 0)
}

/**
 * Indices (into `units`) of the lick-carrying units: round(fraction × area-2 units) (at least one when the fraction
 * is positive), drawn at random among the area-2 excitatory units (all of them when there are fewer); none when the
 * fraction is 0 or the session records no area 2.
 */
export function chooseLickUnits(rng: Rng, units: ExampleUnit[], fraction: number): number[] {
  const area2 = units.filter((u) => u.area === 'area2').length
  const pool = units.flatMap((u, i) => (u.area === 'area2' && u.type === 'E' ? [i] : []))
  if (fraction <= 0 || area2 === 0) return []
  const n = Math.min(pool.length, Math.max(1, Math.round(fraction * area2)))
  // Partial Fisher–Yates: the first n of a random permutation.
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, n).sort((a, b) => a - b)
}

/** Lick drive per 1 ms bin (session clock): one Gaussian bump, peak 1, per opening in `lickTimes` (s). */
export function lickDrive(nMs: number, lickTimes: number[][], binS: number): Float64Array {
  const d = new Float64Array(nMs)
  const reach = 4 * LICK_SD_S
  for (const t of lickTimes.flat()) {
    const c = t + LICK_LEAD_S
    const m0 = Math.max(0, Math.floor((c - reach) / binS))
    const m1 = Math.min(nMs, Math.ceil((c + reach) / binS))
    for (let m = m0; m < m1; m++) {
      const x = ((m + 0.5) * binS - c) / LICK_SD_S
      d[m] = (d[m] as number) + Math.exp(-0.5 * x * x)
    }
  }
  return d
}

// Test data with trial-locked structure at a known time scale: each area's rate follows its own sine of period
// 4·τ (so structure lives at ≈ τ), the same on every trial; spikes are Bernoulli per bin on top of it.
import type { FitData } from '../../../src/main/engine'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

export interface PlantedShape {
  /** Time scale of the trial-locked modulation, ms. */
  tauMs: number
  trials?: number
  unitsPerArea?: number
  /** Bin width, s; window length, s. */
  dt?: number
  windowS?: number
  baseHz?: number
  /** Relative modulation depth (0..1). */
  depth?: number
  seed?: number
}

export function plantedFitData(p: PlantedShape): FitData {
  const dt = p.dt ?? 0.002
  const T = Math.round((p.windowS ?? 1) / dt)
  const K = p.trials ?? 120
  const perArea = p.unitsPerArea ?? 12
  const U = 2 * perArea
  const rnd = mulberry32(p.seed ?? 1)
  const base = p.baseHz ?? 15
  const depth = p.depth ?? 0.8
  const phase = [rnd() * 2 * Math.PI, rnd() * 2 * Math.PI]
  const gain = Float64Array.from({ length: U }, () => 0.5 + rnd())
  const spikes = new Uint8Array(K * T * U)
  for (let k = 0; k < K; k++) {
    for (let t = 0; t < T; t++) {
      const tMs = (t + 0.5) * dt * 1000
      for (let u = 0; u < U; u++) {
        const a = u < perArea ? 0 : 1
        const rate = base * gain[u] * (1 + depth * Math.sin((2 * Math.PI * tMs) / (4 * p.tauMs) + phase[a]))
        if (rnd() < rate * dt) spikes[(k * T + t) * U + u] = 1
      }
    }
  }
  return {
    areas: ['A', 'B'],
    dt,
    nBins: T,
    stimBin: 0,
    sessions: [
      {
        name: 'planted',
        unitArea: Int32Array.from({ length: U }, (_, u) => (u < perArea ? 0 : 1)),
        unitInhibitory: new Uint8Array(U),
        spikes,
        outcome: new Uint8Array(K),
        stimulus: new Float32Array(K).fill(1),
        jaw: null,
        heldOut: Uint8Array.from({ length: K }, (_, k) => (k % 5 === 4 ? 1 : 0))
      }
    ]
  }
}

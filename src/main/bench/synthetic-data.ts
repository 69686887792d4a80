// Synthetic FitData of a given shape for the benchmarks: A areas, sessions that each record units of every
// area (80 % excitatory), Poisson spikes at a few Hz with a stimulus-evoked bump on Hit trials, a jaw trace.
import { OUTCOME, type EngineSession, type FitData } from '../engine'

export interface SyntheticShape {
  areas: number
  /** Model neurons per area the recordings must fit in (units per area ≤ this). */
  unitsPerArea: number
  sessions: number
  trialsPerSession: number
  nBins: number
  dt: number
  stimBin: number
  withJaw: boolean
}

/** The reference's pseudodata scale (spec §2.9 configs/pseudodata): N = 500 in 2 areas, T = 250 bins of 2 ms. */
export const PSEUDODATA_SHAPE: SyntheticShape = {
  areas: 2,
  unitsPerArea: 250,
  sessions: 6,
  trialsPerSession: 200,
  nBins: 250,
  dt: 0.002,
  stimBin: 50,
  withJaw: false
}

/** Deterministic (xorshift) synthetic recordings. */
export function syntheticFitData(s: SyntheticShape, seed = 1): FitData {
  let x = seed >>> 0 || 1
  const uniform = (): number => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) / 4294967296
  }
  const areas = Array.from({ length: s.areas }, (_, a) => `area${a + 1}`)
  const sessions: EngineSession[] = []
  const nE = Math.floor(0.8 * s.unitsPerArea)
  for (let si = 0; si < s.sessions; si++) {
    // Session si records its share of each area's E and I units (stitching needs ≤ model neurons per type).
    const units: Array<{ area: number; inh: number }> = []
    for (let a = 0; a < s.areas; a++) {
      const e = Math.floor(nE / s.sessions)
      const i = Math.floor((s.unitsPerArea - nE) / s.sessions)
      for (let u = 0; u < e; u++) units.push({ area: a, inh: 0 })
      for (let u = 0; u < i; u++) units.push({ area: a, inh: 1 })
    }
    const U = units.length
    const K = s.trialsPerSession
    const T = s.nBins
    const outcome = new Uint8Array(K)
    const stimulus = new Float32Array(K)
    const heldOut = new Uint8Array(K)
    for (let k = 0; k < K; k++) {
      const hit = uniform() < 0.8
      outcome[k] = hit ? OUTCOME.Hit : OUTCOME.Miss
      stimulus[k] = 4
      heldOut[k] = k % 4 === 3 ? 1 : 0
    }
    const spikes = new Uint8Array(K * T * U)
    for (let k = 0; k < K; k++) {
      for (let t = 0; t < T; t++) {
        const evoked = outcome[k] === OUTCOME.Hit && t > s.stimBin && t < s.stimBin + 50 ? 3 : 1
        for (let u = 0; u < U; u++) {
          const p = (units[u].inh ? 10 : 4) * s.dt * evoked
          if (uniform() < p) spikes[(k * T + t) * U + u] = 1
        }
      }
    }
    let jaw: Float32Array | null = null
    if (s.withJaw) {
      jaw = new Float32Array(K * T)
      for (let k = 0; k < K; k++) {
        for (let t = 0; t < T; t++)
          jaw[k * T + t] = outcome[k] === OUTCOME.Hit && t > s.stimBin + 100 ? 1 + 0.2 * uniform() : 0.1 * uniform()
      }
    }
    sessions.push({
      name: `synthetic${si}`,
      unitArea: Int32Array.from(units, (u) => u.area),
      unitInhibitory: Uint8Array.from(units, (u) => u.inh),
      spikes,
      outcome,
      stimulus,
      jaw,
      heldOut
    })
  }
  return { areas, dt: s.dt, nBins: s.nBins, stimBin: s.stimBin, sessions }
}

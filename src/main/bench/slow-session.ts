// A recording whose trial-locked structure is slow: every unit's rate follows a smooth profile of time scale ≈ τ
// (Gaussian-smoothed noise, σ = τ), identical on every trial, at a few Hz, so that short smoothing widths see
// mostly spike noise. Shaped like the human recording: 2 areas, 35 units, 180 trials, −0.5 … 1.5 s.
// Spike times are continuous (Poisson by 0.25 ms sub-bins, uniform within), so the data re-bin at any dt.
import type { Outcome, SessionData } from '@shared/domain/dataset'
import { binCount, type Binning } from '@shared/domain/dataset'
import { mulberry32 } from '../engine'
import { binSpikes } from '../io/binning'

export interface SlowSessionShape {
  /** Time scale of the trial-locked modulation, ms. */
  tauMs: number
  units?: number
  trials?: number
  /** Mean rate, Hz, and relative modulation depth (0..1). */
  baseHz?: number
  depth?: number
  binning?: Binning
  seed?: number
}

const SUB_S = 0.00025
const TRIAL_GAP_S = 3

/** A smooth zero-mean, unit-SD profile over `n` samples: white noise smoothed by a Gaussian of `sigma` samples. */
function smoothProfile(n: number, sigma: number, rand: () => number): Float64Array {
  const pad = Math.ceil(3 * sigma)
  const noise = Float64Array.from({ length: n + 2 * pad }, () => rand() - 0.5)
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    for (let j = -pad; j <= pad; j++) s += noise[i + pad + j]! * Math.exp(-(j * j) / (2 * sigma * sigma))
    out[i] = s
  }
  let m = 0
  for (const v of out) m += v / n
  let sd = 0
  for (const v of out) sd += (v - m) ** 2 / n
  sd = Math.sqrt(sd) || 1
  for (let i = 0; i < n; i++) out[i] = (out[i]! - m) / sd
  return out
}

export function slowSession(p: SlowSessionShape): SessionData {
  const binning = p.binning ?? { dt: 0.002, start: -0.5, stop: 1.5 }
  const U = p.units ?? 35
  const K = p.trials ?? 180
  const base = p.baseHz ?? 4
  const depth = p.depth ?? 0.9
  const rand = mulberry32(p.seed ?? 1)
  const nSub = Math.round((binning.stop - binning.start) / SUB_S)
  // profiles on a 5 ms grid (cheap to smooth), read at each sub-bin
  const grid = 0.005
  const nGrid = Math.ceil((nSub * SUB_S) / grid) + 1
  const profiles = Array.from({ length: U }, () => smoothProfile(nGrid, p.tauMs / 1000 / grid, rand))
  const outcomes: Outcome[] = ['Hit', 'Miss', 'CR', 'FA']
  const trials = Array.from({ length: K }, (_, k) => {
    const outcome = outcomes[k % 4]!
    return {
      sourceIndex: k,
      outcome,
      stimulus: outcome === 'Hit' || outcome === 'Miss' ? 1 : 0,
      alignTime: TRIAL_GAP_S * (k + 1)
    }
  })
  const spikeTimes = profiles.map((prof) => {
    const times: number[] = []
    for (const tr of trials) {
      const t0 = tr.alignTime + binning.start
      for (let i = 0; i < nSub; i++) {
        const g = prof[Math.floor((i * SUB_S) / grid)]!
        const rate = base * Math.max(0, 1 + depth * Math.tanh(g))
        if (rand() < rate * SUB_S) times.push(t0 + (i + rand()) * SUB_S)
      }
    }
    return Float64Array.from(times)
  })
  const duration = K * TRIAL_GAP_S
  const units = spikeTimes.map((st, u) => ({
    sourceId: u,
    area: u < U / 2 ? 'hippocampus' : 'amygdala',
    type: (u % 5 === 4 ? 'I' : 'E') as 'I' | 'E',
    firingRateHz: st.length / duration
  }))
  const align = Float64Array.from(trials, (t) => t.alignTime)
  return {
    name: `slow-${p.tauMs}ms`,
    sourceFile: 'generated',
    units,
    trials,
    binning,
    nBins: binCount(binning),
    spikes: binSpikes(spikeTimes, align, binning),
    spikeTimes,
    behaviour: {}
  }
}

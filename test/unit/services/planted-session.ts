// A recording session whose spike times carry trial-locked modulation at a known time scale (a sine of period
// 4·τ per area), binned by the importer's own binSpikes: spikes and spike times agree as after a real import.
import type { SessionData } from '@shared/domain/dataset'
import { binSpikes } from '../../../src/main/io/binning'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

export function plantedSession(o: {
  tauMs: number
  trials?: number
  unitsPerArea?: number
  dt?: number
  seed?: number
  jaw?: boolean
}): SessionData {
  const K = o.trials ?? 100
  const perArea = o.unitsPerArea ?? 12
  const U = 2 * perArea
  const rnd = mulberry32(o.seed ?? 3)
  const binning = { dt: o.dt ?? 0.002, start: -0.2, stop: 0.8 }
  const align = Float64Array.from({ length: K }, (_, k) => 5 + 2 * k)
  const phase = [rnd() * 6.28, rnd() * 6.28]
  const spikeTimes: Float64Array[] = []
  for (let u = 0; u < U; u++) {
    const times: number[] = []
    const a = u < perArea ? 0 : 1
    for (let k = 0; k < K; k++) {
      // 0.5 ms steps: Bernoulli approximation of the inhomogeneous Poisson process, jittered inside the step
      for (let t = binning.start; t < binning.stop; t += 5e-4) {
        const rate = 15 * (1 + 0.8 * Math.sin((2 * Math.PI * t * 1000) / (4 * o.tauMs) + phase[a]!))
        if (rnd() < rate * 5e-4) times.push(align[k]! + t + 5e-4 * rnd())
      }
    }
    spikeTimes.push(Float64Array.from(times))
  }
  const T = Math.round((binning.stop - binning.start) / binning.dt)
  const behaviour: Record<string, Float32Array> = {}
  if (o.jaw) behaviour['jaw'] = Float32Array.from({ length: K * T }, (_, i) => Math.sin(((i % T) * binning.dt) / 0.05))
  return {
    name: 'planted',
    sourceFile: 'planted.nwb',
    units: Array.from({ length: U }, (_, u) => ({
      sourceId: u + 1,
      area: u < perArea ? 'A' : 'B',
      type: 'E' as const,
      firingRateHz: 15
    })),
    trials: Array.from({ length: K }, (_, k) => ({
      sourceIndex: k,
      outcome: k % 4 === 0 ? ('Miss' as const) : ('Hit' as const),
      stimulus: 1,
      alignTime: align[k]!
    })),
    binning,
    nBins: T,
    spikes: binSpikes(spikeTimes, align, binning),
    spikeTimes,
    behaviour
  }
}

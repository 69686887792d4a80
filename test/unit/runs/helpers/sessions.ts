// Tiny synthetic SessionData for fit-workflow tests: two areas, E/I units, Hit/Miss trials, optional jaw.
import type { Outcome, SessionData } from '@shared/domain/dataset'

export interface SessionSpec {
  name?: string
  units?: number
  trials?: number
  nBins?: number
  dt?: number
  start?: number
  jaw?: boolean
  outcomes?: Outcome[]
}

export function makeSession(spec: SessionSpec = {}, seed = 1): SessionData {
  const U = spec.units ?? 6
  const K = spec.trials ?? 20
  const T = spec.nBins ?? 40
  const dt = spec.dt ?? 0.002
  const start = spec.start ?? -0.02
  let s = seed
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648
    return s / 2147483648
  }
  const spikes = new Uint8Array(K * T * U)
  for (let i = 0; i < spikes.length; i++) spikes[i] = rand() < 0.05 ? 1 : 0
  const behaviour: Record<string, Float32Array> = {}
  if (spec.jaw !== false) {
    const jaw = new Float32Array(K * T)
    for (let k = 0; k < K; k++) for (let t = 0; t < T; t++) jaw[k * T + t] = 2 + k * 0.01 + (t > T / 2 ? rand() : 0)
    behaviour['jaw'] = jaw
  }
  return {
    name: spec.name ?? `s${seed}`,
    sourceFile: `/tmp/${spec.name ?? `s${seed}`}.nwb`,
    units: Array.from({ length: U }, (_, u) => ({
      sourceId: u,
      area: u < U / 2 ? 'area1' : 'area2',
      type: u % 3 === 2 ? ('I' as const) : u % 3 === 1 ? ('unknown' as const) : ('E' as const),
      firingRateHz: 5
    })),
    trials: Array.from({ length: K }, (_, k) => ({
      sourceIndex: k,
      outcome: spec.outcomes?.[k] ?? (k % 5 === 0 ? 'Miss' : 'Hit'),
      stimulus: k % 5 === 0 ? 0 : 4,
      alignTime: 10 + k
    })),
    binning: { dt, start, stop: start + T * dt },
    nBins: T,
    spikes,
    spikeTimes: Array.from({ length: U }, () => new Float64Array(0)),
    behaviour
  }
}

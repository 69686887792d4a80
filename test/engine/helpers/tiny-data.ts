// Tiny synthetic FitData for engine tests: A areas, a few sessions, Poisson-like spikes, optional jaw.
import { fitConfigSchema, type FitConfig } from '@shared/domain/model-config'
import { OUTCOME, type EngineSession, type FitData } from '../../../src/main/engine'
import { Rng } from '../../../src/main/engine/rng'

export interface TinyDataOptions {
  areas?: string[]
  sessions?: number
  unitsPerArea?: number
  trials?: number
  nBins?: number
  dt?: number
  withJaw?: boolean
  seed?: number
}

export function tinyData(o: TinyDataOptions = {}): FitData {
  const areas = o.areas ?? ['A1', 'A2']
  const T = o.nBins ?? 30
  const K = o.trials ?? 12
  const upa = o.unitsPerArea ?? 2
  const rng = new Rng(o.seed ?? 7, 99)
  const sessions: EngineSession[] = []
  for (let s = 0; s < (o.sessions ?? 2); s++) {
    const U = upa * areas.length
    const unitArea = new Int32Array(U)
    const unitInhibitory = new Uint8Array(U)
    for (let u = 0; u < U; u++) {
      unitArea[u] = u % areas.length
      unitInhibitory[u] = u % 4 === 3 ? 1 : 0
    }
    const spikes = new Uint8Array(K * T * U)
    for (let q = 0; q < spikes.length; q++) spikes[q] = rng.uniform() < 0.05 ? 1 : 0
    const outcome = new Uint8Array(K)
    const stimulus = new Float32Array(K)
    const heldOut = new Uint8Array(K)
    for (let k = 0; k < K; k++) {
      outcome[k] = [OUTCOME.Hit, OUTCOME.Miss, OUTCOME.CR, OUTCOME.FA][k % 4]
      stimulus[k] = k % 4 < 2 ? 4 : 0
      heldOut[k] = k % 5 === 4 ? 1 : 0
    }
    let jaw: Float32Array | null = null
    if (o.withJaw) {
      jaw = new Float32Array(K * T)
      for (let q = 0; q < jaw.length; q++) jaw[q] = rng.normal() * 0.1
    }
    sessions.push({ name: `S${s}`, unitArea, unitInhibitory, spikes, outcome, stimulus, jaw, heldOut })
  }
  return { areas, dt: o.dt ?? 0.002, nBins: T, stimBin: Math.floor(T / 3), sessions }
}

/** A small fit config (every field defaulted, then overridden). */
export function tinyConfig(
  over: {
    model?: Partial<FitConfig['model']>
    loss?: Partial<FitConfig['loss']>
    optim?: Partial<FitConfig['optim']>
    engine?: Partial<FitConfig['engine']>
  } = {}
): FitConfig {
  return fitConfigSchema.parse({
    model: { neuronsPerArea: 6, nInputs: 6, latentDim: 2, warmupMs: 10, inputRateHz: 60, ...over.model },
    loss: over.loss ?? {},
    optim: { batchSize: 6, ...over.optim },
    engine: over.engine ?? {}
  })
}

// Tiny hand-built FitData / NeuronMap / LossConfig for the loss and metric tests.
import { lossConfigSchema, type LossConfig } from '@shared/domain/model-config'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import type { EngineSession, FitData, NeuronMap } from '../../../src/main/engine'

export function lossConfig(over: Partial<LossConfig> = {}): LossConfig {
  return lossConfigSchema.parse(over)
}

/** A session from per-trial spike rows: spikes[k][t][u]. */
export function session(
  name: string,
  unitArea: number[],
  spikes: number[][][],
  opts: { outcome?: number[]; stimulus?: number[]; jaw?: number[][]; heldOut?: number[] } = {}
): EngineSession {
  const K = spikes.length
  return {
    name,
    unitArea: Int32Array.from(unitArea),
    unitInhibitory: new Uint8Array(unitArea.length),
    spikes: Uint8Array.from(spikes.flat(2)),
    outcome: Uint8Array.from(opts.outcome ?? new Array<number>(K).fill(0)),
    stimulus: Float32Array.from(opts.stimulus ?? new Array<number>(K).fill(1)),
    jaw: opts.jaw ? Float32Array.from(opts.jaw.flat()) : null,
    heldOut: Uint8Array.from(opts.heldOut ?? new Array<number>(K).fill(0))
  }
}

export function neuronMap(pairs: [number, number][]): NeuronMap {
  return { session: Int32Array.from(pairs, (p) => p[0]), unit: Int32Array.from(pairs, (p) => p[1]) }
}

/** Random Bernoulli session: K trials × T bins × units (areas given), optional jaw, seeded. */
export function randomSession(
  seed: number,
  name: string,
  K: number,
  T: number,
  unitArea: number[],
  withJaw: boolean,
  rate = 0.3
): EngineSession {
  const rnd = mulberry32(seed)
  const spikes = Array.from({ length: K }, () =>
    Array.from({ length: T }, () => unitArea.map(() => (rnd() < rate ? 1 : 0)))
  )
  const jaw = withJaw ? Array.from({ length: K }, () => Array.from({ length: T }, () => rnd() * 2 - 0.5)) : undefined
  const outcome = Array.from({ length: K }, (_, k) => k % 2)
  return session(name, unitArea, spikes, {
    jaw,
    outcome,
    heldOut: Array.from({ length: K }, (_, k) => (k % 4 === 3 ? 1 : 0))
  })
}

export function fitData(sessions: EngineSession[], nBins: number, dt: number, areas = ['a1', 'a2']): FitData {
  return { areas, dt, nBins, stimBin: 0, sessions }
}

/** Indices k with heldOut[k] === held. */
export function trialsOf(s: EngineSession, held: 0 | 1): Int32Array {
  return Int32Array.from({ length: s.heldOut.length }, (_, k) => k).filter((k) => s.heldOut[k] === held)
}

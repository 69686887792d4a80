// Area-to-area input currents per task period and outcome, on a three-neuron model small enough to check by hand.
import { describe, expect, it } from 'vitest'
import { inputCurrents, outgoingByArea } from '../../../src/main/analysis/input-currents'

// Neurons: 0 = area A excitatory, 1 = area B excitatory, 2 = area B inhibitory. Weights [pre, post], ≥ 0.
const n = 3
const w = (
  entries: [number, number, number][]
): { data: Float32Array; shape: number[]; unit: string; description: string } => {
  const data = new Float32Array(n * n)
  for (const [pre, post, v] of entries) data[pre * n + post] = v
  return { data, shape: [n, n], unit: '1', description: '' }
}
const params = {
  areas: ['A', 'B'],
  neuronArea: Int32Array.from([0, 1, 1]),
  neuronInhibitory: Uint8Array.from([0, 0, 1]),
  arrays: {
    w_rec_d0: w([
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 3],
      [2, 1, 4]
    ]),
    w_rec_d1: w([
      [0, 1, 1],
      [1, 2, 5]
    ]),
    // Not a recurrent weight: must be ignored.
    w_in: { data: new Float32Array(6).fill(9), shape: [2, 3], unit: '1', description: '' }
  }
}
// Bins of 0.1 s, the event at the start of bin 1: bin 0 = baseline [−0.1, 0), bins 1–2 = early [0, 0.2).
const windows = [
  { name: 'baseline', window: [-0.1, 0] as [number, number] },
  { name: 'early', window: [0, 0.2] as [number, number] }
]
const axis = { dt: 0.1, stimBin: 1 }
const T = 3
function trials(): { spikes: Uint8Array; nTrials: number; nBins: number; outcome: Uint8Array } {
  const spikes = new Uint8Array(3 * T * n)
  const fire = (b: number, t: number, j: number): void => void (spikes[(b * T + t) * n + j] = 1)
  fire(0, 1, 0)
  fire(0, 2, 0)
  fire(0, 2, 2) // Hit
  fire(1, 0, 1)
  fire(1, 2, 1) // Hit
  fire(2, 1, 2) // Miss
  return { spikes, nTrials: 3, nBins: T, outcome: Uint8Array.from([0, 0, 1]) }
}

describe('area-to-area input currents', () => {
  it('sums each neuron’s signed outgoing weight per target area over both delays', () => {
    // 0 → B: 2 + 1 (d0) + 1 (d1); 1 → A: 3, 1 → B: 5; 2 (inhibitory) → B: −4.
    expect(Array.from(outgoingByArea(params))).toEqual([0, 4, 3, 5, 0, -4])
  })

  it('gives the mean input per target neuron per second from each source area, per period and outcome', () => {
    const r = inputCurrents(params, trials(), windows, axis)
    expect(r.map((o) => [o.outcome, o.nTrials])).toEqual([
      ['Hit', 2],
      ['Miss', 1]
    ]) // no CR/FA trials: left out
    // Layout [period × target × source]. Hit, early (2 trials, 0.2 s): B←A = 4·2/(2·|B|=2·0.2) = 10;
    // B←B = (5·1 − 4·1)/0.8 = 1.25; A←B = 3·1/(2·1·0.2) = 7.5. Hit, baseline (0.1 s): A←B = 3/(2·0.1) = 15, B←B = 5/(2·2·0.1) = 12.5.
    const hit = Array.from(r[0]!.values)
    expect(hit.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 15, 0, 12.5, 0, 7.5, 10, 1.25])
    // Miss, early: the inhibitory neuron's one spike: B←B = −4/(1·2·0.2) = −10.
    expect(Array.from(r[1]!.values).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 0, 0, 0, 0, 0, 0, -10])
  })

  it('ignores bins outside every period', () => {
    const r = inputCurrents(params, trials(), [{ name: 'late', window: [0.1, 0.2] }], axis)
    // Only bin 2: Hit B←A = 4·1/(2·2·0.1) = 10, A←B = 3/(2·1·0.1) = 15, B←B = (5 − 4)/(2·2·0.1) = 2.5.
    expect(Array.from(r[0]!.values).map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0, 15, 10, 2.5])
  })
})

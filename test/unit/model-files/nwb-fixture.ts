// A tiny set of generated trials (3 trials × 4 bins × 5 neurons, 2 areas) for the NWB writer tests.
import type { GeneratedTrials } from '../../../src/main/model-files/nwb-writer'
import { detectionConditions } from '@shared/domain/conditions'

export function generatedFixture(): GeneratedTrials {
  const B = 3
  const T = 4
  const N = 5
  const spikes = new Uint8Array(B * T * N)
  // Trial k, bin t, neuron n spikes when (k + 2t + 3n) % 4 === 0; one double count to exercise spreading.
  for (let k = 0; k < B; k++)
    for (let t = 0; t < T; t++)
      for (let n = 0; n < N; n++) spikes[(k * T + t) * N + n] = (k + 2 * t + 3 * n) % 4 === 0 ? 1 : 0
  spikes[(1 * T + 2) * N + 4] = 2
  return {
    sim: {
      nTrials: B,
      nBins: T,
      nNeurons: N,
      spikes,
      jaw: Float32Array.from({ length: B * T }, (_, i) => i / 10),
      stimulus: Float32Array.from([1, 0, 1])
    },
    outcome: Uint8Array.from([0, 2, 1]),
    conditions: detectionConditions,
    binning: { dt: 0.002, start: -0.002 },
    model: {
      areas: ['wS1', 'ALM'],
      neuronArea: Int32Array.from([0, 0, 1, 1, 1]),
      neuronInhibitory: Uint8Array.from([0, 1, 0, 0, 1]),
      neuronMap: { session: Int32Array.from([0, -1, 1, 0, -1]), unit: Int32Array.from([1, -1, 0, 0, -1]) }
    },
    recordedSessions: [
      { name: 's0', sourceFile: 'a.nwb', unitSourceIds: [10, 11] },
      { name: 's1', sourceFile: 'b.nwb', unitSourceIds: [7] }
    ],
    includeJaw: true,
    meta: {
      identifier: 'gen-1',
      sessionDescription: 'generated trials of run r1',
      appVersion: '0.1.0',
      sourceDescription: 'run r1, checkpoint step 10, seed 1',
      createdAt: new Date('2025-01-02T03:04:05Z')
    }
  }
}

/** Spike count of neuron n summed over trials and bins. */
export function countOf(g: GeneratedTrials, n: number): number {
  let s = 0
  for (let i = n; i < g.sim.spikes.length; i += g.sim.nNeurons) s += g.sim.spikes[i]!
  return s
}

// A small, fully populated model file content for export tests (2 areas, 6 neurons, 2 delays).
import { resolveFitConfig } from '@shared/domain/model-config'
import type { ModelFileContent } from '../../../src/main/model-files/model-format'

function ramp(n: number, scale: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 1.7 + scale) * scale))
}

export function modelFixture(): ModelFileContent {
  const n = 6
  return {
    params: {
      arrays: {
        w_rec_d0: { data: ramp(n * n, 0.3), shape: [n, n], unit: '1', description: 'recurrent weights, delay 2 ms' },
        w_rec_d1: { data: ramp(n * n, 0.2), shape: [n, n], unit: '1', description: 'recurrent weights, delay 4 ms' },
        mask_rec: {
          data: Float32Array.from({ length: n * n }, (_, i) => (i % 7 === 0 ? 0 : 1)),
          shape: [n, n],
          unit: 'bool',
          description: 'allowed synapses'
        },
        w_in: { data: ramp(n * 4, 0.5), shape: [n, 4], unit: '1', description: 'input weights' },
        v_rest: { data: ramp(n, 0.01), shape: [n], unit: 'threshold units', description: 'resting potential' },
        tau_mem: {
          data: Float32Array.from([30, 30, 10, 30, 30, 10]),
          shape: [n],
          unit: 'ms',
          description: 'membrane time constant'
        }
      },
      neuronArea: Int32Array.from([0, 0, 0, 1, 1, 1]),
      neuronInhibitory: Uint8Array.from([0, 0, 1, 0, 0, 1]),
      neuronMap: { session: Int32Array.from([0, 0, -1, 1, 0, -1]), unit: Int32Array.from([2, 0, -1, 1, 1, -1]) },
      areas: ['wS1', 'ALM']
    },
    config: resolveFitConfig({ optim: { seed: 7, steps: 12 } }),
    provenance: {
      app: 'rsnn-studio',
      appVersion: '0.1.0',
      engineBackend: { name: 'js', threads: 1 },
      runId: 'run-1',
      datasetId: 'ds-1',
      datasetContentHash: 'cd'.repeat(32),
      datasetHashes: [{ session: 's0', sourceFile: 'a.nwb', sha256: 'ab'.repeat(32) }],
      seed: 7,
      steps: 12,
      metrics: { t_trial_pearson: 0.4, psth_pearson_per_area: { wS1: 0.3 } },
      exportedAt: '2025-01-01T00:00:00.000Z'
    },
    state: Uint8Array.from({ length: 301 }, (_, i) => (i * 37) & 255),
    recordedSessions: [
      { name: 's0', sourceFile: 'a.nwb', unitSourceIds: [10, 11, 12] },
      { name: 's1', sourceFile: 'b.nwb', unitSourceIds: [5, 6] }
    ],
    split: [
      { session: 's0', nTrials: 10, heldOut: [1, 4], excluded: [] },
      { session: 's1', nTrials: 8, heldOut: [0, 7], excluded: [3] }
    ]
  }
}

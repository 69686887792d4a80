// Test-only Trainer wiring: a simple smooth placeholder loss (squared distance of spikes to a target rate, and
// of the jaw to zero) and the in-process runner. Never used by the product (engine/index.ts wires the real losses).
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { createLocalRunner } from '../../../src/main/engine/train/local-runner'
import type { StepLosses, TrainerDeps } from '../../../src/main/engine/train/loop'
import type { LossBatch } from '../../../src/main/engine/losses/types'

export function placeholderDeps(
  o: { shards?: number; target?: number; nanAtCall?: number; spikeAtCall?: number } = {}
): TrainerDeps<null> {
  let calls = 0
  return {
    prepareTargets: () => null,
    computeLosses: (_t: null, batch: LossBatch): StepLosses => {
      calls++
      const target = o.target ?? 0.02
      const B = batch.stimulus.length
      const gradSpikes = new Float32Array(batch.spikes.length)
      let psth = 0
      for (let q = 0; q < batch.spikes.length; q++) {
        const d = batch.spikes[q] - target
        psth += (d * d) / B
        gradSpikes[q] = (2 * d) / B
      }
      let trial = 0
      let gradJaw: Float32Array | null = null
      if (batch.jaw) {
        gradJaw = new Float32Array(batch.jaw.length)
        for (let q = 0; q < batch.jaw.length; q++) {
          trial += (batch.jaw[q] * batch.jaw[q]) / batch.jaw.length
          gradJaw[q] = (2 * batch.jaw[q]) / batch.jaw.length
        }
      }
      // spikeAtCall: a finite loss 1000× the usual, as a network bursting after a too-large step reports
      const total = calls === o.nanAtCall ? NaN : (psth + trial) * (calls === o.spikeAtCall ? 1000 : 1)
      return { report: { total, psth, trial, reg: 0 }, gradSpikes, gradJaw }
    },
    evaluateMetrics: () => {
      throw new Error('placeholder deps have no metrics')
    },
    classifyTrials: () => {
      throw new Error('placeholder deps have no trial classification')
    },
    matchTrialSet: () => {
      throw new Error('placeholder deps have no trial matching')
    },
    createRunner: (r) =>
      Promise.resolve(createLocalRunner({ ...r, kernels: createJsKernels('f32'), shards: o.shards ?? 1 }))
  }
}

// computeLosses (one fused pass over the spikes, factored dL/dz) equals the separate per-term passes exactly.
import { describe, expect, it } from 'vitest'
import {
  computeLosses,
  prepareLossTargets,
  tallyLayout,
  type LossBatch,
  type LossTargets
} from '../../../src/main/engine/losses'
import { batchSums } from '../../../src/main/engine/losses/batch-sums'
import { denseSpikeGrad } from '../../../src/main/engine/spike-grad'
import { allocTally, tallyStep } from '../../../src/main/engine/spike-tally'
import { groupMeans } from '../../../src/main/engine/losses/features'
import { psthLoss } from '../../../src/main/engine/losses/psth-loss'
import { rateLoss } from '../../../src/main/engine/losses/rate'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { trialLoss } from '../../../src/main/engine/losses/trial-loss'
import { fitData, lossConfig, neuronMap, randomSession, trialsOf } from './fixtures'

const T = 16
const B = 5
const s0 = randomSession(31, 's0', 7, T, [0, 0, 1, 1, 1], false)
const s1 = randomSession(32, 's1', 8, T, [0, 1, 1, 0], true)
// neurons of the two sessions interleaved, two hidden neurons
const map = neuronMap([
  [1, 0],
  [0, 0],
  [-1, -1],
  [0, 3],
  [1, 2],
  [0, 1],
  [1, 1],
  [0, 4],
  [-1, -1],
  [1, 3],
  [0, 2]
])
const N = 11

/** Dyadic spike values (k/8, about half zero): every sum is exact, so any summation order gives the same bits. */
function makeBatch(seed: number): LossBatch {
  const rnd = mulberry32(seed)
  return {
    spikes: Float32Array.from({ length: B * T * N }, () => (rnd() < 0.5 ? 0 : Math.floor(rnd() * 9) / 8)),
    jaw: Float32Array.from({ length: B * T }, () => rnd() * 2 - 0.5),
    stimulus: new Float32Array(B).fill(1),
    trials: [trialsOf(s0, 0), trialsOf(s1, 0)],
    seed: 4
  }
}

/** The pre-fusion computation: each term reads the spikes itself; dL/dz assembled element by element. */
function reference(
  targets: LossTargets,
  batch: LossBatch
): { total: number; grad: Float32Array; gradJaw: Float32Array } {
  const cfg = targets.cfg
  const gShared = new Float64Array(T * N)
  const gradJaw = new Float32Array(B * T)
  const psth = psthLoss(targets, batch.spikes, batch.jaw, B, batch.trials, cfg.psthCoeff, gShared, gradJaw)
  const tm = trialLoss(targets, batch, B, true, gradJaw)
  const reg = rateLoss(targets, batch.spikes, B, batch.trials, cfg.rateRegCoeff, gShared)
  const grad = new Float32Array(B * T * N)
  const of = new Int32Array(N).fill(-1)
  tm.grad?.groups.forEach((g, gi) => g.neurons.forEach((n) => (of[n] = gi)))
  const G = tm.grad ? tm.grad.groups.length : 0
  for (let r = 0; r < B * T; r++) {
    for (let n = 0; n < N; n++) {
      const g = of[n]
      const sh = gShared[(r % T) * N + n]
      const pop = g >= 0 && tm.grad ? tm.grad.gpop[r * G + g] * (1 / tm.grad.groups[g].neurons.length) : 0
      grad[r * N + n] = g >= 0 ? sh + pop : sh
    }
  }
  const total = cfg.psthCoeff * psth + cfg.trialCoeff * tm.value + cfg.rateRegCoeff * reg
  return { total, grad, gradJaw }
}

describe('computeLosses fused pass', () => {
  const data = fitData([s0, s1], T, 0.002)
  for (const trialMatching of ['hard', 'soft'] as const) {
    it(`equals the separate passes (${trialMatching} matching, PSTH with jaw, rate penalty)`, () => {
      const cfg = lossConfig({ filterMs: 4, resample: 2, rateRegCoeff: 0.7, trialMatching })
      const targets = prepareLossTargets(data, map, cfg, { minAreaNeurons: 1 })
      for (const seed of [1, 2, 3]) {
        const batch = makeBatch(seed)
        const ref = reference(targets, batch)
        const r = computeLosses(targets, batch)
        expect(r.report.total).toBe(ref.total)
        expect(denseSpikeGrad(r.gradSpikes, B, T, N)).toEqual(ref.grad)
        expect(r.gradJaw).toEqual(ref.gradJaw)
        expect(ref.grad.some((v) => v !== 0)).toBe(true)
      }
    })
  }

  it('groupMeans sums each group as the per-element scan did (sum × 1/n_g)', () => {
    const targets = prepareLossTargets(data, map, lossConfig(), { minAreaNeurons: 1 })
    const groups = targets.sessions.flatMap((s) => s.groups)
    const spikes = makeBatch(5).spikes
    const pop = groupMeans(groups, spikes, B, T, N)
    for (let r = 0; r < B * T; r++) {
      groups.forEach((g, gi) => {
        let s = 0
        for (let n = 0; n < N; n++) if (g.neurons.includes(n)) s += spikes[r * N + n]
        expect(pop[r * groups.length + gi]).toBe(s * (1 / g.neurons.length))
      })
    }
  })

  it('batchSums reads float32 pairs / byte quads exactly as element by element', () => {
    const targets = prepareLossTargets(data, map, lossConfig(), { minAreaNeurons: 1 })
    const groups = targets.sessions.flatMap((s) => s.groups)
    const rnd = mulberry32(6)
    const plain = Array.from({ length: B * T * N }, () => (rnd() < 0.8 ? 0 : 1))
    plain[3] = -0 // a −0 beside a +0 reads as a zero float64
    const ref = batchSums(plain, groups, B, T, N) // a plain array takes the element-by-element path
    expect(ref.colSum.some((v) => v > 0)).toBe(true)
    const shifted = new Float32Array(plain.length + 1).subarray(1) // misaligned: element by element
    shifted.set(plain)
    for (const x of [Float32Array.from(plain), Uint8Array.from(plain), shifted]) {
      const r = batchSums(x, groups, B, T, N)
      expect(r.colSum).toEqual(ref.colSum)
      expect(r.pop).toEqual(ref.pop)
    }
    expect(ref.pop).toEqual(groupMeans(groups, plain, B, T, N))
  })

  it('the spike tally of a forward gives the same losses and gradients as the pass over 0/1 spikes', () => {
    for (const trialMatching of ['hard', 'soft'] as const) {
      const cfg = lossConfig({ filterMs: 4, resample: 2, rateRegCoeff: 0.7, trialMatching })
      const targets = prepareLossTargets(data, map, cfg, { minAreaNeurons: 1 })
      const rnd = mulberry32(8)
      const batch = { ...makeBatch(7), spikes: Float32Array.from({ length: B * T * N }, () => (rnd() < 0.7 ? 0 : 1)) }
      // the tally as a forward counts it, step by step from spike lists
      const tally = allocTally(tallyLayout(targets), B, T, N)
      const list = new Int32Array(N)
      for (let b = 0; b < B; b++) {
        for (let t = 0; t < T; t++) {
          let c = 0
          for (let n = 0; n < N; n++) if (batch.spikes[(b * T + t) * N + n]) list[c++] = n
          tallyStep(tally, tally.colSum, tally.groupSum, b, t, T, N, list, 0, c)
        }
      }
      expect(tally.groups).toBe(targets.sessions.flatMap((s) => s.groups).length)
      const plain = computeLosses(targets, batch)
      const tallied = computeLosses(targets, { ...batch, tally })
      expect(tallied.report).toEqual(plain.report)
      expect(tallied.report.trial).toBeGreaterThan(0)
      expect(denseSpikeGrad(tallied.gradSpikes, B, T, N)).toEqual(denseSpikeGrad(plain.gradSpikes, B, T, N))
      expect(tallied.gradJaw).toEqual(plain.gradJaw)
    }
  })
})

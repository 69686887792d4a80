// dL/dz and dL/djaw of computeLosses against central finite differences (z treated as continuous).
import { describe, expect, it } from 'vitest'
import { computeLosses, prepareLossTargets, type LossBatch, type LossTargets } from '../../../src/main/engine/losses'
import { denseSpikeGrad } from '../../../src/main/engine/spike-grad'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { fitData, lossConfig, neuronMap, randomSession, trialsOf } from './fixtures'

const T = 12
const B = 3
// two sessions: s0 records 4 units (2 per area), s1 3 units + jaw; model neuron 6 is hidden
const s0 = randomSession(21, 's0', 5, T, [0, 0, 1, 1], false)
const s1 = randomSession(22, 's1', 6, T, [0, 1, 1], true)
const map = neuronMap([
  [0, 0],
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 0],
  [1, 1],
  [-1, -1],
  [1, 2]
])
const N = 8

function makeBatch(seed: number): LossBatch {
  const rnd = mulberry32(seed)
  return {
    spikes: Float32Array.from({ length: B * T * N }, () => rnd()),
    jaw: Float32Array.from({ length: B * T }, () => rnd() * 2 - 0.5),
    stimulus: new Float32Array(B).fill(1),
    trials: [trialsOf(s0, 0), trialsOf(s1, 0)],
    seed: 9
  }
}

/** Central differences with h = 2⁻¹⁰ (exact in float32 around values in (0, 2)). */
function checkGradients(targets: LossTargets, batch: LossBatch, tol: number): void {
  const r = computeLosses(targets, batch)
  const gradSpikes = denseSpikeGrad(r.gradSpikes, B, T, N)
  const h = 2 ** -10
  const total = (b: LossBatch) => computeLosses(targets, b).report.total
  const probe = (arr: Float32Array, grad: Float32Array, k: number) => {
    const v = arr[k]
    arr[k] = v + h
    const up = total(batch)
    arr[k] = v - h
    const down = total(batch)
    arr[k] = v
    const fd = (up - down) / (2 * h)
    expect(Math.abs(grad[k] - fd)).toBeLessThan(tol * Math.max(1, Math.abs(fd)))
  }
  for (let k = 0; k < batch.spikes.length; k += 7) probe(batch.spikes, gradSpikes, k)
  if (batch.jaw && r.gradJaw) for (let k = 0; k < batch.jaw.length; k += 3) probe(batch.jaw, r.gradJaw, k)
  // the hidden neuron gets no gradient
  for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) expect(gradSpikes[(b * T + t) * N + 6]).toBe(0)
}

describe('computeLosses gradients vs finite differences', () => {
  const data = fitData([s0, s1], T, 0.002)
  const opts = { minAreaNeurons: 1 }

  it('hard matching + PSTH (jaw included) + rate penalty', () => {
    const targets = prepareLossTargets(data, map, lossConfig({ filterMs: 4, resample: 2, rateRegCoeff: 2 }), opts)
    const batch = makeBatch(1)
    const r = computeLosses(targets, batch)
    expect(r.report.psth).toBeGreaterThan(0)
    expect(r.report.trial).toBeGreaterThan(0)
    expect(r.report.reg).toBeGreaterThan(0)
    expect(r.gradJaw).not.toBeNull()
    checkGradients(targets, batch, 2e-4)
  })

  it('soft matching (Sinkhorn divergence, envelope theorem)', () => {
    const targets = prepareLossTargets(
      data,
      map,
      lossConfig({ filterMs: 4, resample: 2, trialMatching: 'soft', sinkhornBlur: 1 }),
      opts
    )
    const batch = makeBatch(2)
    const r = computeLosses(targets, batch)
    expect(r.sessions.every((s) => (s.marginalError ?? 1) < 1e-6)).toBe(true)
    checkGradients(targets, batch, 1e-3)
  })

  it('without a model jaw: the jaw block is dropped and gradJaw is null', () => {
    const targets = prepareLossTargets(data, map, lossConfig({ filterMs: 4, resample: 2 }), opts)
    const batch = { ...makeBatch(3), jaw: null }
    const r = computeLosses(targets, batch)
    expect(r.gradJaw).toBeNull()
    checkGradients(targets, batch, 2e-4)
  })
})

// The PSTH and trial-matching terms' sessions as shards on the worker pool: losses, dL/dz, dL/djaw, assignments and
// a few trainer steps are the in-process ones bit for bit on 1, 2 and 3 threads, and the shards equal the plain loops
// over the sessions that came before them (so fits made before the sharding are reproduced).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrainer } from '../../../src/main/engine'
import {
  computeLosses,
  computeLossesOn,
  installLossShards,
  prepareLossTargets,
  type LossBatch,
  type LossTargets
} from '../../../src/main/engine/losses'
import {
  featuresFromPop,
  featuresFromPopBackward,
  groupMeans,
  sessionLayout
} from '../../../src/main/engine/losses/features'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { selectRows } from '../../../src/main/engine/losses/trial-cost'
import { hardMatch, softMatch } from '../../../src/main/engine/losses/trial-matching'
import { TRIAL_SHARD_TASK } from '../../../src/main/engine/losses/trial-shards'
import { PSTH_SHARD_TASK } from '../../../src/main/engine/losses/psth-loss'
import { dataPsth, trialMean } from '../../../src/main/engine/losses/psth'
import { applyFilter, applyFilterTransposeAdd } from '../../../src/main/engine/losses/filters'
import { createPoolRunner } from '../../../src/main/engine/parallel/pool-runner'
import type { ShardExecutor } from '../../../src/main/engine/parallel/executor'
import type { BatchRunner } from '../../../src/main/engine/model/shard'
import { setupFit } from '../../../src/main/engine/train/setup'
import { fitData, lossConfig, neuronMap, randomSession, trialsOf } from '../losses/fixtures'
import { tinyConfig, tinyData } from '../helpers/tiny-data'
import { buildShardWorker } from './build-worker'

let workerPath = ''
beforeAll(async () => {
  workerPath = await buildShardWorker()
})

const T = 16
const B = 6
// three sessions, two with a jaw; neurons of the sessions interleaved, one hidden
const sessions = [
  randomSession(41, 's0', 9, T, [0, 0, 1, 1, 1], true),
  randomSession(42, 's1', 7, T, [0, 1, 1, 0], false),
  randomSession(43, 's2', 8, T, [1, 0, 1, 0], true)
]
const map = neuronMap([
  [1, 0],
  [0, 0],
  [2, 0],
  [-1, -1],
  [0, 3],
  [2, 1],
  [1, 2],
  [0, 1],
  [2, 2],
  [1, 1],
  [0, 4],
  [1, 3],
  [2, 3],
  [0, 2]
])
const N = 14
const data = fitData(sessions, T, 0.002)

function makeBatch(seed: number): LossBatch {
  const rnd = mulberry32(seed)
  return {
    spikes: Float32Array.from({ length: B * T * N }, () => (rnd() < 0.7 ? 0 : 1)),
    jaw: Float32Array.from({ length: B * T }, () => rnd() * 2 - 0.5),
    stimulus: new Float32Array(B).fill(1),
    trials: sessions.map((s) => trialsOf(s, 0)),
    seed: 11 + seed
  }
}

/** The trial term as one loop over the sessions, as it was computed before the shards (gradient parts in place). */
function plainTrialTerm(targets: LossTargets, batch: LossBatch, gradJaw: Float32Array) {
  const groups = targets.sessions.flatMap((s) => s.groups)
  const G = groups.length
  const pop = groupMeans(groups, batch.spikes, B, T, N)
  const gpop = new Float64Array(pop.length)
  const w = targets.cfg.trialCoeff / targets.sessions.length
  let total = 0
  let g0 = 0
  for (const s of targets.sessions) {
    const layout = sessionLayout(s, targets.featureFilter, true)
    const X = featuresFromPop(layout, pop, G, g0, batch.jaw, B, T)
    const D = X.length / B
    const trials = batch.trials[s.index]
    const Y = selectRows(s.features, s.featureDim, trials, D)
    const r =
      targets.cfg.trialMatching === 'soft'
        ? softMatch(X, B, Y, trials.length, D, targets.cfg.sinkhornBlur)
        : hardMatch(X, B, Y, trials.length, D, mulberry32(batch.seed! + 7919 * s.index))
    total += r.loss
    for (let i = 0; i < r.gradModel.length; i++) r.gradModel[i] *= w
    featuresFromPopBackward(layout, r.gradModel, G, g0, B, T, gpop, gradJaw)
    g0 += s.groups.length
  }
  return { value: total / targets.sessions.length, gpop }
}

/** The PSTH term as one loop over the sessions, as it was computed before the shards. */
function plainPsthTerm(
  targets: LossTargets,
  batch: LossBatch,
  weight: number,
  gShared: Float64Array,
  gradJaw: Float32Array
) {
  const f = targets.filter1
  const L = f.outLen
  let terms = 0
  for (const s of targets.sessions) terms += s.neurons.length + (s.useJaw ? 1 : 0)
  const zMean = trialMean(batch.spikes, B, T, N)
  const jMean = trialMean(batch.jaw!, B, T, 1)
  const pm = new Float64Array(L)
  const g = new Float64Array(L)
  const gT = new Float64Array(T)
  const gMean = new Float64Array(T * N)
  let loss = 0
  const term = (target: Float64Array, tOff: number, tStride: number, scale: number): void => {
    for (let l = 0; l < L; l++) {
      const e = (pm[l] - target[tOff + l * tStride]) / scale
      loss += e * e
      g[l] = (2 * e) / scale / (terms * L)
    }
  }
  for (const s of targets.sessions) {
    const d = dataPsth(targets, s, batch.trials[s.index])
    const C = s.units.length
    for (let c = 0; c < C; c++) {
      applyFilter(f, zMean, s.neurons[c], N, pm, 0, 1)
      term(d.psth, c, C, d.scale[c])
      applyFilterTransposeAdd(f, g, 0, 1, gMean, s.neurons[c], N)
    }
    if (d.jaw) {
      applyFilter(f, jMean, 0, 1, pm, 0, 1)
      term(d.jaw, 0, 1, d.jawScale)
      gT.fill(0)
      applyFilterTransposeAdd(f, g, 0, 1, gT, 0, 1)
      for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) gradJaw[b * T + t] += (weight * gT[t]) / B
    }
  }
  for (let i = 0; i < T * N; i++) gShared[i] += (gMean[i] * weight) / B
  return loss / (terms * L)
}

/** A pool runner's executor that counts the loss shards it ran. */
function counting(exec: ShardExecutor): { exec: ShardExecutor; shards: () => number } {
  let shards = 0
  return {
    exec: {
      ...exec,
      threads: exec.threads,
      run: (task, n, payload) => {
        if (task === TRIAL_SHARD_TASK || task === PSTH_SHARD_TASK) shards += n
        return exec.run(task, n, payload)
      }
    },
    shards: () => shards
  }
}

describe('losses with the trial-matching sessions on the pool', () => {
  const runners: BatchRunner[] = []
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.dispose()))
  })
  const s = setupFit(tinyData(), tinyConfig())

  for (const trialMatching of ['hard', 'soft'] as const) {
    it(`equal the in-process losses bit for bit on 1, 2 and 3 threads (${trialMatching})`, async () => {
      const cfg = lossConfig({ filterMs: 4, resample: 2, rateRegCoeff: 0.7, trialMatching })
      const targets = prepareLossTargets(data, map, cfg, { minAreaNeurons: 1 })
      expect(targets.sessions.every((x) => x.groups.length > 0)).toBe(true)
      for (const threads of [1, 2, 3]) {
        const runner = await createPoolRunner({ ...s, motor: s.layout.motor, backend: 'wasm', threads, workerPath })
        runners.push(runner)
        const { exec, shards } = counting(runner.executor!)
        await installLossShards(exec, targets)
        for (const seed of [1, 2]) {
          const batch = makeBatch(seed)
          const ref = computeLosses(targets, batch)
          const got = await computeLossesOn(exec, targets, batch)
          expect(got.report).toEqual(ref.report)
          expect(Object.is(got.report.trial, ref.report.trial)).toBe(true)
          expect(got.report.trial).toBeGreaterThan(0)
          expect(got.assignments).toEqual(ref.assignments)
          expect(got.sessions).toEqual(ref.sessions)
          expect(Array.from(got.gradJaw!)).toEqual(Array.from(ref.gradJaw!))
          expect(Array.from(got.gradSpikes.perGroup)).toEqual(Array.from(ref.gradSpikes.perGroup))
          expect(Array.from(got.gradSpikes.shared)).toEqual(Array.from(ref.gradSpikes.shared))
        }
        expect(shards()).toBe(2 * 2 * sessions.length) // both terms of every session of both batches ran as shards
      }
    })
  }

  it('the PSTH shards give the plain loop over the sessions exactly (value, dL/dz, dL/djaw)', () => {
    const cfg = lossConfig({ filterMs: 4, resample: 2, trialMatching: 'none', rateRegCoeff: 0 })
    const targets = prepareLossTargets(data, map, cfg, { minAreaNeurons: 1 })
    const batch = makeBatch(4)
    const gShared = new Float64Array(T * N)
    const gradJaw = new Float32Array(B * T)
    const value = plainPsthTerm(targets, batch, cfg.psthCoeff, gShared, gradJaw)
    const r = computeLosses(targets, batch)
    expect(r.report.psth).toBe(cfg.psthCoeff * value)
    expect(Array.from(r.gradJaw!)).toEqual(Array.from(gradJaw))
    expect(Array.from(r.gradSpikes.shared)).toEqual(Array.from(gShared))
    expect(gradJaw.some((v) => v !== 0) && gShared.some((v) => v !== 0)).toBe(true)
  })

  it('the trial shards give the plain loop over the sessions exactly (value, dL/dpop, dL/djaw)', () => {
    for (const trialMatching of ['hard', 'soft'] as const) {
      const cfg = lossConfig({ filterMs: 4, resample: 2, trialMatching, psthCoeff: 0, rateRegCoeff: 0 })
      const targets = prepareLossTargets(data, map, cfg, { minAreaNeurons: 1 })
      const batch = makeBatch(3)
      const gradJaw = new Float32Array(B * T)
      const plain = plainTrialTerm(targets, batch, gradJaw)
      const r = computeLosses(targets, batch)
      expect(r.report.trial).toBe(cfg.trialCoeff * plain.value)
      expect(Array.from(r.gradJaw!)).toEqual(Array.from(gradJaw))
      expect(gradJaw.some((v) => v !== 0)).toBe(true)
      // perGroup = gpop / n_g (compute.ts factor)
      const groups = targets.sessions.flatMap((x) => x.groups)
      const scaled = plain.gpop.map((v, q) => v * (1 / groups[q % groups.length].neurons.length))
      expect(Array.from(r.gradSpikes.perGroup)).toEqual(Array.from(scaled))
    }
  })
})

describe('a fit on the pool', () => {
  it('takes the in-process steps and evaluation bit for bit, with the loss shards on the pool threads', async () => {
    const fit = tinyData({ withJaw: true, sessions: 3 })
    const cfg = tinyConfig({ model: { inputRateHz: 120 }, engine: { backend: 'wasm' } })
    const local = await createTrainer(fit, cfg)
    let counted: { shards: () => number } | null = null
    const pooled = await createTrainer(fit, cfg, undefined, {
      createRunner: async (o) => {
        const r = await createPoolRunner({ ...o, backend: 'wasm', threads: 2, workerPath })
        const c = counting(r.executor!)
        counted = c
        return Object.assign(Object.create(r) as BatchRunner, { executor: c.exec, dispose: () => r.dispose() })
      }
    })
    try {
      for (let step = 0; step < 3; step++) {
        const [a, b] = [await local.runStep(), await pooled.runStep()]
        expect(b.losses).toEqual(a.losses)
        expect(a.losses.trial).toBeGreaterThan(0)
      }
      const [pa, pb] = [local.exportParams().arrays, pooled.exportParams().arrays]
      for (const [k, v] of Object.entries(pa)) expect(Array.from(pb[k]!.data), k).toEqual(Array.from(v.data))
      expect(counted!.shards()).toBeGreaterThanOrEqual(3) // the steps' sessions ran as pool shards (both terms)
      // a held-out evaluation: its loss's sessions on the pool too, the same metrics bit for bit
      const before = counted!.shards()
      const [ea, eb] = [await local.evaluate(), await pooled.evaluate()]
      expect(eb).toEqual(ea)
      expect(Number.isFinite(ea.eval_loss)).toBe(true)
      expect(counted!.shards()).toBeGreaterThan(before)
    } finally {
      await local.dispose()
      await pooled.dispose()
    }
  })
})

// Step schedules (optim.lrWarmupSteps/lrDecaySteps/lrFinalFraction, batchStart/batchRampSteps, trialStartStep/
// trialRampSteps): values computed
// by hand, and the trainer applying them.
import { describe, expect, it } from 'vitest'
import { batchAt, lrFactor, trialFactor } from '../../../src/main/engine/train/schedule'
import { createTrainer } from '../../../src/main/engine'
import { createTrainerWith } from '../../../src/main/engine/train/loop'
import { placeholderDeps } from '../helpers/placeholder-deps'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

const off = {
  lrWarmupSteps: 0,
  lrDecaySteps: 0,
  lrFinalFraction: 0.1,
  batchStart: 0,
  batchRampSteps: 0,
  batchSize: 200,
  trialStartStep: 0,
  trialRampSteps: 0
}

describe('trialFactor', () => {
  it('is 1 throughout when no phase-in is set (the reference)', () => {
    for (const s of [0, 1, 100, 1e6]) expect(trialFactor(s, off)).toBe(1)
  })

  it('is 0 before the start step, then grows linearly to 1 over the ramp and stays there', () => {
    const o = { ...off, trialStartStep: 10, trialRampSteps: 4 }
    expect([0, 9, 10, 11, 12, 13, 14, 1000].map((s) => trialFactor(s, o))).toEqual([0, 0, 0.25, 0.5, 0.75, 1, 1, 1])
    expect([4, 5].map((s) => trialFactor(s, { ...off, trialStartStep: 5 }))).toEqual([0, 1]) // no ramp: at once
  })
})

describe('lrFactor', () => {
  it('is 1 throughout when no schedule is set', () => {
    for (const s of [0, 1, 100, 1e6]) expect(lrFactor(s, off)).toBe(1)
  })

  it('warms up linearly from 10 %, then follows a cosine down to the final fraction and stays there', () => {
    const o = { ...off, lrWarmupSteps: 4, lrDecaySteps: 10, lrFinalFraction: 0.1 }
    expect(lrFactor(0, o)).toBeCloseTo(0.325, 12) // 0.1 + 0.9·1/4
    expect(lrFactor(1, o)).toBeCloseTo(0.55, 12) // 0.1 + 0.9·2/4
    expect(lrFactor(3, o)).toBeCloseTo(1, 12)
    expect(lrFactor(4, o)).toBeCloseTo(1, 12) // decay starts: x = 0
    expect(lrFactor(9, o)).toBeCloseTo(0.55, 12) // x = 0.5: 0.1 + 0.9·½·(1 + cos π/2)
    expect(lrFactor(14, o)).toBeCloseTo(0.1, 12) // x = 1
    expect(lrFactor(1000, o)).toBeCloseTo(0.1, 12)
  })
})

describe('batchAt', () => {
  it('grows linearly from batchStart to the full batch over batchRampSteps', () => {
    const o = { ...off, batchStart: 20, batchRampSteps: 10 }
    expect([0, 5, 9, 10, 50].map((s) => batchAt(s, o))).toEqual([20, 110, 182, 200, 200])
  })

  it('is the full batch when the schedule is off or starts at the full batch', () => {
    expect(batchAt(0, off)).toBe(200)
    expect(batchAt(0, { ...off, batchStart: 20 })).toBe(200) // no ramp length
    expect(batchAt(0, { ...off, batchStart: 300, batchRampSteps: 10 })).toBe(200)
  })
})

describe('the trainer applies the schedules', () => {
  const data = tinyData({ withJaw: true })
  /** Median |Δ v_rest| over one step (the median skips the few values the v_rest clamp moved further). */
  const medianChange = async (optim: Record<string, number>): Promise<number> => {
    const t = await createTrainerWith(
      data,
      tinyConfig({ optim: { batchSize: 12, lr: 0.01, seed: 3, ...optim } }),
      undefined,
      placeholderDeps()
    )
    const before = Float64Array.from(t.exportParams().arrays.v_rest.data)
    await t.runStep()
    const after = t.exportParams().arrays.v_rest.data
    await t.dispose()
    const d = Array.from(before, (v, i) => Math.abs(after[i] - v)).sort((a, b) => a - b)
    return d[Math.floor(d.length / 2)]
  }

  it('scales the first Adam step (≈ lr per parameter) by the warm-up factor', async () => {
    const full = await medianChange({})
    const warm = await medianChange({ lrWarmupSteps: 10 }) // factor 0.1 + 0.9/10 = 0.19
    expect(full).toBeCloseTo(0.01, 4)
    expect(warm / full).toBeCloseTo(0.19, 3)
  })

  it('runs steps on a smaller batch while the batch ramps up', async () => {
    const t = await createTrainerWith(
      data,
      tinyConfig({ optim: { batchSize: 12, batchStart: 4, batchRampSteps: 8, seed: 3 } }),
      undefined,
      placeholderDeps()
    )
    const full = await createTrainerWith(
      data,
      tinyConfig({ optim: { batchSize: 12, seed: 3 } }),
      undefined,
      placeholderDeps()
    )
    const reports = []
    for (let s = 0; s < 3; s++) reports.push(await t.runStep())
    const first = await full.runStep()
    await t.dispose()
    await full.dispose()
    expect(reports.every((r) => Number.isFinite(r.losses.total) && !r.rolledBack)).toBe(true)
    expect(reports[0].losses.total).not.toBe(first.losses.total) // 4 trials, not 12
  })
})

describe('the trial-matching phase-in (real losses)', () => {
  const data = tinyData({ withJaw: true })
  const firstSteps = async (optim: Record<string, number>, n: number): Promise<{ psth: number; trial: number }[]> => {
    const t = await createTrainer(data, tinyConfig({ optim: { batchSize: 12, seed: 3, ...optim } }))
    const out = []
    for (let s = 0; s < n; s++) out.push((await t.runStep()).losses)
    await t.dispose()
    return out
  }

  it('leaves the trial term out before the start step and weighs it by the ramp after', async () => {
    const [full] = await firstSteps({}, 1)
    const phased = await firstSteps({ trialStartStep: 2, trialRampSteps: 4 }, 3)
    expect(full.trial).toBeGreaterThan(0)
    expect(phased[0].psth).toBe(full.psth) // same parameters, same batch: the PSTH term is untouched
    expect(phased[0].trial).toBe(0)
    expect(phased[1].trial).toBe(0)
    expect(phased[2].trial).toBeGreaterThan(0) // step 2: a quarter of the coefficient
  })
})

// Presets: the settings chosen from the dataset's size, computed by hand for the dataset (10 sessions ×
// 100 units, 200 trials, 250 bins) on 2 threads.
import { describe, expect, it } from 'vitest'
import { autoSettings, datasetShape, DEFAULT_PRESET, estimateStepSeconds } from '@shared/domain/fit-presets'
import { fitConfigSchema } from '@shared/domain/model-config'

const shape = { nUnits: 1000, maxSessionTrials: 200, nBins: 250 }

describe('fit presets', () => {
  it('estimate a step from B·T·N² (1.45e-10 CPU s each) over the threads', () => {
    expect(estimateStepSeconds(1000, 200, 250, 2)).toBeCloseTo(3.625, 12)
    expect(estimateStepSeconds(2000, 200, 250, 4)).toBeCloseTo(7.25, 12)
  })

  it('Standard: batch = training trials, evaluation every 10 steps, rates from the data, the steps of 10 minutes', () => {
    const a = autoSettings('standard', shape, 2)
    expect(a.config.optim.batchSize).toBe(160) // 200 trials × (1 − 0.2 held out)
    expect(a.config.optim.evalEvery).toBe(10) // ⌈0.3 / 0.03⌉
    // the batch grows from 32 to 160 trials over 80 steps: they run 7,616 trials, ≈ 47.6 full steps (docs/fit-speed.md)
    expect([a.config.optim.batchStart, a.config.optim.batchRampSteps]).toEqual([32, 80])
    expect(a.choices.some((c) => c.keys.includes('optim.batchStart') && c.text.includes('from 32 to 160'))).toBe(true)
    // a full step 1.45e-10·160·250·1000² / 2 = 2.9 s, evaluations 0.3 of one every 10 steps (0.087 s a step):
    // the ramp's 80 steps 2.9·47.6 + 80·0.087 = 145.0 s, then ⌊(600 − 145.0) / 2.987⌋ = 152 full steps
    expect(a.expectedSteps).toBe(232)
    expect(a.config.model.initRatesFromData).toBe(true)
    // a warm-up keeps the first steps of the 1,000-neuron network from bursting (docs/fit-speed.md)
    expect(a.config.optim.lrWarmupSteps).toBe(20)
    expect(a.choices.some((c) => c.keys.includes('optim.lrWarmupSteps'))).toBe(true)
    // twice the reference's learning rate after the warm-up (measured to help at N ≈ 1,000); a decay did not help
    expect(a.config.optim.lr).toBe(2e-3)
    expect(a.choices.some((c) => c.keys.includes('optim.lr'))).toBe(true)
    expect(a.config.optim.lrDecaySteps).toBe(0)
    expect(a.config.optim.earlyStopPatience).toBe(0)
    expect(a.config.optim.steps).toBeGreaterThanOrEqual(800) // the budget ends the fit, not the step target
    expect(a.minutes).toBe(10)
    expect(a.expectedMinutes).toBe(10)
    expect(a.choices.some((c) => c.text.startsWith('batch 160') && c.keys.includes('optim.batchSize'))).toBe(true)
    expect(fitConfigSchema.safeParse(a.config).success).toBe(true)
  })

  it('Quick look: the same choices for 2 minutes; Thorough: no budget, early stopping, the step target as bound', () => {
    const q = autoSettings('quick', shape, 2)
    expect(q.minutes).toBe(2)
    // 120 s end within the ramp: k steps cost 2.9·(32k + 128·k(k − 1)/160)/160 + 0.087k s, 119.4 s at k = 71
    expect(q.expectedSteps).toBe(71) // N = the 1000 recorded units either way
    expect(q.config.model.neuronsPerArea).toBe(2) // raised to the recorded units by the layout
    const t = autoSettings('thorough', shape, 2)
    expect(t.minutes).toBeNull()
    expect(t.config.optim.earlyStopPatience).toBe(8)
    expect(t.expectedMinutes).toBeCloseTo((2.9 * (7616 / 160) + 80 * 0.087 + 1920 * 2.9 * 1.03) / 60, 9)
  })

  it('say what they chose in one line; a fit with no settings gets Standard', () => {
    expect(DEFAULT_PRESET).toBe('standard')
    expect(autoSettings('standard', shape, 2).summary).toBe(
      'Standard (≈ 10 min) for this dataset (N ≈ 1000 neurons, 250 bins, 200 trials in the largest session): ' +
        'batch 160, evaluation every 10 steps, rates from the data, 20-step warm-up to lr 0.002, batch from 32 over the first 80 steps, ' +
        '10 min ≈ 232 steps at ≈ 3.0 s/step (full batch)'
    )
    expect(autoSettings('quick', shape, 2).summary).toMatch(
      /^Quick look \(≈ 2 min\) for this dataset \(N ≈ 1000 neurons, no hidden neurons,/
    )
    expect(autoSettings('thorough', shape, 2).summary).toMatch(
      /until the held-out loss stops improving \(at most 2000 steps\)$/
    )
  })

  it('keep small batches and the user’s other settings', () => {
    const base = fitConfigSchema.parse({ loss: { psthCoeff: 3 }, optim: { lrWarmupSteps: 50 } })
    const a = autoSettings('standard', { nUnits: 40, maxSessionTrials: 10, nBins: 100 }, 1, base)
    expect(a.config.optim.batchSize).toBe(16) // 8 training trials, at least 16
    expect(a.config.loss.psthCoeff).toBe(3)
    expect(a.config.optim.lrWarmupSteps).toBe(50) // a longer warm-up of the user's is kept
    expect(autoSettings('standard', shape, 2, fitConfigSchema.parse({ optim: { lr: 5e-3 } })).config.optim.lr).toBe(
      5e-3
    )
    expect([a.config.optim.batchStart, a.config.optim.batchRampSteps]).toEqual([0, 0]) // 16 trials: nothing to ramp
    const own = fitConfigSchema.parse({ optim: { batchStart: 40, batchRampSteps: 10 } })
    const b = autoSettings('standard', shape, 2, own)
    expect([b.config.optim.batchStart, b.config.optim.batchRampSteps]).toEqual([40, 10]) // the user's ramp is kept
  })

  it('read the shape from the dataset’s sessions, at the model’s time step when given', () => {
    const sessions = [
      { nUnits: 60, nTrials: 100, window: { start: -0.1, stop: 0.4, dt: 0.002 } },
      { nUnits: 40, nTrials: 120, window: { start: -0.1, stop: 0.4, dt: 0.002 } }
    ]
    expect(datasetShape(sessions)).toEqual({ nUnits: 100, maxSessionTrials: 120, nBins: 250 })
    expect(datasetShape(sessions, 5).nBins).toBe(100)
  })
})

// Presets: the settings chosen from the dataset's size, computed by hand for the dataset (10 sessions ×
// 100 units, 200 trials, 250 bins) on 2 threads.
import { describe, expect, it } from 'vitest'
import { autoSettings, datasetShape, DEFAULT_PRESET, estimateStepSeconds } from '@shared/domain/fit-presets'
import { fitConfigSchema } from '@shared/domain/model-config'

const shape = { nUnits: 1000, maxSessionTrials: 200, nBins: 250 }

describe('fit presets', () => {
  it('estimate a step from B·T·N² (1.1e-10 s each on one thread) over the threads', () => {
    expect(estimateStepSeconds(1000, 200, 250, 2)).toBeCloseTo(2.75, 12)
    expect(estimateStepSeconds(2000, 200, 250, 4)).toBeCloseTo(5.5, 12)
  })

  it('Standard: batch = training trials up to 80, evaluation every 10 steps, rates from the data, the steps of 10 minutes', () => {
    const a = autoSettings('standard', shape, 2)
    // 200 trials × (1 − 0.2 held out) = 160 training trials, capped at 80 (docs/fit-speed.md)
    expect(a.config.optim.batchSize).toBe(80)
    expect(a.config.optim.evalEvery).toBe(10) // ⌈0.3 / 0.03⌉
    // the batch grows from 16 to 80 trials over 80 steps: they run 3,808 trials, ≈ 47.6 full steps (docs/fit-speed.md)
    expect([a.config.optim.batchStart, a.config.optim.batchRampSteps]).toEqual([16, 80])
    expect(a.choices.some((c) => c.keys.includes('optim.batchStart') && c.text.includes('from 16 to 80'))).toBe(true)
    // a full step 1.1e-10·80·250·1000² / 2 = 1.1 s, evaluations 0.3 of one every 10 steps (0.033 s a step):
    // the ramp's 80 steps 1.1·47.6 + 80·0.033 = 55 s, then ⌊(600 − 55) / 1.133⌋ = 481 full steps
    expect(a.expectedSteps).toBe(561)
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
    expect(a.choices.find((c) => c.keys.includes('optim.batchSize'))?.text).toBe(
      'batch 80 generated trials per step (the largest session has 160 training trials; more per step cost in ' +
        'proportion and did not reach quality sooner)'
    )
    expect(fitConfigSchema.safeParse(a.config).success).toBe(true)
  })

  it('Quick look: the same choices for 2 minutes; Thorough: no budget, early stopping, the step target as bound', () => {
    const q = autoSettings('quick', shape, 2)
    expect(q.minutes).toBe(2)
    // the ramp's 80 steps take 55 s, then ⌊(120 − 55) / 1.133⌋ = 57 full steps
    expect(q.expectedSteps).toBe(137) // N = the 1000 recorded units either way
    expect(q.config.model.neuronsPerArea).toBe(2) // raised to the recorded units by the layout
    const t = autoSettings('thorough', shape, 2)
    expect(t.minutes).toBeNull()
    expect(t.config.optim.earlyStopPatience).toBe(8)
    expect(t.expectedMinutes).toBeCloseTo((1.1 * (3808 / 80) + 80 * 0.033 + 1920 * 1.1 * 1.03) / 60, 9)
  })

  it('say what they chose in one line; a fit with no settings gets Standard', () => {
    expect(DEFAULT_PRESET).toBe('standard')
    expect(autoSettings('standard', shape, 2).summary).toBe(
      'Standard (≈ 10 min) for this dataset (N ≈ 1000 neurons, 250 bins, 200 trials in the largest session): ' +
        'batch 80, evaluation every 10 steps, rates from the data, 20-step warm-up to lr 0.002, batch from 16 over the first 80 steps, ' +
        '10 min ≈ 561 steps at ≈ 1.1 s/step (full batch)'
    )
    expect(autoSettings('quick', shape, 2).summary).toMatch(
      /^Quick look \(≈ 2 min\) for this dataset \(N ≈ 1000 neurons, no hidden neurons,/
    )
    expect(autoSettings('thorough', shape, 2).summary).toMatch(
      /until the held-out T′trial stops improving \(at most 2000 steps\)$/
    )
  })

  it('cap the batch at 80 generated trials; fewer training trials give a batch of as many', () => {
    const batchFor = (trials: number) => {
      const a = autoSettings('standard', { nUnits: 200, maxSessionTrials: trials, nBins: 100 }, 2)
      return { batch: a.config.optim.batchSize, line: a.choices.find((c) => c.keys.includes('optim.batchSize'))?.text }
    }
    expect(batchFor(200).batch).toBe(80) // 160 training trials
    expect(batchFor(100)).toEqual({
      batch: 80, // 80 training trials: the bundled example's
      line: "batch 80 generated trials per step (the largest session's 80 training trials, at most 80)"
    })
    expect(batchFor(50).batch).toBe(40) // 40 training trials
    // the first steps still start from a fifth of the batch, at least 16
    const ramp = autoSettings('standard', { nUnits: 200, maxSessionTrials: 50, nBins: 100 }, 2).config.optim
    expect([ramp.batchStart, ramp.batchRampSteps]).toEqual([16, 80])
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
    expect(datasetShape(sessions)).toEqual({ nUnits: 100, maxSessionTrials: 120, nBins: 250, hasJaw: false })
    expect(datasetShape(sessions, 5).nBins).toBe(100)
    expect(datasetShape([{ ...sessions[0]!, behaviour: ['jaw'] }, sessions[1]!]).hasJaw).toBe(true)
  })

  it('start the jaw readout from the data only where a session recorded the jaw', () => {
    const shape = { nUnits: 1000, maxSessionTrials: 200, nBins: 250 }
    const without = autoSettings('standard', shape, 2)
    expect(without.config.model.initJawFromData).toBe(false)
    expect(without.choices.some((c) => c.keys.includes('model.initJawFromData'))).toBe(false)
    const withJaw = autoSettings('standard', { ...shape, hasJaw: true }, 2)
    expect(withJaw.config.model.initJawFromData).toBe(true)
    expect(withJaw.choices.find((c) => c.keys.includes('model.initJawFromData'))?.text).toMatch(/jaw readout/)
  })
})

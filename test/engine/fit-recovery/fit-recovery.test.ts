// Ground-truth fit tests (issue 3, "Correctness"): on the two-area example, where area 1 responds on every trial
// and area 2 only on Hit trials (80 %), a short fit lowers both losses, recovers the Hit-only area-2 response, and
// trial matching gives a trial-type mix closer to the data's than the PSTH loss alone (paper, Figure 2).
import { beforeAll, describe, expect, it } from 'vitest'
import { dataMix, mean, recoveryConfig, recoveryData, runFit, type FitRun, type TrialMix } from './recovery'

// Sizes chosen to run in about a minute on one shared core: 60 units (30 per area), 100 trials, 100 bins of
// 2 ms, 80 generated trials per step, 300 steps. The mix is averaged over 7 checkpoints (steps 150 … 300).
const STEPS = 300
const FROM = 150
const EVERY = 25
const N_SIM = 100

describe('fit recovery on the two-area example (area 2 responds on Hit trials only)', () => {
  const data = recoveryData({ seed: 1, unitsPerSession: 60, trialsPerSession: 100 })
  const tmConfig = recoveryConfig({ loss: { trialMatching: 'hard', trialCoeff: 20 } })
  const psthConfig = recoveryConfig({ loss: { trialMatching: 'hard', trialCoeff: 0 } })
  let recorded: TrialMix
  let tm: FitRun
  let psthOnly: FitRun

  beforeAll(async () => {
    recorded = dataMix(data, tmConfig)
    tm = await runFit(data, tmConfig, STEPS, FROM, EVERY, N_SIM)
    psthOnly = await runFit(data, psthConfig, STEPS, FROM, EVERY, N_SIM)
  }, 600_000)

  it('has data with the ground truth the tests rely on', () => {
    expect(recorded.hitFraction).toBeGreaterThan(0.7)
    expect(recorded.hitFraction).toBeLessThan(0.9)
    // area 2 responds on Hit trials (≈ 31 Hz over baseline) and not on Miss trials (≈ 3 Hz: noise)
    expect(recorded.hitAmplitudeHz).toBeGreaterThan(20)
    expect(recorded.missAmplitudeHz).toBeLessThan(0.2 * recorded.hitAmplitudeHz)
  })

  it('lowers both the PSTH and the trial-matching loss by a clear margin', () => {
    const first = (a: number[]): number => mean(a.slice(0, 10))
    const last = (a: number[]): number => mean(a.slice(-10))
    for (const x of [...tm.psth, ...tm.trial]) expect(Number.isFinite(x)).toBe(true)
    // measured (seed 1): psth 37.5 → 9.1, trial 23.2 → 8.6; PSTH-only fit psth 33.2 → 9.8
    expect(last(tm.psth)).toBeLessThan(0.5 * first(tm.psth))
    expect(last(tm.trial)).toBeLessThan(0.6 * first(tm.trial))
    expect(last(psthOnly.psth)).toBeLessThan(0.5 * first(psthOnly.psth))
    expect(tm.rollbacks).toBe(0)
  })

  it('recovers the area-2 response on generated Hit trials and its absence on Miss trials', () => {
    // the untrained model hardly responds: 1 % of its trials are typed Hit; after the fit, 61 %
    expect(tm.initial.hitFraction).toBeLessThan(0.2)
    expect(tm.mix.hitFraction).toBeGreaterThan(0.45)
    const m = tm.mix
    // trials typed Hit respond about as strongly as the data's Hit trials (measured 27.9 vs 31.5 Hz) …
    expect(m.hitAmplitudeHz).toBeGreaterThan(0.7 * recorded.hitAmplitudeHz)
    expect(m.hitAmplitudeHz).toBeLessThan(1.3 * recorded.hitAmplitudeHz)
    // … trials typed Miss respond much less (measured 10.3 Hz; the data's Miss trials: 2.7 Hz)
    expect(m.missAmplitudeHz).toBeLessThan(0.5 * m.hitAmplitudeHz)
    // and the generated baseline matches the data's (measured 12.6 vs 11.7 Hz)
    const base = mean(m.perTrial.baselineHz)
    expect(base).toBeGreaterThan(0.6 * mean(recorded.perTrial.baselineHz))
    expect(base).toBeLessThan(1.6 * mean(recorded.perTrial.baselineHz))
  })

  it('gives a trial-type mix closer to the data with trial matching than with the PSTH loss alone', () => {
    const errTm = Math.abs(tm.mix.hitFraction - recorded.hitFraction)
    const errPsth = Math.abs(psthOnly.mix.hitFraction - recorded.hitFraction)
    // Measured Hit fractions, data / trial matching / PSTH only: here .83/.61/.39 (errors .22 vs .44); over 5 data ×
    // fit seeds (other checkpoint draws) .83/.64/.41, .75/.56/.46, .73/.63/.49, .83/.69/.39, .75/.62/.49: trial
    // matching closer by 0.10 … 0.30 every time, while both stay below the data's 0.8 after this short fit.
    expect(errTm).toBeLessThan(errPsth - 0.05)
    // PSTH-only responds on fewer trials but more strongly than the data (measured 39.0 vs 31.5 Hz); trial
    // matching keeps the size of single-trial responses (27.9 Hz). Same ordering in all 5 seed pairs.
    const ampErr = (r: FitRun): number => Math.abs(r.mix.hitAmplitudeHz / recorded.hitAmplitudeHz - 1)
    expect(ampErr(tm)).toBeLessThan(ampErr(psthOnly))
  })
})

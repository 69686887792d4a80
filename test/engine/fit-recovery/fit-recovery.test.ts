// Ground-truth fit tests (issue 3, "Correctness"): on the two-area example, where area 1 responds on every trial
// and area 2 only on Hit trials (80 %), a short fit lowers both losses, recovers the Hit-only area-2 response, and
// trial matching gives a trial-type mix closer to the data's than the PSTH loss alone over several seeds (paper,
// Figure 2).
import { beforeAll, describe, expect, it } from 'vitest'
import { dataMix, mean, recoveryConfig, recoveryData, runFit, type FitRun, type TrialMix } from './recovery'

// Sizes chosen so that a pair of fits runs in about half a minute on one core: 60 units (30 per area), 100 trials, 100 bins of
// 2 ms, 80 generated trials per step, 300 steps. The mix is averaged over 7 checkpoints (steps 150 … 300).
const STEPS = 300
const FROM = 150
const EVERY = 25
const N_SIM = 100

interface PairRuns {
  recorded: TrialMix
  tm: FitRun
  psthOnly: FitRun
}

/** The example generated with `seed`, fitted with trial matching and with the PSTH loss alone (fit seed = `seed`). */
async function fitPair(seed: number): Promise<PairRuns> {
  const data = recoveryData({ seed, unitsPerSession: 60, trialsPerSession: 100 })
  const tmConfig = recoveryConfig({ loss: { trialMatching: 'hard', trialCoeff: 20 }, optim: { seed } })
  const psthConfig = recoveryConfig({ loss: { trialMatching: 'hard', trialCoeff: 0 }, optim: { seed } })
  const recorded = dataMix(data, tmConfig)
  const tm = await runFit(data, tmConfig, STEPS, FROM, EVERY, N_SIM)
  const psthOnly = await runFit(data, psthConfig, STEPS, FROM, EVERY, N_SIM)
  return { recorded, tm, psthOnly }
}

// Pair 1 serves both describes below: fitted once, on first use.
let pair1: Promise<PairRuns> | null = null
const firstPair = (): Promise<PairRuns> => (pair1 ??= fitPair(1))

describe('fit recovery on the two-area example (area 2 responds on Hit trials only)', () => {
  let recorded: TrialMix
  let tm: FitRun
  let psthOnly: FitRun

  beforeAll(async () => {
    ;({ recorded, tm, psthOnly } = await firstPair())
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
    // measured (seed 1, first → last 10 steps): psth 33.5 → 9.0, trial 21.4 → 8.0; PSTH-only fit psth 30.5 → 7.3
    expect(last(tm.psth)).toBeLessThan(0.5 * first(tm.psth))
    expect(last(tm.trial)).toBeLessThan(0.6 * first(tm.trial))
    expect(last(psthOnly.psth)).toBeLessThan(0.5 * first(psthOnly.psth))
    expect(tm.rollbacks).toBe(0)
  })

  it('recovers the area-2 response on generated Hit trials and its absence on Miss trials', () => {
    // the untrained model hardly responds: 1 % of its trials are typed Hit; after the fit, 63 %
    expect(tm.initial.hitFraction).toBeLessThan(0.2)
    expect(tm.mix.hitFraction).toBeGreaterThan(0.45)
    const m = tm.mix
    // trials typed Hit respond about as strongly as the data's Hit trials (measured 27.7 vs 31.5 Hz) …
    expect(m.hitAmplitudeHz).toBeGreaterThan(0.7 * recorded.hitAmplitudeHz)
    expect(m.hitAmplitudeHz).toBeLessThan(1.3 * recorded.hitAmplitudeHz)
    // … trials typed Miss respond much less (measured 11.3 Hz; the data's Miss trials: 2.7 Hz)
    expect(m.missAmplitudeHz).toBeLessThan(0.5 * m.hitAmplitudeHz)
    // and the generated baseline matches the data's (measured 12.3 vs 11.7 Hz)
    const base = mean(m.perTrial.baselineHz)
    expect(base).toBeGreaterThan(0.6 * mean(recorded.perTrial.baselineHz))
    expect(base).toBeLessThan(1.6 * mean(recorded.perTrial.baselineHz))
  })
})

// Seed pairs (data seed = fit seed) over which trial matching and the PSTH loss alone are compared. Short fits of
// this size are noisy, single pairs can go either way: measured Hit fractions data / trial matching / PSTH only,
// pairs 1 … 8: .83/.63/.55, .75/.57/.56, .73/.62/.46, .79/.54/.50, .80/.40/.48, .86/.77/.51, .74/.59/.40,
// .74/.56/.47 — trial matching closer in 7 of 8 (by .09 on average; pair 5 the other way by .08). The test pools
// pairs 1 … 4 (gaps .08, .01, .16, .04).
const MIX_PAIRS = [1, 2, 3, 4]

describe('trial-type mix with trial matching vs the PSTH loss alone (pooled over seed pairs)', () => {
  const gaps: number[] = []

  beforeAll(async () => {
    for (const seed of MIX_PAIRS) {
      const { recorded, tm, psthOnly } = seed === 1 ? await firstPair() : await fitPair(seed)
      // > 0: trial matching's Hit fraction is closer to the data's
      gaps.push(
        Math.abs(psthOnly.mix.hitFraction - recorded.hitFraction) - Math.abs(tm.mix.hitFraction - recorded.hitFraction)
      )
    }
  }, 1_200_000)

  it('is closer to the data with trial matching, on average and in most pairs', () => {
    expect(gaps).toHaveLength(MIX_PAIRS.length)
    expect(mean(gaps)).toBeGreaterThan(0.03)
    expect(gaps.filter((g) => g > 0).length).toBeGreaterThanOrEqual(3)
  })
})

// One estimate of s/step before a fit: the Fit settings' preset line, `rsnn fit --preset` and runs.plan ("What this
// fit will use", `rsnn fit --plan`) compute it from the fit's own settings (its time step's bins, neurons, batch,
// evaluations, threads), so for the same settings they print the same figure.
import { describe, expect, it } from 'vitest'
import { planLines } from '@shared/domain/fit-plan'
import { resolveFitConfig, type FitConfig } from '@shared/domain/model-config'
import { estimateStepSeconds, fitSeconds, stepSeconds, stepSecondsText, stepsWithin } from '@shared/domain/step-time'
import type { SessionData } from '@shared/domain/dataset'
import { fitPresetsFor } from '../../../src/renderer/src/lib/fit-presets'
import { applyFitPreset } from '../../../src/main/cli/fit-preset'
import type { CliContext } from '../../../src/main/cli/command'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { planFit } from '../../../src/main/services/runs/plan'
import { batchAt } from '../../../src/main/engine/train/schedule'
import { makeSession } from '../runs/helpers/sessions'

// imported at 2 ms bins over 400 ms; the fit runs at 5 ms
const stored = [
  makeSession({ units: 30, trials: 60, nBins: 200 }, 1),
  makeSession({ units: 24, trials: 50, nBins: 200 }, 2)
]
const DT_MS = 5
/** datasets.show's summary of the stored sessions. */
const summaries = stored.map((s) => {
  const unitsPerArea: Record<string, number> = {}
  for (const u of s.units) unitsPerArea[u.area] = (unitsPerArea[u.area] ?? 0) + 1
  return { nUnits: s.units.length, nTrials: s.trials.length, window: s.binning, unitsPerArea }
})

/** The s/step figure of a line ("≈ 0.42 s/step"). */
const sPerStepIn = (line: string): string => /(\d+\.\d+) s\/step/.exec(line)?.[1] ?? 'none'

async function cliPresetLines(config: Record<string, unknown>): Promise<string[]> {
  const lines: string[] = []
  const ctx = {
    api: { 'datasets.show': async () => ({ sessions: summaries }) },
    json: false,
    out: { line: (l: string) => lines.push(l) }
  } as unknown as CliContext
  await applyFitPreset(ctx, 'd', config, { preset: 'standard' })
  return lines
}

describe('the expected time per step', () => {
  it('is the same in the UI’s preset line, the CLI’s preset line and the plan, at the fit’s time step', async () => {
    const threads = 3
    // the UI: the form's settings (time step from the data's ceilings, thread setting) on this machine's cores
    const ui = fitPresetsFor(summaries, resolveFitConfig({ model: { dtMs: DT_MS }, engine: { threads } }), 8).find(
      (p) => p.id === 'standard'
    )
    const uiLine = ui?.choices.find((c) => c.startsWith('time budget')) ?? ''
    // the CLI: the same settings from a --config file
    const raw: Record<string, unknown> = { model: { dtMs: DT_MS }, engine: { threads } }
    const cliLine = (await cliPresetLines(raw)).find((l) => l.includes('time budget')) ?? ''
    expect(sPerStepIn(uiLine)).not.toBe('none')
    expect(sPerStepIn(cliLine)).toBe(sPerStepIn(uiLine))
    expect(uiLine).toMatch(/80 bins/) // 400 ms at 5 ms, not the import's 200 bins of 2 ms

    // runs.plan with the preset's settings: "What this fit will use" and `rsnn fit --plan` print this figure
    const config: FitConfig = resolveFitConfig(raw)
    const prepared = prepareFitData(stored as SessionData[], config.optim.heldOutFraction, null, 'd', DT_MS)
    const plan = planFit(
      prepared,
      resolveFitConfig({ ...ui?.config, model: { ...ui?.config.model, dtMs: DT_MS }, engine: { threads } }),
      10,
      8
    )
    expect(plan.nBins).toBe(80)
    expect(stepSecondsText(plan.sPerStep ?? NaN)).toBe(`${sPerStepIn(uiLine)} s/step`)
    expect(planLines(plan).find((l) => l.startsWith('expected:'))).toContain(`${sPerStepIn(uiLine)} s/step`)
    expect(plan.sPerStepBasis).toMatch(/on 3 threads/)
  })

  it('scales with the batch and the bins, and divides by the threads the fit computes on', () => {
    const base = { neurons: 500, batch: 40, nBins: 80, threads: 1, evalEvery: 10 }
    const one = stepSeconds(base)
    expect(stepSeconds({ ...base, threads: 4 })).toBeCloseTo(one / 4, 15)
    expect(stepSeconds({ ...base, batch: 6 })).toBeCloseTo((one * 6) / 40, 15)
    expect(stepSeconds({ ...base, nBins: 200 })).toBeCloseTo((one * 200) / 80, 15)
    expect(stepSeconds({ ...base, neurons: 1000 })).toBeCloseTo(one * 4, 15)
    // 1.1e-10 · 40 · 80 · 500² on one thread, × (1 + 0.3/10) for the held-out evaluations
    expect(one).toBeCloseTo(1.1e-10 * 40 * 80 * 500 * 500 * 1.03, 15)
  })

  it('counts a batch ramp’s early steps at their own trials, as the trainer runs them (evaluations: full batches)', () => {
    const size = { neurons: 1000, batch: 160, nBins: 250, threads: 2, evalEvery: 10 }
    const ramp = { ...size, batchStart: 32, batchRampSteps: 80 }
    const optim = { ...size, batchSize: 160, batchStart: 32, batchRampSteps: 80 }
    const schedules = {
      ...optim,
      lrWarmupSteps: 0,
      lrDecaySteps: 0,
      lrFinalFraction: 0.1,
      trialStartStep: 0,
      trialRampSteps: 0
    }
    const evalS = (estimateStepSeconds(1000, 160, 250, 2) * 0.3) / 10
    for (const steps of [1, 40, 80, 200]) {
      // the trainer's batches step by step (whole trials), against the estimate's closed form
      let bySteps = 0
      for (let k = 0; k < steps; k++) bySteps += estimateStepSeconds(1000, batchAt(k, schedules), 250, 2) + evalS
      expect(fitSeconds(steps, ramp)).toBeCloseTo(bySteps, 0)
      expect(fitSeconds(steps, size)).toBeCloseTo(steps * stepSeconds(size), 9) // no ramp: every step the same
    }
    // 80 ramp steps run Σ (32 + 128·k/80) = 7,616 trials instead of 80 × 160 = 12,800; evaluations stay full-batch
    expect(fitSeconds(80, ramp) / fitSeconds(80, size)).toBeCloseTo((7616 / 12800 + 0.03) / 1.03, 9)
    for (const seconds of [10, 100, 300, 600, 3000]) {
      const k = stepsWithin(seconds, ramp)
      expect(fitSeconds(k, ramp)).toBeLessThanOrEqual(seconds + 1e-9)
      expect(fitSeconds(k + 1, ramp)).toBeGreaterThan(seconds)
      expect(stepsWithin(seconds, size)).toBe(Math.floor(seconds / stepSeconds(size)))
    }
    expect(stepsWithin(600, ramp)).toBeGreaterThan(stepsWithin(600, size))
  })
})

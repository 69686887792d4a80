// The resolved model before a fit (planFit): neurons per area as the engine resolves them and why, trial counts,
// the speed from an earlier run scaled by the work per step, the time budget, and small-data warnings.
import { describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { planLines } from '@shared/domain/fit-plan'
import { EVAL_COST_IN_STEPS, estimateStepSeconds } from '@shared/domain/fit-presets'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { planFit } from '../../../src/main/services/runs/plan'
import { buildLayout } from '../../../src/main/engine/model/layout'
import { makeSession } from './helpers/sessions'

const config = (neuronsPerArea: number, batchSize = 20, steps = 100) =>
  resolveFitConfig({ model: { neuronsPerArea }, optim: { batchSize, steps } })

describe('planFit', () => {
  const prepared = prepareFitData(
    [makeSession({ units: 30, trials: 60 }, 1), makeSession({ units: 24, trials: 60 }, 2)],
    0.2
  )

  it('resolves neurons per area exactly as the engine lays the network out, saying why', () => {
    const cfg = config(4)
    const plan = planFit(prepared, cfg, null, [])
    const layout = buildLayout(prepared.data, cfg.model)
    expect(plan.neuronsPerArea).toMatchObject({ requested: 4, used: layout.nPerArea })
    expect(plan.neuronsPerArea.used).toBeGreaterThan(4)
    expect(plan.neuronsPerArea.reason).toBe(layout.notes[0])
    expect(plan.changes[0]).toBe(layout.notes[0])
    expect(plan.totalNeurons).toBe(layout.n)
    expect(plan.areas.map((a) => a.modelE + a.modelI)).toEqual([layout.nPerArea, layout.nPerArea])
    // recorded units of both sessions together (unknown type counts as excitatory)
    expect(plan.areas.reduce((n, a) => n + a.recordedE + a.recordedI, 0)).toBe(54)
    const heldOut = prepared.split.reduce((n, s) => n + s.heldOut.length, 0)
    expect([plan.heldOutTrials, plan.trainTrials]).toEqual([heldOut, 120 - heldOut])
    expect(plan.warnings).toEqual([])
    // enough neurons asked: nothing changes
    const big = planFit(prepared, config(200), null, [])
    expect(big.neuronsPerArea).toEqual({ requested: 200, used: 200, reason: null })
    expect(big.changes).toEqual([])
  })

  it('scales an earlier run’s speed by the work per step, and lets the time budget end the fit first', () => {
    const cfg = config(200, 20, 1000)
    const prior = { name: 'earlier', config: config(200, 10, 50), sPerStep: 0.5 }
    const plan = planFit(prepared, cfg, null, [prior])
    expect(plan.sPerStep).toBeCloseTo(1.0, 10) // twice the trials per step, same network and bins
    expect(plan.sPerStepBasis).toMatch(/from run “earlier”/)
    expect(plan.expectedS).toBeCloseTo(1000, 8)
    expect(plan.stopsBy).toBe('steps')
    const budget = planFit(prepared, cfg, 2, [prior])
    expect(budget.expectedS).toBe(120)
    expect(budget.stopsBy).toBe('time-budget')
    expect(planLines(budget).join('\n')).toMatch(/time budget ends it first/)
    // no earlier run: the presets' cost model (one estimate in the app), said to be rough
    const one = resolveFitConfig({ ...cfg, engine: { ...cfg.engine, threads: 1 } })
    const rough = planFit(prepared, one, null, [])
    expect(rough.sPerStepBasis).toMatch(/^rough: the benchmark’s cost model on 1 thread/)
    const want =
      estimateStepSeconds(rough.totalNeurons, 20, prepared.data.nBins, 1) *
      (1 + EVAL_COST_IN_STEPS / one.optim.evalEvery)
    expect(rough.sPerStep).toBeCloseTo(want, 12)
  })

  it('warns before the start when the data are too small to say anything (one unit, few held-out trials)', () => {
    const tiny = prepareFitData([makeSession({ units: 1, trials: 12 }, 3)], 0.2)
    const plan = planFit(tiny, config(10), null, [])
    expect(plan.warnings.join('\n')).toMatch(/Only 1 recorded unit:/)
    expect(plan.warnings.join('\n')).toMatch(/Only \d held-out trials?:/)
    expect(planLines(plan).filter((l) => l.startsWith('warning:'))).toHaveLength(2)
  })
})

// The resolved model before a fit (planFit): neurons per area as the engine resolves them and why, trial counts,
// the app's one s/step estimate for the resolved settings, the time budget, and small-data warnings.
import { describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { planLines } from '@shared/domain/fit-plan'
import { stepSeconds } from '@shared/domain/step-time'
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
    const plan = planFit(prepared, cfg, null)
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
    const big = planFit(prepared, config(200), null)
    expect(big.neuronsPerArea).toEqual({ requested: 200, used: 200, reason: null })
    expect(big.changes).toEqual([])
  })

  it('expects the app’s one s/step for the resolved settings and threads, and lets the time budget end the fit first', () => {
    const cfg = resolveFitConfig({
      model: { neuronsPerArea: 200 },
      optim: { batchSize: 20, steps: 1000 },
      engine: { threads: 2 }
    })
    const plan = planFit(prepared, cfg, null, 16)
    const want = stepSeconds({
      neurons: 400,
      batch: 20,
      nBins: prepared.data.nBins,
      threads: 2,
      evalEvery: cfg.optim.evalEvery
    })
    expect(plan.sPerStep).toBeCloseTo(want, 15)
    expect(plan.sPerStepBasis).toMatch(/^rough: the cost per trial × bin × neuron² of measured fits, on 2 threads/)
    expect(plan.expectedS).toBeCloseTo(1000 * want, 10)
    expect(plan.stopsBy).toBe('steps')
    // threads 0 = one per core, as the engine worker resolves it
    const perCore = planFit(prepared, resolveFitConfig({ ...cfg, engine: { ...cfg.engine, threads: 0 } }), null, 16)
    expect(perCore.sPerStep).toBeCloseTo(want / 8, 15)
    const budget = planFit(prepared, cfg, (want * 10) / 60, 16)
    expect(budget.expectedS).toBeCloseTo(want * 10, 10)
    expect(budget.stopsBy).toBe('time-budget')
    expect(planLines(budget).join('\n')).toMatch(/time budget ends it first/)
  })

  it('warns before the start when the data are too small to say anything (one unit, few held-out trials)', () => {
    const tiny = prepareFitData([makeSession({ units: 1, trials: 12 }, 3)], 0.2)
    const plan = planFit(tiny, config(10), null)
    expect(plan.warnings.join('\n')).toMatch(/Only 1 recorded unit:/)
    expect(plan.warnings.join('\n')).toMatch(/Only \d held-out trials?:/)
    expect(planLines(plan).filter((l) => l.startsWith('warning:'))).toHaveLength(2)
  })
})

// The ceiling ladder: the same numbers as the held-out metrics' ceilings, and a suggestion that follows the time
// scale planted in the data.
import { describe, expect, it } from 'vitest'
import { resolveFitConfig } from '../../../src/shared/domain/model-config'
import { suggestTimescale } from '../../../src/shared/domain/timescale'
import { prepareLossTargets } from '../../../src/main/engine/losses'
import { evaluateMetrics } from '../../../src/main/engine/metrics'
import { ceilingLadder, identityNeuronMap } from '../../../src/main/engine/metrics/ceiling-ladder'
import { heldOutTrials } from '../../../src/main/engine/train/batcher'
import { plantedFitData } from './planted-timescale'

const cfg = resolveFitConfig({})
const tau = { tauExcMs: 30, tauInhMs: 10 }

function suggestedWidth(tauMs: number): number {
  const ladder = ceilingLadder(plantedFitData({ tauMs }), cfg.loss, 200).map((p) => ({
    filter_ms: p.filterMs,
    t_trial: p.tTrial,
    psth_r: p.psthR
  }))
  const s = suggestTimescale(ladder, tau)
  if (!s) throw new Error('no suggestion')
  return s.filterMs
}

describe('ceilingLadder', () => {
  it('equals the ceilings evaluateMetrics reports at the same smoothing (same code, same draws)', () => {
    const data = plantedFitData({ tauMs: 50, trials: 60 })
    const map = identityNeuronMap(data)
    const B = 40
    const targets = prepareLossTargets(data, map, { ...cfg.loss, filterMs: 12 })
    const m = evaluateMetrics(targets, {
      modelSpikes: new Uint8Array(B * data.nBins * map.session.length),
      modelJaw: null,
      modelStimulus: new Float32Array(B).fill(1),
      heldOut: heldOutTrials(data)
    })
    const [p] = ceilingLadder(data, cfg.loss, B, [12])
    expect(Number.isFinite(m.t_trial_pearson_ceiling)).toBe(true)
    expect(p!.tTrial).toBe(m.t_trial_pearson_ceiling)
    expect(p!.psthR).toBe(m.psth_pearson_ceiling)
  })

  it('rises with smoothing on slow structure and falls past a fast one', () => {
    const slow = ceilingLadder(plantedFitData({ tauMs: 200 }), cfg.loss, 200)
    expect(slow[0]!.psthR).toBeLessThan(0.6)
    expect(slow.find((p) => p.filterMs === 100)!.psthR).toBeGreaterThan(0.85)
    const fast = ceilingLadder(plantedFitData({ tauMs: 10 }), cfg.loss, 200)
    // a box of 50 ms or more averages a 40 ms period away
    expect(fast.find((p) => p.filterMs === 10)!.psthR).toBeGreaterThan(fast.find((p) => p.filterMs === 50)!.psthR + 0.2)
  })

  it('the suggested smoothing follows the planted time scale (τ/4 … τ)', () => {
    const fast = suggestedWidth(10)
    const mid = suggestedWidth(50)
    const slow = suggestedWidth(200)
    expect(fast).toBeGreaterThanOrEqual(5)
    expect(fast).toBeLessThanOrEqual(10)
    expect(mid).toBeGreaterThanOrEqual(10)
    expect(mid).toBeLessThanOrEqual(50)
    expect(slow).toBeGreaterThanOrEqual(50)
    expect(slow).toBeLessThanOrEqual(200)
  })
})

// dt as a real setting: the bundled example re-binned at 1, 2 and 5 ms keeps its spikes, its alignment and its
// behaviour; the model's decay factors, delays and filters follow dt; fits at each dt reach the same behaviour.
import { describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { createTrainer, type FitData } from '../../../src/main/engine'
import { lossFilters } from '../../../src/main/engine/losses/index'
import { buildDims } from '../../../src/main/engine/model/params'
import { buildLayout } from '../../../src/main/engine/model/layout'
import { generateExample } from '../../../src/main/io/example/generate'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { mean, recoveryConfig } from '../fit-recovery/recovery'

const ex = generateExample({
  seed: 4,
  sessions: 1,
  unitsPerSession: 40,
  trialsPerSession: 100,
  binning: { dt: 0.001, start: -0.05, stop: 0.15 },
  pHit: 0.8
})
const at = (dtMs: number): FitData => prepareFitData(ex.sessions, 0.2, null, 'example', dtMs).data
const DTS = [1, 2, 5]

describe('the data at 1, 2 and 5 ms', () => {
  const base = at(1)
  it('keeps every spike of every trial and unit, the alignment and the held-out split', () => {
    for (const dtMs of DTS) {
      const d = at(dtMs)
      expect(d.dt * 1000).toBeCloseTo(dtMs, 9)
      expect(d.nBins * dtMs).toBeCloseTo(200, 9)
      expect(d.stimBin * dtMs).toBeCloseTo(50, 9)
      const s = d.sessions[0]!
      const b = base.sessions[0]!
      expect(s.heldOut).toEqual(b.heldOut)
      const U = s.unitArea.length
      for (let k = 0; k < s.outcome.length; k += 7) {
        for (let u = 0; u < U; u++) {
          let n = 0
          let n0 = 0
          for (let t = 0; t < d.nBins; t++) n += s.spikes[(k * d.nBins + t) * U + u]
          for (let t = 0; t < base.nBins; t++) n0 += b.spikes[(k * base.nBins + t) * U + u]
          expect(n).toBe(n0)
        }
      }
    }
  })

  it('re-samples the jaw: the 5 ms trace is the 1 ms one at its bin centres', () => {
    const fine = base.sessions[0]!.jaw!
    const coarse = at(5).sessions[0]!.jaw!
    // bin j of 5 ms is centred on 1 ms bin 5j + 2; normalisation is per trace and nearly the same
    let err = 0
    for (let j = 0; j < 40; j++) err = Math.max(err, Math.abs(coarse[j]! - fine[5 * j + 2]!))
    expect(err).toBeLessThan(0.05)
  })
})

describe('the model at 1, 2 and 5 ms', () => {
  it('decays, delays, refractoriness and filters follow dt', () => {
    const cfg = resolveFitConfig({})
    const d1 = at(1)
    const layout = buildLayout(d1, cfg.model)
    const one = buildDims(cfg.model, layout, 0.001, d1.nBins, d1.stimBin)
    for (const dtMs of DTS) {
      const d = at(dtMs)
      const { dims, dyn } = buildDims(cfg.model, layout, d.dt, d.nBins, d.stimBin)
      for (let i = 0; i < layout.n; i += 37) expect(dyn.alpha[i]).toBeCloseTo(one.dyn.alpha[i]! ** dtMs, 12)
      expect(dims.delays.map((s) => Math.max(s * dtMs, dtMs))).toEqual(
        cfg.model.delaysMs.map((ms) => Math.max(dtMs, Math.round(ms / dtMs) * dtMs))
      )
      expect(dyn.stimStart * dtMs).toBeCloseTo(50 + Math.round(cfg.model.thalamicDelayMs / dtMs) * dtMs, 9)
      expect(dyn.p0).toBeCloseTo(cfg.model.inputRateHz * d.dt, 12)
      const { filter1 } = lossFilters(d.nBins, d.dt, 20, 2)
      expect(filter1.len[5]! * dtMs).toBe(20) // a 20 ms box at any of these dt
    }
  })

  it('fits to the same behaviour at 1, 2 and 5 ms (held-out PSTH r and T′trial, firing rate)', async () => {
    const out: { dtMs: number; psth: number; psthCeil: number; tt: number; ttCeil: number; hz: number }[] = []
    for (const dtMs of DTS) {
      const d = at(dtMs)
      for (const s of d.sessions) s.jaw = null
      // 20 ms smoothing keeps ≥ 4 bins per width at 5 ms; coarser steps learn less per step, so they take more
      const cfg = recoveryConfig({ loss: { filterMs: 20 }, optim: { batchSize: 60, evalEvery: 10_000 } })
      const trainer = await createTrainer(d, cfg)
      try {
        for (let s = 0; s < (dtMs === 5 ? 400 : 120); s++) await trainer.runStep()
        const m = await trainer.evaluate()
        const sim = await trainer.simulate(new Float32Array(60).fill(d.sessions[0]!.stimulus[0]!), 7)
        out.push({
          dtMs,
          psth: m.psth_pearson,
          psthCeil: m.psth_pearson_ceiling,
          tt: m.t_trial_pearson,
          ttCeil: m.t_trial_pearson_ceiling,
          hz: mean(sim.spikes) / d.dt
        })
      } finally {
        await trainer.dispose()
      }
    }
    const [a, b, c] = out
    for (const o of out) {
      expect(o.psth).toBeGreaterThan(0.6 * o.psthCeil)
      expect(o.tt).toBeGreaterThan(0.6 * o.ttCeil)
    }
    for (const o of [a!, c!]) {
      expect(Math.abs(o.psth - b!.psth)).toBeLessThan(0.15)
      expect(Math.abs(o.tt - b!.tt)).toBeLessThan(0.15)
      expect(o.hz / b!.hz).toBeGreaterThan(0.75)
      expect(o.hz / b!.hz).toBeLessThan(1.33)
    }
  }, 300_000)
})

// A run fitted at 5 ms on data imported at 2 ms stays at 5 ms everywhere after the fit: loading, held-out
// evaluation, the comparison views, perturbation experiments, the model file (export → import-model) and the
// generated trials' NWB file (validated, and read back at 5 ms to the very spikes that were simulated).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { experimentRequestSchema } from '@shared/domain/perturbation-experiment'
import { createTrainer } from '../../../src/main/engine'
import * as io from '../../../src/main/io/index'
import { readModelFile } from '../../../src/main/model-files/model-h5'
import type { Container } from '../../../src/main/services/container'
import { ComparisonsService } from '../../../src/main/services/comparisons/domain'
import { ExportsService } from '../../../src/main/services/exports/domain'
import { perturbationsServiceOf } from '../../../src/main/services/perturbations/domain'
import { fittedRun, storeWithExample, tinyConfig } from '../export/fitted-run'
import { nwbValidatorMissing, validateNwb } from '../../helpers/nwb-validator'

const DT = 0.005
// the example's window, −0.1 … 0.4 s: 100 bins of 5 ms (250 of the import's 2 ms), stimulus at bin 20
const N_BINS = 100
const STIM_BIN = 20
const dir = mkdtempSync(join(tmpdir(), 'rsnn-dt5-it-'))
const config = resolveFitConfig({ ...tinyConfig, model: { ...tinyConfig.model, dtMs: 5 } })
let c: Container
let datasetId: string
let runId: string

beforeAll(async () => {
  ;({ c, datasetId } = await storeWithExample(dir))
  runId = await fittedRun(c, datasetId, 2, config)
})
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Spacing of a time axis: every step equal to `dt` (within float rounding). */
function expectSpacing(timeS: ArrayLike<number>, dt: number): void {
  for (let i = 1; i < timeS.length; i++) expect(timeS[i]! - timeS[i - 1]!).toBeCloseTo(dt, 6)
}

async function simulate(
  id: string,
  stimulus: Float32Array,
  seed: number
): Promise<{ spikes: Uint8Array; nBins: number }> {
  const run = await c.runLoader.load(id, 'best')
  const t = await createTrainer(run.data, run.config, run.state)
  try {
    const sim = await t.simulate(stimulus, seed)
    return { spikes: sim.spikes, nBins: sim.nBins }
  } finally {
    await t.dispose()
  }
}

describe('a run fitted at 5 ms on data imported at 2 ms', () => {
  it('loads, simulates and evaluates at 5 ms, to the numbers the fit stored', async () => {
    expect(c.datasets.repo.sessions(datasetId)[0]!.window.dt).toBe(0.002)
    const run = await c.runLoader.load(runId, 'best')
    expect(run.config.model.dtMs).toBe(5)
    expect(run.data.dt).toBeCloseTo(DT, 12)
    expect(run.data.nBins).toBe(N_BINS)
    expect(run.data.stimBin).toBe(STIM_BIN)
    const sim = await simulate(runId, new Float32Array([0, 1]), 3)
    expect(sim.nBins).toBe(N_BINS)
    const { metrics } = await c.handlers['runs.evaluate']!({ id: runId, checkpoint: 'best', recompute: true })
    const stored = c.runStore.runs.get(runId).summary.metrics!
    expect(metrics.t_trial_pearson).toBe(stored.t_trial_pearson)
    expect(metrics.psth_pearson).toBe(stored.psth_pearson)
    expect(metrics.psth_pearson_ceiling).toBe(stored.psth_pearson_ceiling)
  })

  it('compares at 5 ms: behaviour per 5 ms bin, variability on the smoothing filter of 5 ms bins', async () => {
    const svc = new ComparisonsService(c.runLoader)
    const req = { runId, checkpoint: 'best' as const, generatedPerTrial: 2, seed: 1 }
    const b = await svc.behaviour(req)
    expect(b.timeS.length).toBe(N_BINS)
    expectSpacing(b.timeS, DT)
    expect(b.timeS[0]).toBeCloseTo(-0.1 + DT / 2, 6)
    const v = await svc.variability(req)
    expect(v.perArea[0]!.generated.length).toBe(2 * v.trials.recorded.session.length * v.timeS.length)
    // filter1 of a 12 ms smoothing at 5 ms: boxes of 2 bins, stride 1 bin (spec §3.1)
    expectSpacing(v.timeS, DT)
  })

  it('perturbs at 5 ms: the time axis has 5 ms bins and a zero-strength light changes nothing', async () => {
    const svc = perturbationsServiceOf(c.domains)
    const setup = await svc.setup(runId)
    expect(setup.trialStartS).toBeCloseTo(-0.1, 9)
    expect(setup.trialEndS).toBeCloseTo(0.4, 9)
    const { result } = await svc.run(
      experimentRequestSchema.parse({
        runId,
        threads: 1,
        nTrials: 8,
        seeds: 1,
        conditions: [
          { label: 'zero', perturbations: [{ areas: ['area1'], window: [0, 0.2], strength: 0, population: 'all' }] }
        ]
      })
    )
    expect(result.timeS.length).toBe(N_BINS)
    expectSpacing(result.timeS, DT)
    expect(result.conditions[0]!.perturbed.series).toEqual(result.control.series)
  })

  it('exports a model file at 5 ms that imports back as a 5 ms run with the same simulation', async () => {
    const exports = new ExportsService(c)
    const out = await exports.exportModel({ runId, path: join(dir, 'model.h5'), checkpoint: 'best', force: false })
    expect((await readModelFile(out.path)).config.model.dtMs).toBe(5)
    const imported = await exports.importModel({ path: out.path })
    const run = await c.runLoader.load(imported.runId, 'best')
    expect(run.data.dt).toBeCloseTo(DT, 12)
    const stim = Float32Array.from({ length: 6 }, (_, i) => i % 2)
    const before = await simulate(runId, stim, 42)
    const after = await simulate(imported.runId, stim, 42)
    expect(after.nBins).toBe(N_BINS)
    expect(Buffer.from(after.spikes).equals(Buffer.from(before.spikes))).toBe(true)
  })

  it('writes generated trials as valid NWB at 5 ms: 0.5 s trials whose spikes re-bin at 5 ms to the simulation', async () => {
    const exports = new ExportsService(c)
    const res = await exports.exportTrials({
      runId,
      path: join(dir, 'gen.nwb'),
      checkpoint: 'best',
      nPerCondition: 3,
      seed: 9,
      force: false
    })
    if (!nwbValidatorMissing) {
      const v = validateNwb(res.path)
      expect(v.ok, v.report).toBe(true)
    }
    const guess = await io.inspectRecording(res.path)
    const [s] = await io.readRecording(res.path, { ...guess.guess, binning: { dt: DT, start: -0.1, stop: 0.4 } })
    expect(s!.nBins).toBe(N_BINS)
    expect(s!.trials.length).toBe(res.nTrials)
    const sim = await (async () => {
      const run = await c.runLoader.load(runId, 'best')
      const t = await createTrainer(run.data, run.config, run.state)
      try {
        return await t.simulate(Float32Array.from(s!.trials.map((x) => x.stimulus)), 9)
      } finally {
        await t.dispose()
      }
    })()
    const active = Array.from({ length: sim.nNeurons }, (_, n) => n).filter((n) => {
      for (let i = n; i < sim.spikes.length; i += sim.nNeurons) if (sim.spikes[i]) return true
      return false
    })
    const U = active.length
    expect(s!.units.length).toBe(U)
    const expected = new Uint8Array(sim.nTrials * sim.nBins * U)
    for (let r = 0; r < sim.nTrials * sim.nBins; r++)
      active.forEach((n, u) => (expected[r * U + u] = sim.spikes[r * sim.nNeurons + n]!))
    expect(Buffer.from(s!.spikes).equals(Buffer.from(expected))).toBe(true)
    const jaw = s!.behaviour['jaw']!
    expect(jaw.length).toBe(res.nTrials * N_BINS)
    expect(Math.max(...Array.from(jaw, (x, i) => Math.abs(x - sim.jaw[i]!)))).toBeLessThan(1e-6)
  })
})

// Export → load back with the real engine, store and importer: model file → new run → bit-identical
// simulation; generated NWB re-imported by the app's own reader; comparison views of the run.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTrainer } from '../../../src/main/engine'
import * as io from '../../../src/main/io/index'
import { decode, encode } from '@shared/contract/codec'
import { createDispatch } from '../../../src/main/rpc/dispatch'
import { createContainer, type Container } from '../../../src/main/services/container'
import { readModelFile } from '../../../src/main/model-files/model-h5'
import { ComparisonsService } from '../../../src/main/services/comparisons/domain'
import { ExportsService } from '../../../src/main/services/exports/domain'
import { fittedRun, storeWithExample } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-export-it-'))
let c: Container
let datasetId: string
let runId: string
let exportsService: ExportsService

beforeAll(async () => {
  ;({ c, datasetId } = await storeWithExample(dir))
  runId = await fittedRun(c, datasetId)
  exportsService = new ExportsService(c)
})
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

async function spikesOf(id: string, seed: number): Promise<Uint8Array> {
  const run = await c.runLoader.load(id, 'best')
  const t = await createTrainer(run.data, run.config, run.state)
  try {
    const stim = Float32Array.from({ length: 6 }, (_, i) => i % 2)
    return (await t.simulate(stim, seed)).spikes
  } finally {
    await t.dispose()
  }
}

describe('model export → import → simulate', () => {
  it('recreates a run whose simulation with the same seed is bit-identical', async () => {
    const out = await exportsService.exportModel({
      runId,
      path: join(dir, 'model.h5'),
      checkpoint: 'best',
      force: false
    })
    expect(out.parameters).toEqual(
      expect.arrayContaining([
        'w_rec_d0',
        'w_rec_d1',
        'w_in',
        'v_rest',
        'noise_scale',
        'latent',
        'w_jaw',
        'tau_mem',
        'threshold',
        'mask_rec_d0'
      ])
    )
    const file = await readModelFile(out.path)
    for (const g of ['d0', 'd1']) {
      const w = file.params.arrays[`w_rec_${g}`]!.data
      const mask = file.params.arrays[`mask_rec_${g}`]!.data
      expect(mask.some((m) => m === 0)).toBe(true)
      // The structural mask written from the configuration agrees with the engine: no weight where it is 0.
      for (let i = 0; i < w.length; i++) if (mask[i] === 0) expect(w[i]).toBe(0)
    }
    const imported = await exportsService.importModel({ path: out.path })
    expect(imported.datasetId).toBe(datasetId)
    expect(imported.runId).not.toBe(runId)
    expect(imported.step).toBe(out.checkpointStep)
    const before = await spikesOf(runId, 42)
    const after = await spikesOf(imported.runId, 42)
    expect(before.reduce((s, v) => s + v, 0)).toBeGreaterThan(0)
    expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true)
    const summary = c.runStore.runs.get(imported.runId).summary
    expect(summary.status).toBe('completed')
    expect(summary.metrics?.t_trial_pearson).toBe(c.runStore.runs.get(runId).summary.metrics?.t_trial_pearson)
  })

  it('refuses a model whose dataset is not in the store, naming what to import', async () => {
    const out = await exportsService.exportModel({
      runId,
      path: join(dir, 'model2.h5'),
      checkpoint: 'last',
      force: false
    })
    const empty = await createContainer({ dataDir: join(dir, 'empty-store'), mode: 'cli', io, appRoot: dir })
    try {
      const err = await new ExportsService(empty).importModel({ path: out.path }).catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'NOT_FOUND' })
      expect((err as Error).message).toContain('import those recordings first')
      expect((err as Error).message).toContain('pseudo-session')
    } finally {
      await empty.close()
    }
  })
})

describe('generated trials → NWB → the app importer', () => {
  it('re-imports with the expected units, trials, outcomes and jaw', async () => {
    const res = await exportsService.exportTrials({
      runId,
      path: join(dir, 'gen.nwb'),
      checkpoint: 'best',
      nPerCondition: 5,
      seed: 9,
      force: false
    })
    const guess = await io.inspectRecording(res.path)
    expect(guess.format).toBe('nwb')
    const [s] = await io.readRecording(res.path, { ...guess.guess, binning: { dt: 0.002, start: -0.1, stop: 0.4 } })
    const run = await c.runLoader.load(runId, 'best')
    const t = await createTrainer(run.data, run.config, run.state)
    const sim = await t.simulate(Float32Array.from(s!.trials.map((x) => x.stimulus)), 9)
    await t.dispose()
    expect(s!.trials.length).toBe(res.nTrials)
    expect(res.nTrials).toBe(5 * Object.keys(res.perCondition).length)
    expect(res.nUnits).toBe(sim.nNeurons)
    for (const x of s!.trials) expect(['Hit', 'Miss', 'CR', 'FA']).toContain(x.outcome)
    expect(s!.behaviour['jaw']).toBeDefined()
    // The importer drops units that never spiked; every other model neuron comes back with its area, type and
    // exactly the generated spike counts (re-binned from the written spike times).
    const active = Array.from({ length: sim.nNeurons }, (_, n) => n).filter((n) => {
      for (let i = n; i < sim.spikes.length; i += sim.nNeurons) if (sim.spikes[i]) return true
      return false
    })
    expect(s!.units.length).toBe(active.length)
    expect(s!.units.map((u) => u.area)).toEqual(active.map((n) => run.params.areas[run.params.neuronArea[n]!]))
    expect(s!.units.map((u) => u.type)).toEqual(active.map((n) => (run.params.neuronInhibitory[n] ? 'I' : 'E')))
    const U = active.length
    const expected = new Uint8Array(sim.nTrials * sim.nBins * U)
    for (let r = 0; r < sim.nTrials * sim.nBins; r++)
      active.forEach((n, u) => (expected[r * U + u] = sim.spikes[r * sim.nNeurons + n]!))
    expect(Buffer.from(s!.spikes).equals(Buffer.from(expected))).toBe(true)
    const jaw = s!.behaviour['jaw']!
    expect(Math.max(...Array.from(jaw, (v, i) => Math.abs(v - sim.jaw[i]!)))).toBeLessThan(1e-6)
  })
})

describe('comparison views of a run', () => {
  it('serves variability, behaviour, connectivity and run curves, cached per checkpoint', async () => {
    const svc = new ComparisonsService(c.runLoader)
    const req = { runId, checkpoint: 'best' as const, generatedPerTrial: 2, seed: 1 }
    const v = await svc.variability(req)
    const nRec = v.trials.recorded.session.length
    expect(nRec).toBeGreaterThan(0)
    expect(v.trials.generated.outcome.length).toBe(2 * nRec)
    // Pairs exist for the sessions the trial-matching loss uses (areas with enough mapped neurons), one per row.
    const nPairs = v.pairs.length / 2
    expect(nPairs).toBeGreaterThan(0)
    expect(nPairs).toBeLessThanOrEqual(nRec)
    const recRows = Array.from({ length: nPairs }, (_, i) => v.pairs[2 * i]!)
    expect(new Set(recRows).size).toBe(nPairs)
    for (let i = 0; i < nPairs; i++)
      expect(v.trials.generated.stimulus[v.pairs[2 * i + 1]!]).toBe(v.trials.recorded.stimulus[v.pairs[2 * i]!])
    expect(v.perArea.map((a) => a.area)).toEqual(v.areas)
    expect(v.perArea[0]!.generated.length).toBe(2 * nRec * v.timeS.length)
    expect(Number.isFinite(v.tTrial.value)).toBe(true)
    // the neural-only T'trial (no jaw block) from the same stored evaluation, with its own ceiling
    expect(Number.isFinite(v.tTrial.neural?.value)).toBe(true)
    expect(v.tTrial.neural?.ceiling).toBeGreaterThan(0)
    expect(await svc.variability(req)).toBe(v)
    const b = await svc.behaviour(req)
    expect(b.hasBehaviour).toBe(true)
    expect(b.trialTypeMix.nGenerated).toBe(2 * nRec)
    const conn = await svc.connectivity({ runId, checkpoint: 'best' })
    expect(conn.meanExc.length).toBe(conn.areas.length ** 2)
    const runs = svc.runs({ runIds: [runId] })
    expect(Array.from(runs.runs[0]!.steps)).toEqual([1, 2])
    expect(Number.isFinite(runs.runs[0]!.evalMetrics['t_trial_neural_pearson']![0])).toBe(true)
    expect(Number.isFinite(runs.runs[0]!.latest['t_trial_neural_pearson_ceiling'])).toBe(true)
  })
})

describe('over the RPC dispatch and the wire codec', () => {
  it('validates every comparisons.* and exports.* payload against its schema and keeps typed arrays', async () => {
    const dispatch = createDispatch(c.handlers, { validateOutput: true })
    for (const method of ['comparisons.variability', 'comparisons.behaviour', 'comparisons.connectivity']) {
      const reply = await dispatch(method, { runId })
      expect(reply.ok, JSON.stringify(reply)).toBe(true)
      const wire = decode(encode(reply)) as { value: Record<string, unknown> }
      expect(wire.value['timeS'] ?? wire.value['meanExc']).toBeInstanceOf(Float32Array)
    }
    const runs = await dispatch('comparisons.runs', { runIds: [runId] })
    expect(runs.ok).toBe(true)
    const bad = await dispatch('exports.model', { runId, path: join(dir, 'no', 'm.h5') })
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const missing = await dispatch('comparisons.variability', { runId: 'run-nope' })
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

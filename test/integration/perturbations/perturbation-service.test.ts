// Perturbation experiments end to end on a real store and engine: invariants of the stored results (zero
// strength and out-of-trial windows give exactly the control; common random numbers make the paired Δ exactly 0),
// the grid, progress/cancel, listing, the CLI's option errors and output through the API, and the light-sensitive subset surviving
// checkpoint → model export → import-model.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PushEvent } from '@shared/contract/events'
import { experimentRequestSchema, type ExperimentRequestInput } from '@shared/domain/perturbation-experiment'
import { createTrainer } from '../../../src/main/engine'
import { readModelFile } from '../../../src/main/model-files/model-h5'
import { Output } from '../../../src/main/cli/output'
import { requestFromArgs } from '../../../src/main/cli/perturb'
import { perturbResultLine } from '../../../src/main/cli/perturb-result'
import { runCli } from '../../../src/main/cli/run-cli'
import * as io from '../../../src/main/io/index'
import type { Container } from '../../../src/main/services/container'
import { ExportsService } from '../../../src/main/services/exports/domain'
import { perturbationsServiceOf } from '../../../src/main/services/perturbations/domain'
import type { PerturbationsService } from '../../../src/main/services/perturbations/service'
import { fittedRun, storeWithExample } from '../export/fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-perturb-it-'))
let c: Container
let runId: string
let svc: PerturbationsService

beforeAll(async () => {
  const s = await storeWithExample(dir)
  c = s.c
  runId = await fittedRun(c, s.datasetId)
  svc = perturbationsServiceOf(c.domains)
})
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

const req = (r: Omit<ExperimentRequestInput, 'runId'>) => experimentRequestSchema.parse({ runId, threads: 1, ...r })

describe('perturbation experiment service', () => {
  it('zero strength and a window outside the trial reproduce the control exactly; a real light changes it', async () => {
    const { id, result } = await svc.run(
      req({
        nTrials: 24,
        seeds: 2,
        conditions: [
          {
            label: 'zero',
            perturbations: [{ areas: ['area1', 'area2'], window: [-0.1, 0.4], strength: 0, population: 'all' }]
          },
          { label: 'outside', perturbations: [{ areas: ['area2'], window: [1, 2] }] },
          {
            label: 'area2 all',
            perturbations: [{ areas: ['area2'], window: [0, 0.4], population: 'all', waveform: 'const', strength: 5 }]
          }
        ]
      })
    )
    const [zero, outside, lit] = result.conditions
    for (const cond of [zero!, outside!]) {
      expect(cond.deltaHitRate).toBe(0)
      expect(cond.deltaHitRateCi95).toEqual([0, 0])
      expect(cond.perturbed.series).toEqual(result.control.series)
      expect(cond.perturbed.mix).toEqual(result.control.mix)
      expect(cond.perturbed.jawMean).toBe(result.control.jawMean)
      expect(Object.values(cond.deltaAreaRateHz).every((v) => v === 0)).toBe(true)
    }
    expect(zero!.nLitNeurons).toBe(0)
    expect(lit!.nLitNeurons).toBeGreaterThan(0)
    expect(lit!.perturbed.series).not.toEqual(result.control.series)
    expect(lit!.deltaAreaRateHz['area2']).not.toBe(0)
    expect(result.control.nTrials).toBe(48)
    expect(result.control.hitRateBySeed).toHaveLength(2)
    expect(result.timeS).toHaveLength(250)
    // stored with the run and listed, with the checkpoint it ran on as asked
    expect(svc.list(runId).map((e) => [e.id, e.status, e.checkpoint])).toContainEqual([id, 'completed', 'best'])
    expect(svc.get(id).result).toEqual(JSON.parse(JSON.stringify(result)))
  })

  it('runs the grid in the background with progress events, and cancels', async () => {
    const events: PushEvent[] = []
    const off = c.events.subscribe((e) => events.push(e))
    try {
      const started = await svc.start(req({ nTrials: 12, seeds: 1, grid: {} }))
      expect(started.status).toBe('running')
      expect(started.nConditions).toBe(8)
      await waitFor(() => events.some((e) => e.name === 'perturb.ended'))
      const ended = events.find((e) => e.name === 'perturb.ended')!.payload as { status: string }
      expect(ended.status).toBe('completed')
      const fractions = events
        .filter((e) => e.name === 'perturb.progress')
        .map((e) => (e.payload as { fraction: number }).fraction)
      expect(fractions.length).toBeGreaterThanOrEqual(9)
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
      const r = svc.get(started.id).result!
      expect(r.grid!.windows.map((w) => w.name)).toEqual(['baseline', 'stimulus', 'delay', 'response'])
      expect(r.conditions.map((x) => x.label)[7]).toBe('area2 response')

      events.length = 0
      const big = await svc.start(req({ nTrials: 200, seeds: 20, grid: {} }))
      expect(svc.cancel(big.id)).toEqual({ cancelled: true })
      await waitFor(() => events.some((e) => e.name === 'perturb.ended'))
      expect(svc.get(big.id).summary.status).toBe('cancelled')
      // the end event says why, with the code a client (the CLI) reports
      expect(events.find((e) => e.name === 'perturb.ended')!.payload).toMatchObject({
        status: 'cancelled',
        error: { code: 'CANCELLED', field: 'id' }
      })
      expect(svc.cancel(big.id)).toEqual({ cancelled: false })
    } finally {
      off()
    }
  })

  it('refuses an unknown area naming the field, before storing anything', async () => {
    const before = svc.list(runId).length
    await expect(
      svc.run(req({ conditions: [{ perturbations: [{ areas: ['V1'], window: [0, 0.1] }] }] }))
    ).rejects.toMatchObject({ code: 'BAD_VALUE', field: 'conditions[0].perturbations.areas' })
    expect(svc.list(runId).length).toBe(before)
  })
})

describe('rsnn perturb options', () => {
  it('builds the request, and names the option that is wrong', () => {
    const r = requestFromArgs('R', {
      area: 'area1,area2',
      window: '0,0.2',
      strength: '10',
      population: 'exc',
      'n-trials': '50'
    })
    expect(r.conditions![0]!.perturbations[0]).toMatchObject({
      areas: ['area1', 'area2'],
      window: [0, 0.2],
      strength: 10,
      population: 'exc'
    })
    expect(requestFromArgs('R', { grid: true, windows: 'early=-0.1,0;late=0.2,0.4' }).grid!.windows).toEqual([
      { name: 'early', window: [-0.1, 0] },
      { name: 'late', window: [0.2, 0.4] }
    ])
    expect(() => requestFromArgs('R', { window: '0,1' })).toThrow(expect.objectContaining({ field: '--area' }))
    expect(() => requestFromArgs('R', { area: 'a' })).toThrow(expect.objectContaining({ field: '--window' }))
    expect(() => requestFromArgs('R', { area: 'a', window: '0.2,0.1' })).toThrow(
      expect.objectContaining({ field: '--window' })
    )
    expect(() => requestFromArgs('R', { area: 'a', window: '0,0.1', population: 'pv' })).toThrow(
      expect.objectContaining({ field: '--population' })
    )
    expect(() => requestFromArgs('R', { area: 'a', window: '0,0.1', strength: 'x' })).toThrow(
      expect.objectContaining({ field: '--strength' })
    )
  })
})

describe('rsnn perturb and rsnn experiments on a real store (through the API)', () => {
  const capture = () => {
    const out: string[] = []
    const err: string[] = []
    const o = new Output({ write: (s: string) => out.push(s) }, { write: (s: string) => err.push(s) })
    return { o, out, err }
  }
  const store = (): string[] => ['--store', join(dir, 'store')]

  it('prints the stored result (--json line and table), progress on stderr, and lists the experiment', async () => {
    const light = ['--area', 'area2', '--window', '0,0.4', '--n-trials', '12', '--seeds', '2', '--threads', '1']
    const j = capture()
    expect(await runCli(['perturb', runId, ...light, ...store(), '--json'], io, j.o)).toBe(0)
    const line = JSON.parse(j.out.join('')) as { experiment: string }
    expect(line).toEqual(
      JSON.parse(JSON.stringify(perturbResultLine(line.experiment, svc.get(line.experiment).result!)))
    )
    expect(j.err.join('')).toMatch(/seed 2\/2: area2 \[0, 0\.4\) s: 75%\n/)
    const t = capture()
    expect(await runCli(['perturb', runId, ...light, ...store()], io, t.o)).toBe(0)
    const text = t.out.join('')
    expect(text).toMatch(new RegExp(`^experiment \\S+ on run ${runId} \\(checkpoint step 2\\), \\d+\\.\\d s\\n`))
    expect(text).toMatch(/control: Hit rate \d+\.\d% \[/)
    const last = capture()
    expect(await runCli(['perturb', runId, ...light, '--checkpoint', 'last', ...store(), '--json'], io, last.o)).toBe(0)
    const lastId = (JSON.parse(last.out.join('')) as { experiment: string }).experiment
    expect(svc.get(lastId).summary.checkpoint).toBe('last')
    const list = capture()
    expect(await runCli(['experiments', runId, ...store()], io, list.o)).toBe(0)
    expect(list.out.join('')).toContain(`${line.experiment}  completed`)
  })

  it('an error from the service keeps its code and field: exit 1, the --json error names them', async () => {
    const r = capture()
    const code = await runCli(['perturb', runId, '--area', 'V1', '--window', '0,0.1', ...store(), '--json'], io, r.o)
    expect(code).toBe(1)
    expect(JSON.parse(r.out.join(''))).toMatchObject({
      error: { code: 'BAD_VALUE', field: 'conditions[0].perturbations.areas' }
    })
    const none = capture()
    expect(await runCli(['experiments', 'nope', ...store(), '--json'], io, none.o)).toBe(1)
    expect(JSON.parse(none.out.join(''))).toMatchObject({ error: { code: 'NOT_FOUND' } })
  })
})

describe('the light-sensitive subset is part of the model', () => {
  it('survives checkpoint → model export → import-model unchanged', async () => {
    const exportsService = new ExportsService(c)
    const run = await c.runLoader.load(runId, 'best')
    const rank = run.params.lightRank!
    expect(rank).toBeInstanceOf(Int32Array)
    const out = await exportsService.exportModel({
      runId,
      path: join(dir, 'model.h5'),
      checkpoint: 'best',
      force: false
    })
    const file = await readModelFile(out.path)
    expect(Array.from(file.params.lightRank!)).toEqual(Array.from(rank))
    const imported = await exportsService.importModel({ path: out.path })
    const back = await c.runLoader.load(imported.runId, 'best')
    expect(Array.from(back.params.lightRank!)).toEqual(Array.from(rank))
    const t = await createTrainer(back.data, back.config, back.state)
    try {
      expect(Array.from(t.exportParams().lightRank!)).toEqual(Array.from(rank))
    } finally {
      await t.dispose()
    }
  })
})

async function waitFor(cond: () => boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now()
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

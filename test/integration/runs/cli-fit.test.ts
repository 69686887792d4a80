// The fit CLI on the bundled example (tiny config, seconds): fit --json, runs, eval (stored = recomputed),
// kill -9 mid-fit then resume = the uninterrupted fit, and two fits writing one store at once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureBuilt, importExample, lastJson, startCli, until, withStore, writeTinyConfig } from './cli-helpers'

interface FitResult {
  name: string
  run: string
  steps: number
  seconds: number
  status: string
  metrics: Record<string, unknown>
}

let store: string
let dataset: string
let config: string

beforeAll(async () => {
  ensureBuilt()
  store = mkdtempSync(join(tmpdir(), 'rsnn-cli-fit-'))
  dataset = await importExample(store)
  config = writeTinyConfig(store)
})
afterAll(() => rmSync(store, { recursive: true, force: true }))

const curves = (runId: string) =>
  withStore(store, (db) =>
    db.prepare('SELECT step, total, psth, trial, reg FROM run_steps WHERE run_id = ? ORDER BY step').all(runId)
  )
const evaluations = (runId: string) =>
  withStore(store, (db) =>
    db.prepare('SELECT step, metrics_json FROM run_evaluations WHERE run_id = ? ORDER BY step').all(runId)
  )

describe('rsnn fit / runs / eval / resume', () => {
  // One reference fit serves the metric checks and, replayed by a killed process, the resume check.
  const fitArgs = () => ['fit', dataset, '--config', config, '--steps', '6', '--seed', '5', '--json', '--store', store]
  let first: FitResult

  it('fits the example and ends with one fit-result JSON line of held-out metrics', async () => {
    const r = await cli(fitArgs())
    expect(r.stderr).not.toMatch(/error/)
    expect(r.code).toBe(0)
    first = lastJson<FitResult>(r)
    expect(first).toMatchObject({ name: 'fit-result', steps: 6, status: 'completed' })
    expect(first.seconds).toBeGreaterThan(0)
    for (const k of ['t_trial_pearson', 't_trial_pearson_ceiling', 'psth_pearson', 'psth_pearson_ceiling']) {
      expect(typeof first.metrics[k]).toBe('number')
    }
    expect(first.metrics['t_trial_pearson_ceiling'] as number).toBeGreaterThan(0)
    expect(r.stderr).toMatch(/step \d\/6/)
  })

  it('lists the automatic change of the model (neurons per area raised) with the run in `runs`', async () => {
    const listed = lastJson<{ id: string; notes: string[] }[]>(await cli(['runs', '--json', '--store', store]))
    const notes = listed.find((x) => x.id === first.run)?.notes ?? []
    expect(notes.join('\n')).toMatch(
      /Neurons per area: \d+ \(one model neuron per recorded unit, .*the setting's 60 is a minimum\)/
    )
    const text = await cli(['runs', '--store', store])
    expect(text.stdout).toMatch(/note: Automatic: Neurons per area: \d+ \(one model neuron per recorded unit/)
  })

  it('fit --plan prints the resolved model and expected duration, and starts nothing', async () => {
    const count = () =>
      (withStore(store, (db) => db.prepare('SELECT COUNT(*) AS n FROM runs').get()) as { n: number }).n
    const before = count()
    const r = await cli(['fit', dataset, '--config', config, '--steps', '50', '--plan', '--json', '--store', store])
    expect(r.code).toBe(0)
    const plan = lastJson<{
      name: string
      neuronsPerArea: { requested: number; used: number; reason: string }
      totalNeurons: number
      areas: unknown[]
      batchSize: number
      steps: number
      sPerStep: number
      sPerStepBasis: string
      expectedS: number
      heldOutTrials: number
    }>(r)
    expect(plan.name).toBe('fit-plan')
    expect(plan.neuronsPerArea.requested).toBe(60)
    expect(plan.neuronsPerArea.used).toBeGreaterThan(60)
    expect(plan.neuronsPerArea.reason).toMatch(/recorded units/)
    expect(plan.totalNeurons).toBe(plan.neuronsPerArea.used * plan.areas.length)
    expect([plan.batchSize, plan.steps]).toEqual([8, 50])
    expect(plan.heldOutTrials).toBeGreaterThan(0)
    // the app's one estimate from the resolved settings, whatever earlier fits of this dataset measured
    expect(plan.sPerStepBasis).toMatch(/^rough: the cost per trial × bin × neuron² of measured fits, on \d+ threads?/)
    expect(plan.expectedS).toBeCloseTo(plan.sPerStep * 50, 6)
    expect(count()).toBe(before)
    const words = await cli(['fit', dataset, '--config', config, '--plan', '--store', store])
    expect(words.stdout).toMatch(
      /^model: \d+ neurons per area \(one per recorded unit; the setting's 60 is a minimum\)/m
    )
    expect(words.stdout).toMatch(/^automatic change: Neurons per area: \d+ \(one model neuron per recorded unit/m)
  })

  it('re-evaluates the last checkpoint from its file to the numbers the fit reported', async () => {
    const again = lastJson<{ metrics: Record<string, unknown>; step: number }>(
      await cli(['eval', first.run, '--checkpoint', 'last', '--recompute', '--json', '--store', store])
    )
    expect(again.step).toBe(6)
    expect(again.metrics).toEqual(first.metrics)
  })

  it("names the best checkpoint by its held-out T'trial, in fit-result and in eval's words", async () => {
    const { best } = first as unknown as { best: { step: number; tTrial: number } }
    const rows = evaluations(first.run) as { step: number; metrics_json: string }[]
    const tTrials = rows.map((e) => [
      e.step,
      (JSON.parse(e.metrics_json) as { t_trial_pearson: number }).t_trial_pearson
    ])
    expect(tTrials.length).toBeGreaterThan(1)
    const highest = tTrials.reduce((a, b) => (b[1]! > a[1]! ? b : a)) // the first of equal ones, as the fit keeps
    expect([best.step, best.tTrial]).toEqual(highest)
    const words = await cli(['eval', first.run, '--store', store])
    expect(words.stdout).toContain(`held-out metrics at step ${best.step} (best checkpoint: highest held-out T'trial):`)
  })

  it('after kill -9 mid-fit, resume finishes with the same curves and metrics as the uninterrupted fit', async () => {
    const victim = startCli(fitArgs())
    let runId = ''
    await until(() => {
      const row = withStore(store, (db) =>
        db
          .prepare("SELECT id, checkpoint_step FROM runs WHERE id != ? AND seed = 5 AND status = 'running'")
          .get(first.run)
      ) as { id: string; checkpoint_step: number } | undefined
      if (row && row.checkpoint_step >= 2) runId = row.id
      return runId !== ''
    })
    victim.child.kill('SIGKILL')
    expect((await victim.done).code).toBeNull()
    const at = withStore(store, (db) =>
      db.prepare('SELECT status, checkpoint_step FROM runs WHERE id = ?').get(runId)
    ) as { status: string; checkpoint_step: number }
    expect(at.status).toBe('running') // no process has looked at the store since
    expect(at.checkpoint_step).toBeLessThan(6)

    const listed = lastJson<{ id: string; status: string }[]>(await cli(['runs', '--json', '--store', store]))
    expect(listed.find((x) => x.id === runId)?.status).toBe('interrupted')
    const resumed = await cli(['resume', runId, '--json', '--store', store])
    expect(resumed.code).toBe(0)
    const end = lastJson<FitResult>(resumed)
    expect(end).toMatchObject({ status: 'completed', steps: 6 })
    expect(end.metrics).toEqual(first.metrics)
    expect(curves(runId)).toEqual(curves(first.run))
    expect(evaluations(runId)).toEqual(evaluations(first.run))
  })

  it('runs two fits at once against one store without losing a row', async () => {
    const args = (seed: string) => [
      'fit',
      dataset,
      '--config',
      config,
      '--steps',
      '2',
      '--seed',
      seed,
      '--json',
      '--store',
      store
    ]
    const [ra, rb] = await Promise.all([startCli(args('21')).done, startCli(args('22')).done])
    expect([ra.code, rb.code]).toEqual([0, 0])
    for (const r of [lastJson<FitResult>(ra), lastJson<FitResult>(rb)]) {
      expect(r.status).toBe('completed')
      expect(curves(r.run).map((c) => (c as { step: number }).step)).toEqual([1, 2])
    }
    expect(withStore(store, (db) => db.pragma('integrity_check', { simple: true }))).toBe('ok')
  })

  it('--preset says what it chose from the dataset and the expected duration, keeping what the config sets', async () => {
    const r = await cli(['fit', dataset, '--preset', 'quick', '--config', config, '--steps', '2', '--store', store])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/preset Quick look \(≈ 2 min\), expected duration ≈ 2 min:/)
    // the example's largest session has 100 trials, 80 for training; the tiny config's batch of 8 is kept
    expect(r.stdout).toMatch(/batch 80 generated trials per step .*\(your config's optim\.batchSize kept\)/)
    expect(r.stdout).toMatch(/held-out evaluation every 10 steps/)
    const run = r.stdout.match(/run (\S+) started/)?.[1] ?? ''
    const stored = withStore(store, (db) => db.prepare('SELECT config_json FROM runs WHERE id = ?').get(run)) as {
      config_json: string
    }
    const cfg = JSON.parse(stored.config_json) as { optim: Record<string, unknown>; model: Record<string, unknown> }
    expect(cfg.optim).toMatchObject({ batchSize: 8, evalEvery: 2, earlyStopPatience: 0 })
    expect(cfg.model['initRatesFromData']).toBe(true)
    const bad = await cli(['fit', dataset, '--preset', 'fast', '--store', store])
    expect(bad.stderr).toMatch(/--preset: "fast" is not a preset \(quick, standard, thorough\)/)
  })

  it('with no --preset or --config, chooses the Standard settings from the dataset and says so in one line', async () => {
    const r = await cli(['fit', dataset, '--plan', '--store', store])
    expect(r.code).toBe(0)
    // the example's largest session has 100 trials, 80 for training
    const line = r.stdout.split('\n').filter((l) => l.startsWith('no --preset or --config: chose'))
    expect(line).toHaveLength(1)
    expect(line[0]).toMatch(
      /^no --preset or --config: chose Standard \(≈ 10 min\) for this dataset \(N ≈ \d+ neurons, \d+ bins, 100 trials in the largest session\): batch 80, evaluation every 10 steps, rates from the data, 20-step warm-up to lr 0.002, batch from 16 over the first 80 steps, 10 min ≈ \d+ steps at ≈ [\d.]+ s\/step \(full batch\)$/
    )
    const json = await cli(['fit', dataset, '--plan', '--json', '--store', store])
    const plan = lastJson<{ batchSize: number; expectedS: number }>(json)
    expect(plan.batchSize).toBe(80) // the reference default is 200
    expect(plan.expectedS).toBe(600) // the Standard preset's time budget
  })

  it('refuses a bad config file naming the file, and a bad option naming it', async () => {
    const r = await cli(['fit', dataset, '--config', join(store, 'missing.json'), '--json', '--store', store])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/missing\.json: cannot read the config file/)
    const bad = await cli(['fit', dataset, '--steps', '0', '--store', store])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--steps/)
  })
})

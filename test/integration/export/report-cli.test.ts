// `rsnn export RUN --tables DIR --figures DIR` on a tiny fitted run: the CSVs parse back to the comparisons
// service's numbers, every SVG is well-formed with its series and labelled axes, and the refusals leave nothing.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Behaviour, ComparedRun, Connectivity, Variability } from '@shared/domain/comparison'
import { Output } from '../../../src/main/cli/output'
import { runCli } from '../../../src/main/cli/run-cli'
import * as io from '../../../src/main/io/index'
import { localApi } from '../../../src/main/rpc/local-api'
import { createDispatch } from '../../../src/main/rpc/dispatch'
import { createContainer } from '../../../src/main/services/container'
import { findAll, parseCsv, parseXml, textOf } from '../../unit/cli/report/report-parse'
import { fittedRun, storeWithExample } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-cli-report-'))
const store = join(dir, 'store')
let runId: string
let views: { v: Variability; b: Behaviour; c: Connectivity; r: ComparedRun }

beforeAll(async () => {
  const { c, datasetId } = await storeWithExample(dir)
  runId = await fittedRun(c, datasetId)
  await c.close()
  // The service's own numbers, from a fresh container (same request as the CLI: best checkpoint, seed 1).
  const c2 = await createContainer({ dataDir: store, mode: 'cli', io, appRoot: dir })
  try {
    const api = localApi(createDispatch(c2.handlers))
    const req = { runId, checkpoint: 'best' as const, seed: 1 }
    views = {
      v: await api['comparisons.variability'](req),
      b: await api['comparisons.behaviour'](req),
      c: await api['comparisons.connectivity']({ runId, checkpoint: 'best' }),
      r: (await api['comparisons.runs']({ runIds: [runId] })).runs[0]!
    }
  } finally {
    await c2.close()
  }
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = new Output({ write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
  const code = await runCli([...argv, '--store', store], io, out)
  return { code, stdout, stderr }
}

const csv = (d: string, name: string): string[][] => parseCsv(readFileSync(join(d, `${name}.csv`), 'utf8'))
const num = (s: string | undefined): number => (s === '' || s === undefined ? NaN : Number(s))

describe('rsnn export --tables --figures', () => {
  const tables = join(dir, 'tables')
  const figures = join(dir, 'figures')

  it('writes one CSV per view table whose numbers are the service numbers', async () => {
    mkdirSync(tables)
    mkdirSync(figures)
    const r = await cli('export', runId, '--tables', tables, '--figures', figures, '--json')
    expect(r.code, r.stderr + r.stdout).toBe(0)
    const res = JSON.parse(r.stdout) as { report: { tables: string[]; figures: string[]; checkpointStep: number } }
    expect(res.report.checkpointStep).toBe(views.v.checkpointStep)
    expect(res.report.tables).toHaveLength(readdirSync(tables).length)
    const { v, b, c, r: run } = views
    expect(b.hasBehaviour).toBe(true)
    expect(readdirSync(tables).sort()).toEqual([
      'connectivity.csv',
      'held-out-metrics.csv',
      'jaw-per-outcome.csv',
      'loss-curves.csv',
      'matched-pairs.csv',
      'trial-features.csv',
      'trial-type-mix.csv'
    ])

    const feats = csv(tables, 'trial-features')
    const nF = v.features.names.length
    expect(feats[0]!.slice(6)).toEqual(
      v.features.names.map((n) => n.replace(/\s*\(([^)]*)\)$/, '_$1').replace(/\s+/g, '_'))
    )
    const nRec = v.trials.recorded.outcome.length
    expect(feats).toHaveLength(1 + nRec + v.trials.generated.outcome.length)
    feats.slice(1).forEach((row, i) => {
      const src = i < nRec ? v.features.recorded : v.features.generated
      const k = i < nRec ? i : i - nRec
      row.slice(6).forEach((x, j) => expect(num(x)).toEqual(Number.isFinite(src[k * nF + j]!) ? src[k * nF + j]! : NaN))
    })

    const pairs = csv(tables, 'matched-pairs').slice(1)
    expect(pairs.flatMap((p) => [num(p[0]), num(p[1])])).toEqual(Array.from(v.pairs))

    const mix = csv(tables, 'trial-type-mix')
    for (const row of mix.slice(1)) {
      const o = row[0] as keyof typeof b.trialTypeMix.recorded
      expect(num(row[1])).toBe(b.trialTypeMix.recorded[o])
      expect(num(row[3])).toBe(b.trialTypeMix.generated[o])
      expect(num(row[2]) / b.trialTypeMix.nRecorded).toBeCloseTo(b.trialTypeMix.recorded[o], 12)
      expect(num(row[4]) / b.trialTypeMix.nGenerated).toBeCloseTo(b.trialTypeMix.generated[o], 12)
    }

    const jaw = csv(tables, 'jaw-per-outcome').slice(1)
    expect(jaw).toHaveLength(b.perOutcome.length * 2 * b.timeS.length)
    for (const row of jaw) {
      const p = b.perOutcome.find((x) => x.outcome === row[0])!
      const ms = row[1] === 'recorded' ? p.recorded : p.generated
      const t = Array.from(b.timeS).indexOf(num(row[3]))
      expect(num(row[2])).toBe(ms.n)
      expect(num(row[4])).toEqual(Number.isFinite(ms.mean[t]!) ? ms.mean[t] : NaN)
    }

    const conn = csv(tables, 'connectivity').slice(1)
    const A = c.areas.length
    expect(conn).toHaveLength(A * A)
    for (const row of conn) {
      const pre = c.areas.indexOf(row[0]!)
      const post = c.areas.indexOf(row[1]!)
      expect([num(row[2]), num(row[3])]).toEqual([c.meanExc[post * A + pre], c.meanInh[post * A + pre]])
    }

    const loss = csv(tables, 'loss-curves')
    expect(loss[0]).toEqual(['step', 'total_loss_au', 'psth_loss_au', 'trial_loss_au'])
    expect(loss.slice(1).map((row) => row.map(num))).toEqual(
      Array.from(run.steps, (s, i) => [s, run.total[i], run.psth[i], run.trial[i]])
    )
    const metrics = csv(tables, 'held-out-metrics')
    expect(metrics.slice(1).map((row) => num(row[0]))).toEqual(Array.from(run.evalSteps))
    const col = metrics[0]!.indexOf('t_trial_pearson_r')
    expect(num(metrics[1]![col])).toBe(run.evalMetrics['t_trial_pearson']![0])
  })

  it('writes well-formed SVG figures with their series and labelled axes', () => {
    expect(readdirSync(figures).sort()).toEqual([
      'connectivity.svg',
      'jaw-per-outcome.svg',
      'loss-curves.svg',
      'population-activity.svg',
      'trial-type-mix.svg'
    ])
    const fig = (name: string) => parseXml(readFileSync(join(figures, `${name}.svg`), 'utf8'))
    const series = (name: string) => findAll(fig(name), (e) => e.name === 'path' && e.attrs['class'] === 'series')
    const labels = (name: string) => findAll(fig(name), (e) => e.attrs['class'] === 'axis-label').map(textOf)
    expect(series('loss-curves')).toHaveLength(3)
    expect(labels('loss-curves')).toEqual(['loss (a.u.)', 'training step'])
    const areasRecorded = views.v.perArea.filter((a) => a.recordedRows.length > 0).length
    expect(areasRecorded).toBeGreaterThan(0)
    expect(series('population-activity')).toHaveLength(2 * areasRecorded)
    expect(labels('population-activity')).toHaveLength(2 * areasRecorded)
    // The time axes name the dataset's alignment (the example imports aligned to stimulus_time), as the app's do.
    expect(labels('population-activity')[1]).toBe('Time from stimulus (s)')
    expect(
      findAll(fig('jaw-per-outcome'), (e) => e.attrs['class'] === 'event').map((e) => e.attrs['data-label'])
    ).toContain('stimulus')
    expect(findAll(fig('trial-type-mix'), (e) => e.attrs['class'] === 'bar')).toHaveLength(8)
    const withTrials = views.b.perOutcome.flatMap((o) => [o.recorded.n, o.generated.n]).filter((n) => n > 0).length
    expect(series('jaw-per-outcome')).toHaveLength(withTrials)
    expect(findAll(fig('connectivity'), (e) => e.attrs['class'] === 'cell')).toHaveLength(2 * views.c.areas.length ** 2)
    for (const name of ['loss-curves', 'population-activity', 'trial-type-mix', 'jaw-per-outcome', 'connectivity']) {
      expect(findAll(fig(name), (e) => e.attrs['class'] === 'legend')).toHaveLength(1)
      for (const p of series(name)) expect(p.attrs['d']).toMatch(/^M[\d.-]+,[\d.-]+/)
    }
  })

  it('refuses a name clash unless --force, and a missing or read-only folder, writing nothing', async () => {
    const before = readFileSync(join(tables, 'loss-curves.csv'), 'utf8')
    writeFileSync(join(tables, 'loss-curves.csv'), 'mine')
    const clash = await cli('export', runId, '--tables', tables)
    expect(clash.code).toBe(1)
    expect(clash.stderr).toContain('already exists')
    expect(readFileSync(join(tables, 'loss-curves.csv'), 'utf8')).toBe('mine')
    expect((await cli('export', runId, '--tables', tables, '--force')).code).toBe(0)
    expect(readFileSync(join(tables, 'loss-curves.csv'), 'utf8')).toBe(before)

    const fresh = join(dir, 'fresh')
    mkdirSync(fresh)
    const missing = await cli('export', runId, '--tables', fresh, '--figures', join(dir, 'nope'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('does not exist')
    expect(readdirSync(fresh)).toEqual([])
    const ro = join(dir, 'ro')
    mkdirSync(ro)
    chmodSync(ro, 0o555)
    try {
      const r = await cli('export', runId, '--figures', ro)
      expect(r.stderr).toContain('read-only')
      expect(readdirSync(ro)).toEqual([])
    } finally {
      chmodSync(ro, 0o755)
    }
    expect((await cli('export', runId, '--help')).stdout).toContain('--tables DIR')
  })

  it('checks the report targets together with --model: a clash in the tables folder writes no model either', async () => {
    const both = join(dir, 'both')
    const t = join(both, 'tables')
    mkdirSync(t, { recursive: true })
    writeFileSync(join(t, 'connectivity.csv'), 'mine')
    const r = await cli('export', runId, '--model', join(both, 'm.h5'), '--tables', t)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('connectivity.csv')
    expect(readdirSync(both)).toEqual(['tables'])
    expect(readdirSync(t)).toEqual(['connectivity.csv'])
    rmSync(join(t, 'connectivity.csv'))
    const ok = await cli('export', runId, '--model', join(both, 'm.h5'), '--figures', both, '--json')
    expect(ok.code, ok.stderr).toBe(0)
    expect(readdirSync(both).sort()).toEqual([
      'connectivity.svg',
      'jaw-per-outcome.svg',
      'loss-curves.svg',
      'm.h5',
      'm.h5.json',
      'population-activity.svg',
      'tables',
      'trial-type-mix.svg'
    ])
  })
})

// A run fitted on a recording where the import drops some trials (an outcome mapped to exclude) and the fit leaves
// others out (recorded perturbations): the comparison views, `rsnn export --tables` and `rsnn export --figures` name
// each recorded trial by its session and its row in the recording's trials table, so opening that row in the file
// (or the Data explorer) shows the same trial: its outcome there is the pair's recorded outcome, and it is never a
// dropped or a perturbed row.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Variability } from '@shared/domain/comparison'
import { Output } from '../../../src/main/cli/output'
import { runCli } from '../../../src/main/cli/run-cli'
import * as io from '../../../src/main/io/index'
import { ComparisonsService } from '../../../src/main/services/comparisons/domain'
import { createContainer } from '../../../src/main/services/container'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { dropped, perturbed, writeExcludedRowsRecording } from '../../helpers/excluded-rows-recording'
import { findAll, parseCsv, parseXml, textOf } from '../../unit/cli/report/report-parse'
import { EXAMPLE, fittedRun, tinyConfig } from './fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-trial-ids-'))
const store = join(dir, 'store')
/** Each session's trials-table outcome column, as written (by session name). */
let fileOutcome: Map<string, string[]>
let runId: string
let v: Variability
/** Each held-out recorded row's [session, trials-table row], from the stored trials and the run's split. */
let expected: [string, number][]
/** The same rows' stored-trial indices (what a kept position would wrongly be read as). */
let storedIdx: number[]

beforeAll(async () => {
  const rec = await writeExcludedRowsRecording(dir, EXAMPLE)
  fileOutcome = rec.fileOutcome
  const { files, mapping } = rec
  const c = await createContainer({ dataDir: store, mode: 'cli', io, appRoot: dir })
  try {
    const datasetId = (await c.datasets.import({ files, name: 'ids', mapping })).dataset.id
    runId = await fittedRun(c, datasetId)
    const sessions = await c.datasets.sessions(datasetId)
    // fittedRun's split (the same call, deterministic): held-out stored trials per session, in order.
    const { split } = prepareFitData(sessions, tinyConfig.optim.heldOutFraction, null, 'example', tinyConfig.model.dtMs)
    const held = sessions.flatMap((s, i) => split[i]!.heldOut.map((k) => ({ s, k })))
    expected = held.map(({ s, k }) => [s.name, s.trials[k]!.sourceIndex])
    storedIdx = held.map(({ k }) => k)
    v = await new ComparisonsService(c.runLoader).variability({
      runId,
      checkpoint: 'best',
      generatedPerTrial: 1,
      seed: 1
    })
  } finally {
    await c.close()
  }
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('the comparison payload carries each recorded trial’s trials-table row', () => {
  expect(fileOutcome.size).toBe(EXAMPLE.sessions)
  expect(v.trials.recorded.sourceIndex.length).toBe(expected.length)
  const named = Array.from(v.trials.recorded.sourceIndex, (k, r): [string, number] => [
    v.trials.sessionNames[v.trials.recorded.session[r]!]!,
    k
  ])
  expect(named).toEqual(expected)
  // Not vacuous: dropped and left-out rows shift the numbering, so the rows differ from the stored indices.
  expect(expected.some(([, row], i) => row !== storedIdx[i])).toBe(true)
  for (const [session, row] of expected) {
    expect(dropped(row) || perturbed(row), `${session} trial ${row}`).toBe(false)
    expect(fileOutcome.get(session)![row]).toBe(
      ['Hit', 'Miss', 'CR', 'FA'][
        v.trials.recorded.outcome[expected.findIndex((e) => e[0] === session && e[1] === row)]!
      ]
    )
  }
})

it('rsnn export --tables and --figures name the recorded trial by its session and trials-table row', async () => {
  const tables = join(dir, 'tables')
  const figures = join(dir, 'figures')
  mkdirSync(tables)
  mkdirSync(figures)
  let stdout = ''
  let stderr = ''
  const out = new Output({ write: (s: string) => (stdout += s) }, { write: (s: string) => (stderr += s) })
  const code = await runCli(['export', runId, '--tables', tables, '--figures', figures, '--store', store], io, out)
  expect(code, stderr + stdout).toBe(0)
  const pairs = parseCsv(readFileSync(join(tables, 'matched-pairs.csv'), 'utf8'))
  expect(pairs[0]!.slice(0, 6)).toEqual([
    'recorded_row',
    'generated_row',
    'session',
    'trial',
    'stimulus',
    'recorded_outcome'
  ])
  const body = pairs.slice(1).filter((r) => r.length > 1)
  expect(body.length).toBeGreaterThan(0)
  for (const r of body) {
    const [session, row] = expected[Number(r[0])]!
    expect([r[2], Number(r[3])]).toEqual([session, row])
    // The file's own row: the same trial, with the outcome the table names.
    expect(fileOutcome.get(session)![row]).toBe(r[5])
  }
  const feats = parseCsv(readFileSync(join(tables, 'trial-features.csv'), 'utf8'))
  expect(feats.filter((r) => r[0] === 'recorded').map((r) => [r[2], Number(r[3])])).toEqual(expected)
  const svg = parseXml(readFileSync(join(figures, 'population-activity.svg'), 'utf8'))
  const titles = findAll(svg, (e) => e.attrs['class'] === 'panel-title')
    .map(textOf)
    .filter((t) => t.includes('(matched pair:'))
  expect(titles.length).toBeGreaterThan(0)
  for (const t of titles) {
    const m = /matched pair: recorded (\S+) trial (\d+), generated row \d+/.exec(t)
    expect(m, t).not.toBeNull()
    expect(
      expected.some(([s, row]) => s === m![1] && row === Number(m![2])),
      t
    ).toBe(true)
  }
})

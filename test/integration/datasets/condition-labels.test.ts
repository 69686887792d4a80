// A two-alternative task keeps its own condition labels: a correct/incorrect file imported with its labels (service
// and `rsnn import --condition-labels source`) stores them, and the session lines, the behaviour and variability
// tables and the compared runs speak of "correct"/"incorrect" (no lick rates); a dataset without labels (as every
// dataset imported before labels existed) stays the detection task (Hit, Miss, CR, FA).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { comparisonRequestSchema } from '@shared/domain/comparison'
import { datasetConditions } from '@shared/domain/conditions'
import { featuresTable } from '@shared/tables/variability'
import { trialTypeMixTable } from '@shared/tables/behaviour'
import * as io from '../../../src/main/io/index'
import { writeNwb } from '../../../src/main/io/nwb/write-nwb'
import { sessionLines } from '../../../src/main/cli/format'
import { Output } from '../../../src/main/cli/output'
import { runCli } from '../../../src/main/cli/run-cli'
import { createContainer, type Container } from '../../../src/main/services/container'
import { EXAMPLE, fittedRun, tinyConfig } from '../export/fitted-run'
import { cli, ensureBuilt } from '../runs/cli-helpers'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-labels-it-'))
const files: string[] = []
let c: Container
const ex = io.generateExample(EXAMPLE)
const twoAfc = { ...ex.mapping, outcomeMap: { correct: 'Hit', incorrect: 'Miss' } } as const
const labels = { Hit: 'correct', Miss: 'incorrect' }

beforeAll(async () => {
  ensureBuilt() // the CLI test runs out/main/cli.js
  mkdirSync(join(dir, 'rec'), { recursive: true })
  // the example's Hit/Miss outcomes renamed to a two-alternative task's correct/incorrect
  for (const s of io.generateExample(EXAMPLE).nwb) {
    const outcome = s.trials!.columns['outcome']!.data as string[]
    for (let k = 0; k < outcome.length; k++) outcome[k] = outcome[k] === 'Hit' ? 'correct' : 'incorrect'
    const file = join(dir, 'rec', `${s.identifier}.nwb`)
    await writeNwb(file, s)
    files.push(file)
  }
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io, appRoot: dir })
}, 300_000)
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('condition labels of a two-alternative task', () => {
  let datasetId = ''

  it('are stored with the dataset and name the trials in its session lines', async () => {
    const r = await c.datasets.import({ files, name: '2afc', mapping: { ...twoAfc, conditionLabels: labels } })
    datasetId = r.dataset.id
    expect(r.dataset.conditionLabels).toEqual(labels)
    expect(c.datasets.list().find((d) => d.id === datasetId)?.conditionLabels).toEqual(labels)
    expect(c.datasets.show(datasetId).mapping.conditionLabels).toEqual(labels)
    const conditions = datasetConditions(r.dataset.conditionLabels)
    const s = r.sessions[0]!
    const line = sessionLines(s, 0, conditions).find((l) => l.includes('trials'))
    expect(line).toBe(
      `  trials          correct ${s.trialsPerOutcome.Hit}, incorrect ${s.trialsPerOutcome.Miss}  (total ${s.nTrials})`
    )
  })

  it('are refused when kept trials fall on a code they do not name, naming the field', async () => {
    const err = await c.datasets
      .import({ files, name: 'half', mapping: { ...twoAfc, conditionLabels: { Hit: 'correct' } } })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'BAD_VALUE', field: 'conditionLabels' })
    expect((err as Error).message).toMatch(/Miss trials?, but the condition labels name only Hit = “correct”/)
    expect(c.datasets.list().map((d) => d.name)).not.toContain('half')
  })

  it('name the outcomes of the behaviour and variability tables; lick rates are left out', async () => {
    const runId = await fittedRun(c, datasetId, 2, tinyConfig)
    const req = comparisonRequestSchema.parse({ runId })
    const behaviour = await c.handlers['comparisons.behaviour']!(req)
    expect(behaviour.trials.conditionLabels).toEqual(labels)
    expect(trialTypeMixTable(behaviour).rows.map((r) => r[0])).toEqual(['correct', 'incorrect'])
    const variability = await c.handlers['comparisons.variability']!(req)
    const names = new Set(featuresTable(variability).rows.map((r) => r[4]))
    expect([...names].every((n) => n === 'correct' || n === 'incorrect')).toBe(true)
    const compared = (await c.handlers['comparisons.runs']!({ runIds: [runId] })).runs[0]!
    expect(compared.latest['lick_rate_error']).toBeUndefined()
    // the CLI's reports of the run: eval's trial types, perturb's "Hit rate" in the dataset's words
    const out: string[] = []
    const o = new Output({ write: (x: string) => out.push(x) }, { write: () => undefined })
    const store = ['--store', join(dir, 'store')]
    expect(await runCli(['eval', runId, ...store], io, o)).toBe(0)
    expect(out.join('')).toMatch(/trial types {6}model correct \d\.\d+, incorrect \d\.\d+\n/)
    expect(out.join('')).not.toMatch(/lick rate/)
    const light = ['--area', 'area2', '--window', '0,0.4', '--n-trials', '12', '--seeds', '1', '--threads', '1']
    expect(await runCli(['perturb', runId, ...light, ...store], io, o)).toBe(0)
    expect(out.join('')).toMatch(/control: correct rate \d+\.\d% \[/)
  })

  it('a dataset without labels (as imported before labels existed) is the detection task', async () => {
    const r = await c.datasets.import({
      files: await io.writeExampleFiles(join(dir, 'det'), EXAMPLE),
      mapping: ex.mapping
    })
    expect(r.dataset.conditionLabels).toBeUndefined()
    const conditions = datasetConditions(c.datasets.list().find((d) => d.id === r.dataset.id)?.conditionLabels)
    expect(conditions.detection).toBe(true)
    expect(sessionLines(r.sessions[0]!, 0, conditions).join('\n')).toMatch(/trials {10}Hit \d+, Miss \d+, CR 0, FA 0/)
  })

  it('rsnn import --condition-labels source keeps the file’s own names', async () => {
    const store = join(dir, 'cli-store')
    const args = [
      'import',
      ...files,
      '--store',
      store,
      '--name',
      '2afc-cli',
      '--outcome-map',
      'Hit=correct,Miss=incorrect'
    ]
    const r = await cli([...args, '--condition-labels', 'source'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/trials {10}correct \d+, incorrect \d+ {2}\(total \d+\)/)
    const shown = JSON.parse((await cli(['show', '2afc-cli', '--store', store, '--json'])).stdout) as {
      dataset: { conditionLabels?: unknown }
    }
    expect(shown.dataset.conditionLabels).toEqual(labels)
  }, 120_000)
})

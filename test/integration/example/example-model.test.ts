// The fitted example model shipped in resources/example: it loads on first start as a run of the example dataset
// (once per store, never touching other runs, not back after the user deletes it), fits the dataset's sessions and
// units, its stored metrics are what evaluating it gives, and regenerating the example gives the same files.
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as io from '../../../src/main/io/index'
import { readModelFile } from '../../../src/main/model-files/model-h5'
import { createContainer, type Container } from '../../../src/main/services/container'
import { exampleFiles } from '../../../src/main/services/datasets/domain'
import { ensureExample } from '../../../src/main/services/example/first-start'
import {
  EXAMPLE_MODEL_FILE,
  EXAMPLE_MODEL_RUN_NAME,
  exampleModelConfig,
  makeExampleModel
} from '../../../src/main/services/example/example-model'
import { runsServiceOf } from '../../../src/main/services/runs/domain'
import { ensureBuilt, EXAMPLES } from '../built'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-example-model-'))
const shipped = join(EXAMPLES, EXAMPLE_MODEL_FILE)
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
let c: Container
const logs: string[] = []

beforeAll(async () => {
  ensureBuilt() // the fits below run on the built engine worker
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io })
})
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

const examplesResult = (): { files: string[]; exampleRun: { runId: string; madeBy: string } | null } =>
  c.handlers['datasets.examples']!({}) as never

describe('the shipped example model on first start', () => {
  let runId = ''

  it('becomes a completed run of the example dataset, marked as the shipped model with how it was made', async () => {
    await ensureExample(c, (l) => logs.push(l))
    const runs = c.runStore.runs.list()
    expect(runs.map((r) => [r.name, r.status])).toEqual([[EXAMPLE_MODEL_RUN_NAME, 'completed']])
    runId = runs[0]!.id
    expect(logs.join('\n')).toContain(`Loaded the shipped example model as run ${runId}`)
    const model = await readModelFile(shipped)
    expect(model.provenance.madeBy).toMatch(/^npm run make-example -- --with-model: \d+ steps, seed \d+, 2 threads/)
    expect(examplesResult().exampleRun).toEqual({ runId, madeBy: model.provenance.madeBy })
    const notes = c.runStore.runs.events(runId).map((e) => e.message)
    expect(
      notes.some((m) => m.startsWith('The example model shipped with RSNN Studio, made by npm run make-example'))
    ).toBe(true)
  })

  it('links to the recordings shipped beside it: same files, sessions, units and areas', async () => {
    const model = await readModelFile(shipped)
    const files = exampleFiles(EXAMPLES)
    expect(model.provenance.datasetHashes.map((h) => [h.sourceFile, h.sha256])).toEqual(
      files.map((f) => [`resources/example/${f.split('/').pop()!}`, sha(f)])
    )
    const run = await c.runLoader.load(runId, 'best')
    expect(model.recordedSessions.map((s) => [s.name, s.unitSourceIds.length])).toEqual(
      run.sessions.map((s) => [s.name, s.units.length])
    )
    // Every recorded unit has its own model neuron, in the unit's area.
    const { neuronMap, neuronArea, areas } = model.params
    const linked = new Set<string>()
    neuronMap.session.forEach((s, n) => {
      if (s < 0) return
      const unit = run.sessions[s]!.units[neuronMap.unit[n]!]!
      expect(areas[neuronArea[n]!]).toBe(unit.area)
      linked.add(`${s}:${neuronMap.unit[n]}`)
    })
    expect(linked.size).toBe(run.sessions.reduce((a, s) => a + s.units.length, 0))
  })

  it('stores the held-out metrics that evaluating the model gives', async () => {
    const stored = (await readModelFile(shipped)).provenance.metrics as Record<string, number>
    const { metrics } = await runsServiceOf(c.domains).evaluate(runId, { which: 'best', recompute: true })
    const keys = [
      't_trial_pearson',
      'psth_pearson',
      'eval_loss',
      't_trial_pearson_ceiling',
      't_trial_neural_pearson',
      't_trial_neural_pearson_ceiling'
    ] as const
    for (const k of keys) {
      expect(typeof stored[k]).toBe('number')
      expect(metrics[k]).toBeCloseTo(stored[k]!, 6)
    }
    // Well fitted: most of the way to the data's own split-half ceiling.
    expect(stored['t_trial_pearson']! / stored['t_trial_pearson_ceiling']!).toBeGreaterThan(0.7)
    // Its neurons reproduce the held-out trials' variability nearly to the ceiling; the jaw (not carried by the
    // generated data's neurons) is what keeps the full T'trial lower.
    expect(stored['t_trial_neural_pearson']! / stored['t_trial_neural_pearson_ceiling']!).toBeGreaterThan(0.9)
  })

  it('is loaded once per store: a restart adds nothing, and a deleted example run stays deleted', async () => {
    const before = c.runStore.runs.list().map((r) => [r.id, r.status, r.step])
    await ensureExample(c, () => {})
    expect(c.runStore.runs.list().map((r) => [r.id, r.status, r.step])).toEqual(before)
    expect(c.datasets.list()).toHaveLength(1)
    await c.handlers['runs.delete']!({ id: runId })
    await ensureExample(c, () => {})
    expect(c.runStore.runs.list()).toEqual([])
    expect(examplesResult().exampleRun).toBeNull()
  })
})

describe('npm run make-example', () => {
  it('writes the same recordings as the shipped ones', async () => {
    const files = await io.writeExampleFiles(join(dir, 'regenerated'))
    expect(files.map(sha)).toEqual(exampleFiles(EXAMPLES).map(sha))
  })

  it('writes the same model file twice (a short fit: settings, seed and thread count fixed)', async () => {
    const [a, b] = [join(dir, 'a'), join(dir, 'b')]
    for (const out of [a, b]) {
      mkdirSync(out)
      await makeExampleModel(c, out, exampleModelConfig(3))
    }
    for (const f of [EXAMPLE_MODEL_FILE, `${EXAMPLE_MODEL_FILE}.json`]) expect(sha(join(a, f)), f).toBe(sha(join(b, f)))
    expect((await readModelFile(join(a, EXAMPLE_MODEL_FILE))).provenance.steps).toBe(3)
  })
})

// Recorded perturbation trials: a dataset with planted opto trials (a trials column mapped at import to target
// areas and windows) keeps them out of the fit and compares their recorded effect with the model's prediction.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { experimentRequestSchema } from '@shared/domain/perturbation-experiment'
import { parsePerturbationMap } from '../../../src/main/cli/mapping-options'
import * as io from '../../../src/main/io/index'
import { writeNwb } from '../../../src/main/io/nwb/write-nwb'
import { createContainer, type Container } from '../../../src/main/services/container'
import { perturbationsServiceOf } from '../../../src/main/services/perturbations/domain'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { EXAMPLE, fittedRun, tinyConfig } from '../export/fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-recorded-it-'))
let c: Container
let datasetId: string
/** Per session: trial k is light_A2_late when k % 6 = 0, light_A1_base when k % 6 = 3; A2-late trials are Misses. */
const label = (k: number): string => (k % 6 === 0 ? 'light_A2_late' : k % 6 === 3 ? 'light_A1_base' : '0')

beforeAll(async () => {
  const ex = io.generateExample(EXAMPLE)
  const files: string[] = []
  mkdirSync(join(dir, 'rec'), { recursive: true })
  for (const s of ex.nwb) {
    const cols = s.trials!.columns
    const n = s.trials!.start.length
    cols['opto'] = { data: Array.from({ length: n }, (_, k) => label(k)), description: 'optogenetic light condition' }
    const outcome = cols['outcome']!.data as string[]
    for (let k = 0; k < n; k++) if (label(k) === 'light_A2_late') outcome[k] = 'Miss'
    const file = join(dir, 'rec', `${s.identifier}.nwb`)
    await writeNwb(file, s)
    files.push(file)
  }
  c = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io, appRoot: dir })
  const mapping = {
    ...ex.mapping,
    perturbationColumn: 'opto',
    perturbationMap: parsePerturbationMap('area2:0.2,0.4=light_A2_late;area1:-0.1,0=light_A1_base')
  }
  datasetId = (await c.datasets.import({ files, name: 'opto', mapping })).dataset.id
})
afterAll(async () => {
  await c.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('recorded perturbations', () => {
  it('are read at import and kept out of training (and of the held-out set)', async () => {
    const sessions = await c.datasets.sessions(datasetId)
    const K = EXAMPLE.trialsPerSession
    for (const s of sessions) {
      expect(s.trials.map((t) => t.perturbation ?? '0')).toEqual(s.trials.map((t) => label(t.sourceIndex)))
      expect(s.trials.filter((t) => t.perturbation).length).toBe(K / 3) // K = 24, none dropped: 4 + 4
    }
    const prepared = prepareFitData(sessions, 0.25)
    prepared.data.sessions.forEach((es, i) => {
      const s = sessions[i]!
      const perturbed = s.trials.flatMap((t, k) => (t.perturbation ? [k] : []))
      expect(prepared.split[i]!.excluded).toEqual(perturbed)
      expect(es.outcome.length).toBe(s.trials.length - perturbed.length)
      for (const k of prepared.split[i]!.heldOut) expect(perturbed).not.toContain(k)
    })
    expect(prepared.notes.join(' ')).toContain('recorded perturbation')
  })

  it('compares the recorded Δ Hit of each perturbation with the model prediction for the same areas and window', async () => {
    const runId = await fittedRun(c, datasetId, 2, tinyConfig)
    const svc = perturbationsServiceOf(c.domains)
    expect((await svc.setup(runId)).hasRecordedPerturbations).toBe(true)
    const { result } = await svc.run(
      experimentRequestSchema.parse({ runId, recorded: true, nTrials: 24, seeds: 2, threads: 1 })
    )
    const rec = result.recorded!
    expect(rec.conditions.map((x) => [x.label, x.area, x.window])).toEqual([
      ['light_A2_late', 'area2', [0.2, 0.4]],
      ['light_A1_base', 'area1', [-0.1, 0]]
    ])
    const sessions = await c.datasets.sessions(datasetId)
    const all = sessions.flatMap((s) => s.trials)
    const ctrl = all.filter((t) => !t.perturbation)
    const ctrlHit = ctrl.filter((t) => t.outcome === 'Hit').length / ctrl.length
    const a2 = rec.conditions[0]!
    expect(a2.nTrials).toBe(all.filter((t) => t.perturbation === 'light_A2_late').length)
    expect(a2.hitRate).toBe(0) // planted: every A2-late trial is a Miss
    expect(a2.controlHitRate).toBeCloseTo(ctrlHit, 12)
    expect(a2.deltaHitRate).toBeCloseTo(-ctrlHit, 12)
    // the model's prediction is the experiment's condition of the same label
    expect(a2.modelDeltaHitRate).toBe(result.conditions.find((x) => x.label === 'light_A2_late')!.deltaHitRate)
    const diffs = rec.conditions.map((x) => Math.abs(x.deltaHitRate! - x.modelDeltaHitRate!))
    expect(rec.agreement.n).toBe(2)
    expect(rec.agreement.meanAbsDiff).toBeCloseTo((diffs[0]! + diffs[1]!) / 2, 12)
  })

  it('parses the CLI map and refuses malformed entries naming the flag', () => {
    expect(parsePerturbationMap('area1:0,0.2=light_A1_early,area1+area2:-0.1,0=both')).toEqual({
      light_A1_early: { areas: ['area1'], window: [0, 0.2] },
      both: { areas: ['area1', 'area2'], window: [-0.1, 0] }
    })
    expect(() => parsePerturbationMap('area1=light')).toThrow(expect.objectContaining({ field: '--perturbation-map' }))
    expect(() => parsePerturbationMap('area1:0.3,0.1=x')).toThrow(
      expect.objectContaining({ field: '--perturbation-map' })
    )
  })
})

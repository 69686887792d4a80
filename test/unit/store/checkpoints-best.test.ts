// The best checkpoint re-derived after rows were dropped (a resume past unusable files): the highest held-out
// T'trial, a tie to the earlier step, never the lowest loss; a run stored before the T'trial rule keeps its flag.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import { CheckpointsRepo, type CheckpointRecord } from '../../../src/main/store/checkpoints-repo'
import { openDb, type Db } from '../../../src/main/store/db'
import { RunsRepo } from '../../../src/main/store/runs-repo'

let db: Db
let checkpoints: CheckpointsRepo
let runs: RunsRepo
beforeEach(() => {
  db = openDb(':memory:')
  checkpoints = new CheckpointsRepo(db)
  runs = new RunsRepo(db)
  runs.create({
    id: 'r',
    name: 'r',
    datasetId: 'd',
    datasetName: 'd',
    config: resolveFitConfig({}),
    split: [],
    appVersion: 'test',
    createdAt: '',
    targetSteps: 50,
    timeLimitS: null
  })
})
afterEach(() => db.close())

const row = (step: number, evalLoss: number | null, tTrial: number | null, isBest = false): CheckpointRecord => ({
  runId: 'r',
  step,
  file: `f${step}`,
  bytes: 1,
  sha256: '',
  evalLoss,
  tTrial,
  isBest,
  bestTTrial: null,
  evalsSinceBest: 0,
  elapsedS: step,
  createdAt: ''
})
const best = (): [number, number | null][] =>
  checkpoints
    .info('r')
    .filter((c) => c.isBest)
    .map((c) => [c.step, c.tTrial])

describe('CheckpointsRepo best', () => {
  it("refreshBest picks the highest held-out T'trial (the earlier step on a tie), not the lowest loss", () => {
    for (const c of [
      row(10, 0.1, 0.3),
      row(20, 0.9, 0.6),
      row(30, 0.5, 0.6),
      row(40, 0.2, null),
      row(50, 0.3, 0.7, true)
    ])
      checkpoints.register(c)
    expect(runs.get('r').summary).toMatchObject({ bestStep: 50, bestTTrial: 0.7 })
    checkpoints.remove('r', 50)
    checkpoints.refreshBest('r')
    expect(best()).toEqual([[20, 0.6]])
    expect(runs.get('r').summary).toMatchObject({ bestStep: 20, bestTTrial: 0.6 })
  })

  it('keeps the flag of a run whose checkpoints have no T’trial (stored before that rule), or clears a lost one', () => {
    for (const c of [row(10, 0.1, null), row(20, 0.05, null, true), row(30, 0.01, null)]) checkpoints.register(c)
    checkpoints.refreshBest('r')
    expect(best()).toEqual([[20, null]])
    expect(runs.get('r').summary.bestStep).toBe(20)
    checkpoints.remove('r', 20)
    checkpoints.refreshBest('r')
    expect(best()).toEqual([])
    expect(runs.get('r').summary).toMatchObject({ bestStep: null, bestTTrial: null })
  })
})

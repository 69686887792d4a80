// A store made before the best checkpoint and the early stop followed the held-out T'trial: after the upgrade its
// runs keep the best checkpoint they flagged by the held-out loss, and a resume restarts the early-stop bookkeeping
// (its loss-based best is never compared with a T'trial) without failing.
import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveFitConfig } from '@shared/domain/model-config'
import type { FitData } from '../../../src/main/engine'
import { writeCheckpointFile } from '../../../src/main/model-files/checkpoint-file'
import { bestTTrialMigration } from '../../../src/main/store/best-t-trial-schema'
import { openDb, type Db } from '../../../src/main/store/db'
import { migrate, migrations } from '../../../src/main/store/migrations'
import { RunsRepo } from '../../../src/main/store/runs-repo'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { restoreLatestCheckpoint } from '../../../src/main/services/runs/recovery'
import { RunStore } from '../../../src/main/services/runs/run-store'
import { RunsService } from '../../../src/main/services/runs/runs-service'
import { fakeCreateTrainer } from './helpers/fake-trainer'
import { InProcessHost } from './helpers/in-process-host'
import { makeSession } from './helpers/sessions'

const sessions = [makeSession({}, 1), makeSession({ units: 4 }, 2)]
const optim = { steps: 30, evalEvery: 3, checkpointEvery: 3, earlyStopPatience: 2, seed: 3 }
/** The resumed fit's held-out T'trial: below the old run's best held-out loss (0.5), as a Pearson may well be. */
const tTrial = (s: number): number => (s === 9 ? 0.4 : 0.3)

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-upgrade-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/**
 * A store at the schema before the T'trial columns with one interrupted run of 6 steps: checkpoints at steps 3 and 6,
 * step 3 flagged best by its held-out loss 0.5, and the loss-based early-stop state (best 0.5, 1 evaluation since).
 */
async function storeBeforeUpgrade(file: string): Promise<string> {
  const old = new Database(file)
  migrate(old, migrations.slice(0, migrations.indexOf(bestTTrialMigration)))
  const config = resolveFitConfig({ optim })
  const { split, data } = prepareFitData(sessions, config.optim.heldOutFraction, null, 'tiny')
  const id = 'run-old'
  new RunsRepo(old).create({
    id,
    name: 'old',
    datasetId: 'ds1',
    datasetName: 'tiny',
    config,
    split,
    appVersion: '0.0.0-old',
    createdAt: new Date().toISOString(),
    targetSteps: 30,
    timeLimitS: null
  })
  const trainer = await fakeCreateTrainer()(data as FitData, config)
  mkdirSync(join(dir, 'runs', id), { recursive: true })
  for (const [step, loss, isBest, sinceBest] of [
    [3, 0.5, 1, 0],
    [6, 0.7, 0, 1]
  ] as const) {
    while (trainer.step < step) await trainer.runStep()
    const file = join('runs', id, `step-${String(step).padStart(9, '0')}.h5`)
    const state = trainer.saveState()
    const params = trainer.exportParams()
    const w = await writeCheckpointFile(join(dir, file), {
      runId: id,
      step,
      appVersion: '0.0.0-old',
      evalLoss: loss,
      state,
      params
    })
    old
      .prepare(
        `INSERT INTO checkpoints (run_id, step, file, bytes, sha256, eval_loss, is_best, best_eval_loss,
           evals_since_best, elapsed_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0.5, ?, ?, '2026-01-01')`
      )
      .run(id, step, file, w.bytes, w.sha256, loss, isBest, sinceBest, step)
  }
  old
    .prepare(
      `UPDATE runs SET status = 'interrupted', step = 6, checkpoint_step = 6, elapsed_s = 6, best_step = 3,
         best_eval_loss = 0.5 WHERE id = ?`
    )
    .run(id)
  old.close()
  return id
}

describe("a store from before the held-out T'trial rule", () => {
  let db: Db
  afterEach(() => db?.close())

  it('keeps its runs’ best checkpoints; a resume restarts the early stop and then follows the T’trial', async () => {
    const file = join(dir, 'studio.db')
    const id = await storeBeforeUpgrade(file)
    db = openDb(file)
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length)
    const store = new RunStore(db, dir, '0.0.0-test')
    expect(store.runs.get(id).summary).toMatchObject({ bestStep: 3, bestTTrial: null, status: 'interrupted' })
    expect(store.checkpoints.info(id).map((c) => [c.step, c.isBest, c.evalLoss, c.tTrial])).toEqual([
      [6, false, 0.7, null],
      [3, true, 0.5, null]
    ])
    expect(store.findCheckpoint(id, 'best')?.step).toBe(3)

    // the resume's restore: the newest checkpoint, no T'trial state (the loss-based one is not carried over), and
    // the old best still flagged
    const restored = await restoreLatestCheckpoint(store.runs, store.checkpoints, dir, id)
    expect(restored).toMatchObject({ step: 6, bestTTrial: null, evalsSinceBest: 0 })
    expect(store.findCheckpoint(id, 'best')?.step).toBe(3)
    expect(store.runs.get(id).summary.bestStep).toBe(3)

    const svc = new RunsService({
      db,
      dataDir: dir,
      host: new InProcessHost(fakeCreateTrainer({ tTrial })),
      datasets: {
        resolve: () => ({ id: 'ds1', name: 'tiny' }),
        sessions: async () => sessions,
        fileOf: () => 'no-dataset-file.h5'
      },
      emit: () => undefined,
      appVersion: '0.0.0-test',
      keepCheckpoints: 5
    })
    await svc.resume(id)
    const end = await svc.waitFor(id)
    // step 9's T'trial 0.4 is the first best of the resumed fit (compared with the old best loss 0.5 it would not be,
    // and with the old count of 1 the fit would stop at step 9); two evaluations without a higher one: stopped at 15
    expect(end).toMatchObject({
      status: 'completed',
      stopReason: 'early-stopped',
      step: 15,
      bestStep: 9,
      bestTTrial: 0.4
    })
    const info = svc.get(id).checkpoints
    expect(info.filter((c) => c.isBest).map((c) => c.step)).toEqual([9])
    expect(info.find((c) => c.step === 9)).toMatchObject({ tTrial: 0.4 })
  })
})

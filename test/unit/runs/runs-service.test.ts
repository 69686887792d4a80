// RunsService over a real SQLite store with the real worker loop in-process (fake trainer): runs, curves,
// checkpoints and retention, events, crash → interrupted → resume identical, corrupt/missing checkpoints.
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventName } from '@shared/contract/events'
import { openDb, type Db } from '../../../src/main/store/db'
import { RunsService } from '../../../src/main/services/runs/runs-service'
import { readCheckpointParams } from '../../../src/main/model-files/checkpoint-file'
import { fakeCreateTrainer, type FakeOptions } from './helpers/fake-trainer'
import { InProcessHost } from './helpers/in-process-host'
import { makeSession } from './helpers/sessions'

let dir: string
let db: Db
const events: { name: EventName; payload: unknown }[] = []
const datasets = {
  resolve: (ref: string) => {
    if (ref !== 'ds1') throw new Error(`no dataset ${ref}`)
    return { id: 'ds1', name: 'tiny' }
  },
  sessions: async () => [makeSession({}, 1), makeSession({ units: 4 }, 2)],
  fileOf: () => 'no-dataset-file.h5'
}

function service(
  fake: FakeOptions = {},
  host = new InProcessHost(fakeCreateTrainer(fake))
): { svc: RunsService; host: InProcessHost } {
  const svc = new RunsService({
    db,
    dataDir: dir,
    host,
    datasets,
    emit: (name, payload) => events.push({ name, payload }),
    appVersion: '0.0.0-test',
    keepCheckpoints: 2
  })
  return { svc, host }
}

const stepOf = (svc: RunsService, id: string): number => svc.runs.get(id).summary.step

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(cond()).toBe(true)
}

const optim = { steps: 12, evalEvery: 3, checkpointEvery: 3, earlyStopPatience: 0, seed: 3 }

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-fits-'))
  db = openDb(join(dir, 'studio.db'))
  events.length = 0
})
afterEach(() => {
  db.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('RunsService', () => {
  it('runs a fit to completion and records curves, evaluations, checkpoints and events', async () => {
    const { svc } = service()
    const started = await svc.start({ datasetId: 'ds1', config: undefined, steps: 12, seed: 3 })
    expect(started.status).toBe('running')
    const done = await svc.waitFor(started.id)
    expect(done).toMatchObject({ status: 'completed', step: 12, stopReason: 'completed', backend: 'fake', threads: 1 })
    expect(done.endedAt).not.toBeNull()
    const detail = svc.get(started.id)
    expect(detail.curves.step).toEqual([...Array(12)].map((_, i) => i + 1))
    expect(detail.config.optim.seed).toBe(3)
    expect(detail.split.map((s) => s.session)).toEqual(['s1', 's2'])
    expect(detail.evaluations.at(-1)?.metrics.jaw_pearson).toBeNull() // NaN travels as null
    expect(detail.run.metrics?.t_trial_pearson).toBeTypeOf('number')
    const names = new Set(events.map((e) => e.name))
    expect(names).toEqual(new Set(['fit.progress', 'fit.checkpoint', 'fit.finished']))
    expect(svc.list().map((r) => r.id)).toEqual([started.id])
  })

  it('records the data’s small-size warnings and the trainer’s automatic changes as run events, once', async () => {
    const raised = "Neurons per area: 9 (one model neuron per recorded unit; the setting's 2 is a minimum)."
    const { svc } = service({ notes: [raised] })
    const run = await svc.start({ datasetId: 'ds1', config: { optim } as never })
    await svc.waitFor(run.id)
    const notes = svc
      .get(run.id)
      .events.filter((e) => e.kind === 'note')
      .map((e) => e.message)
    expect(notes).toContain(`Automatic: ${raised}`)
    // 2 sessions × 20 trials, 20 % held out; 3 units per area and session
    expect(notes.join('\n')).toMatch(/Only 8 held-out trials: /)
    expect(notes.join('\n')).toMatch(/No session has an area with 10 or more units/)
    await svc.resume(run.id, { steps: 15 })
    await svc.waitFor(run.id)
    expect(svc.get(run.id).events.filter((e) => e.message === `Automatic: ${raised}`)).toHaveLength(1)
  })

  it('keeps the newest checkpoints plus the best one, on disk and in the store', async () => {
    // the best is the highest held-out T'trial (step 3), though the loss is highest there
    const { svc } = service({ tTrial: (s) => (s === 3 ? 0.9 : 0.1), evalLoss: (s) => (s === 3 ? 5 : 1) })
    const run = await svc.start({ datasetId: 'ds1', config: { optim } as never })
    await svc.waitFor(run.id)
    const ck = svc.get(run.id).checkpoints
    expect(ck.map((c) => c.step)).toEqual([12, 9, 3])
    expect(ck.find((c) => c.isBest)?.step).toBe(3)
    expect(svc.get(run.id).run).toMatchObject({ bestStep: 3, bestTTrial: 0.9, checkpointStep: 12 })
    expect(readdirSync(join(dir, 'runs', run.id)).sort()).toEqual([
      'step-000000003.h5',
      'step-000000009.h5',
      'step-000000012.h5'
    ])
    const params = await readCheckpointParams(join(dir, 'runs', run.id, 'step-000000003.h5'))
    expect(params.areas).toEqual(['area1', 'area2'])
    expect(params.arrays['w']?.shape).toEqual([2])
  })

  it('after a crash, marks the run interrupted and resumes it to the same result as an uninterrupted run', async () => {
    const ref = service()
    const full = await ref.svc.start({ datasetId: 'ds1', config: { optim } as never })
    await ref.svc.waitFor(full.id)

    const crashing = new InProcessHost(fakeCreateTrainer())
    // the process dies right after step 8 was reported: the last checkpoint is step 6
    crashing.crashWhen = (m) => m.type === 'progress' && m.step >= 8
    const a = service({}, crashing)
    const run = await a.svc.start({ datasetId: 'ds1', config: { optim } as never })
    await until(() => a.svc.runs.get(run.id).summary.step >= 8)
    expect(a.svc.runs.get(run.id).summary.status).toBe('running')

    // a new process opens the store: the run's owner (this pid, but not a live job there) is gone
    const b = service()
    const listed = b.svc.list().find((r) => r.id === run.id)!
    expect(listed.status).toBe('interrupted')
    expect(listed.checkpointStep).toBe(6)
    const resumed = await b.svc.resume(run.id)
    expect(resumed.status).toBe('running')
    const end = await b.svc.waitFor(run.id)
    expect(end).toMatchObject({ status: 'completed', step: 12 })

    const want = ref.svc.get(full.id)
    const got = b.svc.get(run.id)
    expect(got.curves).toEqual(want.curves)
    expect(got.evaluations).toEqual(want.evaluations)
    // the small-data warnings of the start, then the crash and the resume (the trainer's notes are not repeated)
    expect(got.events.map((e) => e.kind)).toEqual([
      ...want.events.filter((e) => e.kind === 'note').map((e) => e.kind),
      'interrupted',
      'resumed'
    ])
    const last = (id: string) => readCheckpointParams(join(dir, 'runs', id, 'step-000000012.h5'))
    expect(Array.from((await last(run.id)).arrays['w']!.data)).toEqual(
      Array.from((await last(full.id)).arrays['w']!.data)
    )
  })

  it("after a crash, continues the early stop and the best held-out T'trial exactly as the uninterrupted run", async () => {
    const stopping = { ...optim, steps: 60, earlyStopPatience: 3 }
    // best at step 15; 3 evaluations without a higher T'trial (18, 21, 24): stopped at 24
    const tTrial = (s: number): number => ({ 3: 0.1, 6: 0.3, 9: 0.2, 12: 0.25, 15: 0.5, 18: 0.4, 21: 0.45 })[s] ?? 0.3
    const ref = service({ tTrial })
    const full = await ref.svc.start({ datasetId: 'ds1', config: { optim: stopping } as never })
    const want = await ref.svc.waitFor(full.id)
    expect(want).toMatchObject({ stopReason: 'early-stopped', step: 24, bestStep: 15, bestTTrial: 0.5 })

    // the process dies after step 21's checkpoint (best 0.5 at 15, two evaluations since)
    const crashing = new InProcessHost(fakeCreateTrainer({ tTrial }))
    crashing.crashWhen = (m) => m.type === 'progress' && m.step >= 22
    const a = service({}, crashing)
    const run = await a.svc.start({ datasetId: 'ds1', config: { optim: stopping } as never })
    await until(() => a.svc.runs.get(run.id).summary.step >= 22)
    const b = service({ tTrial })
    expect(b.svc.list().find((r) => r.id === run.id)).toMatchObject({ status: 'interrupted', checkpointStep: 21 })
    await b.svc.resume(run.id)
    const got = await b.svc.waitFor(run.id)
    const outcome = (r: typeof got) => [r.status, r.stopReason, r.step, r.bestStep, r.bestTTrial]
    expect(outcome(got)).toEqual(outcome(want))
    expect(b.svc.get(run.id).evaluations).toEqual(ref.svc.get(full.id).evaluations)
    const flags = (id: string, s: RunsService) => s.get(id).checkpoints.map((c) => [c.step, c.isBest, c.tTrial])
    expect(flags(run.id, b.svc)).toEqual(flags(full.id, ref.svc))
  })

  it('detects a corrupt newest checkpoint and a missing one, and resumes from the previous', async () => {
    const host = new InProcessHost(fakeCreateTrainer({ tTrial: (s) => (s === 3 ? 0.9 : 0.1) }))
    host.crashWhen = (m) => m.type === 'progress' && m.step >= 10
    const a = service({}, host)
    const run = await a.svc.start({ datasetId: 'ds1', config: { optim: { ...optim, steps: 30 } } as never })
    await until(() => stepOf(a.svc, run.id) >= 10)
    const files = () => readdirSync(join(dir, 'runs', run.id)).sort()
    expect(files()).toEqual(['step-000000003.h5', 'step-000000006.h5', 'step-000000009.h5'])
    truncateSync(join(dir, 'runs', run.id, 'step-000000009.h5'), 100)
    rmSync(join(dir, 'runs', run.id, 'step-000000006.h5'))
    writeFileSync(join(dir, 'runs', run.id, '.step-000000012.h5.999999-0badf00d.tmp'), 'half-written')

    const b = service()
    await b.svc.resume(run.id)
    const d = b.svc.get(run.id)
    const unusable = d.events.filter((e) => e.kind === 'checkpoint-unusable')
    expect(unusable.map((e) => e.step)).toEqual([9, 6])
    expect(unusable[0]!.message).toMatch(/100 bytes/)
    expect(unusable[1]!.message).toMatch(/missing/)
    expect(d.events.find((e) => e.kind === 'resumed')?.message).toMatch(/step 3/)
    expect(d.run.checkpointStep).toBe(3)
    expect(d.curves.step.at(-1)).toBeLessThanOrEqual(4)
    await b.svc.cancel(run.id)
    await b.svc.waitFor(run.id)
    expect(files().some((f) => f.endsWith('.tmp'))).toBe(false)
  })

  it('pauses and resumes a live fit, cancels one, and deletes a run with its files', async () => {
    const { svc } = service({ stepDelayMs: 5 })
    const run = await svc.start({ datasetId: 'ds1', config: { optim: { ...optim, steps: 2000 } } as never })
    await new Promise((r) => setTimeout(r, 60))
    expect(svc.pause(run.id).status).toBe('paused')
    await new Promise((r) => setTimeout(r, 80))
    const pausedAt = svc.runs.get(run.id).summary.step
    await new Promise((r) => setTimeout(r, 80))
    expect(svc.runs.get(run.id).summary.step).toBe(pausedAt)
    expect(svc.get(run.id).events.some((e) => e.kind === 'paused')).toBe(true)
    expect((await svc.resume(run.id)).status).toBe('running')
    await until(() => svc.runs.get(run.id).summary.step > pausedAt)
    svc.cancel(run.id)
    const end = await svc.waitFor(run.id)
    expect(end.status).toBe('cancelled')
    expect(end.step).toBeGreaterThan(pausedAt)
    expect(events.some((e) => e.name === 'fit.cancelled')).toBe(true)
    expect(await svc.delete(run.id)).toEqual({ deleted: true })
    expect(() => svc.get(run.id)).toThrow(/No run/)
    expect(readdirSync(dir)).not.toContain(run.id)
  })

  it('records divergence events and failures', async () => {
    const { svc } = service({ divergeAt: 2, failAt: 5 })
    const run = await svc.start({ datasetId: 'ds1', config: { optim } as never })
    const end = await svc.waitFor(run.id)
    expect(end.status).toBe('failed')
    expect(end.error?.message).toBe('fake engine failure')
    const d = svc.get(run.id)
    expect(d.events.find((e) => e.kind === 'diverged')).toMatchObject({ step: 2 })
    expect(events.find((e) => e.name === 'fit.failed')?.payload).toMatchObject({
      runId: run.id,
      error: { code: 'INTERNAL' }
    })
  })

  it('refuses to resume a completed fit without a new target, and unknown runs', async () => {
    const { svc } = service()
    const run = await svc.start({ datasetId: 'ds1', config: { optim } as never })
    await svc.waitFor(run.id)
    await expect(svc.resume(run.id)).rejects.toThrow(/cannot be resumed: it is completed/)
    await expect(svc.resume('nope')).rejects.toThrow(/No run with id "nope"/)
    const more = await svc.resume(run.id, { steps: 15 })
    expect(more.targetSteps).toBe(15)
    expect((await svc.waitFor(run.id)).step).toBe(15)
  })

  it('decimates long curves to maxPoints, keeping the last step', async () => {
    const { svc } = service()
    const run = await svc.start({
      datasetId: 'ds1',
      config: { optim: { ...optim, steps: 50, evalEvery: 50, checkpointEvery: 50 } } as never
    })
    await svc.waitFor(run.id)
    const c = svc.get(run.id, 10).curves
    expect(c.step.length).toBeLessThanOrEqual(10)
    expect(c.step[0]).toBe(1)
    expect(c.step.at(-1)).toBe(50)
  })
})

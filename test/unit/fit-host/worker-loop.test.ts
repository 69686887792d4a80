// The worker's fit loop with a fake trainer: cadences, early stopping, limits, pause/cancel, failures.
import { describe, expect, it } from 'vitest'
import { FLAG, FLAG_COUNT, type LoopOptions, type StartMessage } from '../../../src/main/fit-host/protocol'
import { resolveFitConfig } from '@shared/domain/model-config'
import type { FitData } from '../../../src/main/engine'
import { runFitLoop, type LoopMessage } from '../../../src/main/fit-host/worker-loop'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { fakeCreateTrainer, type FakeOptions } from '../runs/helpers/fake-trainer'
import { makeSession } from '../runs/helpers/sessions'

const data: FitData = prepareFitData([makeSession({}, 1)], 0.2).data

function startMsg(
  optim: Record<string, unknown>,
  opts: Partial<LoopOptions> = {},
  state: Uint8Array | null = null
): StartMessage<FitData> {
  return {
    type: 'start',
    jobId: 'job',
    data,
    config: resolveFitConfig({ optim }),
    state,
    flags: new SharedArrayBuffer(FLAG_COUNT * 4),
    options: {
      targetSteps: (optim['steps'] as number) ?? 10,
      timeLimitMs: null,
      progressIntervalMs: 0,
      bestTTrial: null,
      evalsSinceBest: 0,
      sampleTrials: 2,
      sampleNeurons: 3,
      ...opts
    }
  }
}

async function run(
  start: StartMessage<FitData>,
  fake: FakeOptions = {},
  onMsg?: (m: LoopMessage) => void
): Promise<LoopMessage[]> {
  const out: LoopMessage[] = []
  await runFitLoop(start, {
    createTrainer: fakeCreateTrainer(fake),
    post: (m) => {
      out.push(m)
      onMsg?.(m)
    }
  })
  return out
}

const steps = (msgs: LoopMessage[]): number[] =>
  msgs.flatMap((m) => (m.type === 'progress' ? m.reports.map((r) => r.step) : []))

describe('runFitLoop', () => {
  it('reports every step once, evaluates and checkpoints on their cadence, then finishes', async () => {
    const msgs = await run(startMsg({ steps: 10, evalEvery: 4, checkpointEvery: 5, earlyStopPatience: 0 }))
    expect(msgs[0]).toMatchObject({ type: 'ready', backend: 'fake', step: 0 })
    expect(steps(msgs)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(msgs.filter((m) => m.type === 'evaluation').map((m) => m.step)).toEqual([4, 8, 10])
    const ckpts = msgs.filter((m) => m.type === 'checkpoint')
    expect(ckpts.map((m) => m.step)).toContain(5)
    expect(ckpts.map((m) => m.step)).toContain(10)
    expect(msgs.at(-1)).toMatchObject({ type: 'done', step: 10, reason: 'completed' })
    // steps are always flushed before the checkpoint that covers them
    const firstCkpt = msgs.findIndex((m) => m.type === 'checkpoint' && m.step === 5)
    expect(steps(msgs.slice(0, firstCkpt))).toContain(5)
  })

  it('checkpoints a new best evaluation even off the checkpoint cadence and flags it', async () => {
    const msgs = await run(startMsg({ steps: 6, evalEvery: 3, checkpointEvery: 100, earlyStopPatience: 0 }))
    const ckpts = msgs.filter((m): m is Extract<LoopMessage, { type: 'checkpoint' }> => m.type === 'checkpoint')
    expect(ckpts.map((c) => [c.step, c.isBest])).toEqual([
      [3, true],
      [6, true]
    ])
    expect(ckpts[0]!.evalLoss).not.toBeNull()
  })

  // The best checkpoint and the early stop follow the held-out T'trial, not the held-out loss: the loss can bottom
  // out long before the T'trial stops rising (docs/fit-speed.md).
  const evaluations = (msgs: LoopMessage[]) =>
    msgs.filter((m): m is Extract<LoopMessage, { type: 'evaluation' }> => m.type === 'evaluation')
  const checkpoints = (msgs: LoopMessage[]) =>
    msgs.filter((m): m is Extract<LoopMessage, { type: 'checkpoint' }> => m.type === 'checkpoint')

  it("flags the highest held-out T'trial as best and keeps going while it rises, though the loss rises too", async () => {
    const msgs = await run(startMsg({ steps: 12, evalEvery: 2, checkpointEvery: 100, earlyStopPatience: 2 }), {
      evalLoss: (s) => 1 + s, // lowest at the first evaluation, then rising
      tTrial: (s) => (s <= 8 ? s / 10 : 0.8 - s / 100)
    })
    expect(msgs.at(-1)).toMatchObject({ type: 'done', step: 12, reason: 'early-stopped' })
    expect(evaluations(msgs).map((e) => [e.step, e.improved, e.bestTTrial, e.evalsSinceBest])).toEqual([
      [2, true, 0.2, 0],
      [4, true, 0.4, 0],
      [6, true, 0.6, 0],
      [8, true, 0.8, 0],
      [10, false, 0.8, 1],
      [12, false, 0.8, 2]
    ])
    const best = checkpoints(msgs).filter((c) => c.isBest)
    expect(best.at(-1)).toMatchObject({ step: 8, tTrial: 0.8, evalLoss: 9 })
    expect(checkpoints(msgs).find((c) => c.step === 12)).toMatchObject({ isBest: false, tTrial: 0.68, evalLoss: 13 })
  })

  it("stops early after `patience` evaluations without a higher held-out T'trial, though the loss still falls", async () => {
    const msgs = await run(startMsg({ steps: 100, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 2 }), {
      evalLoss: (s) => 100 - s,
      tTrial: (s) => (s <= 4 ? s / 10 : 0.4) // stalls after step 4: a tie is no improvement
    })
    expect(msgs.at(-1)).toMatchObject({ type: 'done', step: 8, reason: 'early-stopped' })
    expect(evaluations(msgs).map((e) => [e.step, e.improved, e.evalsSinceBest])).toEqual([
      [2, true, 0],
      [4, true, 0],
      [6, false, 1],
      [8, false, 2]
    ])
    expect(
      checkpoints(msgs)
        .filter((c) => c.isBest)
        .map((c) => c.step)
    ).toEqual([2, 4])
  })

  it("never counts a NaN held-out T'trial as an improvement", async () => {
    const msgs = await run(startMsg({ steps: 100, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 3 }), {
      tTrial: (s) => (s === 4 ? 0.3 : Number.NaN)
    })
    expect(msgs.at(-1)).toMatchObject({ type: 'done', step: 10, reason: 'early-stopped' })
    expect(evaluations(msgs).map((e) => [e.step, e.improved, e.bestTTrial, e.evalsSinceBest])).toEqual([
      [2, false, null, 1],
      [4, true, 0.3, 0],
      [6, false, 0.3, 1],
      [8, false, 0.3, 2],
      [10, false, 0.3, 3]
    ])
    expect(checkpoints(msgs).map((c) => [c.step, c.tTrial, c.isBest])).toEqual([
      [2, null, false],
      [4, 0.3, true],
      [6, null, false],
      [8, null, false],
      [10, null, false]
    ])
  })

  it('continues early-stopping bookkeeping from the state it is given', async () => {
    const msgs = await run(
      startMsg(
        { steps: 100, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 2 },
        { bestTTrial: 0.7, evalsSinceBest: 1 }
      ),
      { tTrial: (s) => (s === 2 ? 0.7 : 0.9) } // a tie with the best so far is no improvement
    )
    expect(msgs.at(-1)).toMatchObject({ type: 'done', step: 2, reason: 'early-stopped' })
  })

  it('resumed from a checkpoint with its early-stopping state, stops and flags the best as the uninterrupted run', async () => {
    const optim = { steps: 40, evalEvery: 2, checkpointEvery: 4, earlyStopPatience: 3, seed: 5 }
    const fake = { tTrial: (s: number) => [0.1, 0.3, 0.2, 0.25, 0.5, 0.4, 0.45, 0.3, 0.2, 0.6][s / 2 - 1] ?? 0.1 }
    const full = await run(startMsg(optim), fake)
    expect(full.at(-1)).toMatchObject({ type: 'done', step: 16, reason: 'early-stopped' })
    for (const at of [4, 8, 12]) {
      // the early-stopping state a checkpoint records: that of the evaluation at its step (job.ts)
      const ck = checkpoints(full).find((c) => c.step === at)!
      const ev = evaluations(full).find((e) => e.step === at)!
      const resumed = await run(
        startMsg(optim, { bestTTrial: ev.bestTTrial, evalsSinceBest: ev.evalsSinceBest }, ck.state),
        fake
      )
      const after = (m: LoopMessage[]) => m.filter((x) => x.step > at && x.type !== 'progress' && x.type !== 'ready')
      const comparable = (m: LoopMessage[]) =>
        after(m).map((x) => (x.type === 'checkpoint' ? { ...x, state: Array.from(x.state), params: null } : x))
      expect(comparable(resumed)).toEqual(comparable(full))
    }
  })

  it('stops at the time limit with a final evaluation and checkpoint', async () => {
    let t = 0
    const out: LoopMessage[] = []
    await runFitLoop(startMsg({ steps: 1000, evalEvery: 1000, checkpointEvery: 1000 }, { timeLimitMs: 50 }), {
      createTrainer: fakeCreateTrainer(),
      post: (m) => out.push(m),
      now: () => (t += 4)
    })
    const done = out.at(-1)
    expect(done).toMatchObject({ type: 'done', reason: 'time-limit' })
    expect(done!.step).toBeGreaterThan(0)
    expect(done!.step).toBeLessThan(1000)
    expect(out.some((m) => m.type === 'checkpoint' && m.step === done!.step)).toBe(true)
    expect(out.some((m) => m.type === 'evaluation' && m.step === done!.step)).toBe(true)
  })

  it('resumed from a checkpoint, reproduces the uninterrupted run step for step', async () => {
    const optim = { steps: 12, evalEvery: 3, checkpointEvery: 6, earlyStopPatience: 0, seed: 7 }
    const full = await run(startMsg(optim))
    const ck = full.find(
      (m): m is Extract<LoopMessage, { type: 'checkpoint' }> => m.type === 'checkpoint' && m.step === 6
    )!
    const resumed = await run(startMsg(optim, {}, ck.state))
    expect(resumed[0]).toMatchObject({ type: 'ready', step: 6 })
    const reports = (msgs: LoopMessage[]) => msgs.flatMap((m) => (m.type === 'progress' ? m.reports : []))
    expect(reports(resumed)).toEqual(reports(full).filter((r) => r.step > 6))
    const lastState = (msgs: LoopMessage[]) =>
      msgs.filter((m): m is Extract<LoopMessage, { type: 'checkpoint' }> => m.type === 'checkpoint').at(-1)!.state
    expect(Array.from(lastState(resumed))).toEqual(Array.from(lastState(full)))
  })

  it('forwards roll-backs with the step report', async () => {
    const msgs = await run(startMsg({ steps: 5, evalEvery: 5, checkpointEvery: 5 }), { divergeAt: 3 })
    const rep = msgs.flatMap((m) => (m.type === 'progress' ? m.reports : [])).find((r) => r.step === 3)
    expect(rep?.rolledBack).toEqual({ reason: 'NaN loss', newLr: 0.0005 })
  })

  it('pauses (after checkpointing), waits, and resumes where it was', async () => {
    const start = startMsg({ steps: 6, evalEvery: 100, checkpointEvery: 100 })
    const flags = new Int32Array(start.flags)
    const msgs = await run(start, { stepDelayMs: 1 }, (m) => {
      if (m.type === 'progress' && m.step === 2) Atomics.store(flags, FLAG.pause, 1)
      if (m.type === 'paused') setTimeout(() => Atomics.store(flags, FLAG.pause, 0), 120)
    })
    const types = msgs.map((m) => m.type)
    const paused = types.indexOf('paused')
    expect(paused).toBeGreaterThan(0)
    expect(msgs[paused - 1]).toMatchObject({ type: 'checkpoint', step: msgs[paused]!.step })
    expect(types[paused + 1]).toBe('resumed')
    expect(msgs.at(-1)).toMatchObject({ type: 'done', step: 6 })
  })

  it('answers a cancel with `cancelled` and no further checkpoint', async () => {
    const start = startMsg({ steps: 1000, evalEvery: 1000, checkpointEvery: 1000 })
    const flags = new Int32Array(start.flags)
    const msgs = await run(start, { stepDelayMs: 2 }, (m) => {
      if (m.type === 'progress' && m.step >= 3) Atomics.store(flags, FLAG.cancel, 1)
    })
    expect(msgs.at(-1)?.type).toBe('cancelled')
    expect(msgs.some((m) => m.type === 'checkpoint')).toBe(false)
    expect(msgs.at(-1)!.step).toBeLessThan(1000)
  })

  it('turns an engine error into `failed` with the message', async () => {
    const msgs = await run(startMsg({ steps: 10 }), { failAt: 4 })
    expect(msgs.at(-1)).toMatchObject({
      type: 'failed',
      step: 3,
      error: { code: 'INTERNAL', message: 'fake engine failure' }
    })
  })

  it('sends a sparse sample raster with evaluations', async () => {
    const msgs = await run(startMsg({ steps: 2, evalEvery: 2, checkpointEvery: 2 }))
    const ev = msgs.find((m): m is Extract<LoopMessage, { type: 'evaluation' }> => m.type === 'evaluation')!
    expect(ev.sample).not.toBeNull()
    const s = ev.sample!
    expect(s.nTrials).toBe(2)
    expect(s.stimulus).toEqual([4, 0])
    expect(s.neurons).toHaveLength(3)
    expect(s.trial.length).toBe(s.bin.length)
    expect(s.row.every((r) => r < 3)).toBe(true)
  })
})

// `rsnn sweep --local`: tasks run as child processes on this machine and are merged into the store as they
// complete; Ctrl-C stops them keeping their checkpoints, and running the sweep again continues them from those
// checkpoints (not re-running finished ones); the two tasks, the same fit on 1 and 2 threads, end with the same
// numbers. A sweep process killed outright (kill -9) takes its running task down with it (no fit left running
// unseen), and the re-run resumes that task to the numbers of the uninterrupted one.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli, ensureBuilt, importExample, lastJson, startCli, until, withStore } from '../runs/cli-helpers'

let work: string
let store: string
beforeAll(async () => {
  ensureBuilt()
  work = mkdtempSync(join(tmpdir(), 'rsnn-sweep-local-'))
  store = join(work, 'store')
  await importExample(store)
})
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The task's run in its store: id, status and the steps it was resumed from. */
function taskRun(dir: string, i: number): { id: string; status: string; resumedFrom: number[] } | null {
  try {
    return withStore(join(dir, 'tasks', String(i), 'store'), (db) => {
      const r = db.prepare('SELECT id, status FROM runs').get() as { id: string; status: string } | undefined
      if (!r) return null
      const ev = db
        .prepare("SELECT step FROM run_events WHERE run_id = ? AND kind = 'resumed' ORDER BY id")
        .all(r.id) as { step: number }[]
      return { ...r, resumedFrom: ev.map((e) => e.step) }
    })
  } catch {
    return null
  }
}

/** Long enough that Ctrl-C after the first checkpoints finds the tasks still running, even on an idle machine. */
const STEPS = 40

const sweepFile = (name: string): string => {
  const file = join(work, `${name}.json`)
  // Same seed, 1 vs 2 threads: the same fit (bit-identical), one task each.
  writeFileSync(
    file,
    JSON.stringify({
      name,
      datasets: ['pseudo-session-1 +3'],
      base: {
        model: { neuronsPerArea: 60 },
        optim: { steps: STEPS, batchSize: 8, evalEvery: 4, checkpointEvery: 2, earlyStopPatience: 0 }
      },
      axes: { 'engine.threads': [1, 2] },
      seeds: [3]
    })
  )
  return file
}

const checkpointSteps = (dir: string, i: number): number => {
  try {
    return withStore(
      join(dir, 'tasks', String(i), 'store'),
      (db) => (db.prepare('SELECT checkpoint_step AS s FROM runs').get() as { s: number } | undefined)?.s ?? 0
    )
  } catch {
    return 0
  }
}

describe('rsnn sweep --local', () => {
  it('runs, stops on Ctrl-C keeping checkpoints, continues on a re-run, merges each run once', async () => {
    const file = sweepFile('local')
    const dir = join(work, 'sweep')
    const first = startCli(['sweep', file, '--local', '--out', dir, '--parallel', '2', '--store', store, '--json'])
    await until(() => checkpointSteps(dir, 0) >= 2 && checkpointSteps(dir, 1) >= 2, 120_000)
    first.child.kill('SIGINT')
    const stopped = await first.done
    expect(stopped.code, stopped.stderr).toBe(130)
    expect(lastJson(stopped)).toMatchObject({ name: 'sweep-result', stopped: true })
    const status = lastJson<{ tasks: { status: string; step: number }[] }>(
      await cli(['sweep-status', dir, '--json', '--store', store])
    )
    // A task may finish in the moment before Ctrl-C reaches it; the others are stopped, not completed.
    const interrupted = [0, 1].filter((i) => status.tasks[i]!.status !== 'completed')
    expect(interrupted.length).toBeGreaterThan(0)
    const before = [taskRun(dir, 0)!, taskRun(dir, 1)!]

    const again = await cli(['sweep', file, '--local', '--out', dir, '--parallel', '2', '--store', store, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(lastJson(again)).toMatchObject({
      name: 'sweep-result',
      ran: interrupted.length,
      skipped: 2 - interrupted.length,
      failed: 0
    })
    const done = lastJson<{ tasks: { status: string; step: number; metrics: unknown }[] }>(
      await cli(['sweep-status', dir, '--json', '--store', store])
    )
    expect(done.tasks.map((t) => [t.status, t.step])).toEqual([
      ['completed', STEPS],
      ['completed', STEPS]
    ])
    expect(done.tasks[1]!.metrics).toEqual(done.tasks[0]!.metrics)
    // continued, not restarted: the same runs, resumed from a checkpoint past step 0
    for (const i of interrupted) {
      const after = taskRun(dir, i)!
      expect(after.id).toBe(before[i]!.id)
      expect(after.resumedFrom).toHaveLength(1)
      expect(after.resumedFrom[0]).toBeGreaterThanOrEqual(2)
    }

    // A third run has nothing to do; the store holds each task's run once.
    expect(lastJson(await cli(['sweep', file, '--local', '--out', dir, '--store', store, '--json']))).toMatchObject({
      ran: 0,
      skipped: 2
    })
    const runs = JSON.parse((await cli(['runs', '--json', '--store', store])).stdout) as {
      sweep: { index: number; params: Record<string, unknown> }
    }[]
    expect(runs.map((r) => r.sweep.index).sort()).toEqual([0, 1])
    expect(runs[0]!.sweep.params).toMatchObject({ seed: 3 })
  }, 300_000)

  it('a sweep process killed with SIGKILL stops its running task; the re-run resumes it to the uninterrupted numbers', async () => {
    const file = sweepFile('crash')
    const dir = join(work, 'crash')
    const other = join(work, 'crash-store')
    await importExample(other)
    // one at a time: task 1 has not started when the sweep dies
    const first = startCli(['sweep', file, '--local', '--out', dir, '--parallel', '1', '--store', other, '--json'])
    await until(() => checkpointSteps(dir, 0) >= 2, 120_000)
    expect(taskRun(dir, 1)).toBeNull()
    first.child.kill('SIGKILL')
    await first.done
    // The task notices (its IPC channel closes) and stops at a step, keeping its checkpoint; it does not finish.
    await until(() => ['cancelled', 'interrupted'].includes(taskRun(dir, 0)?.status ?? ''), 60_000)
    const stoppedRun = taskRun(dir, 0)!
    expect(readFileSync(join(dir, 'tasks', '0', 'log.txt'), 'utf8')).toMatch(/the sweep process is gone/)

    const again = await cli(['sweep', file, '--local', '--out', dir, '--parallel', '1', '--store', other, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(lastJson(again)).toMatchObject({ name: 'sweep-result', ran: 2, skipped: 0, failed: 0 })
    const resumed = taskRun(dir, 0)!
    expect(resumed.id).toBe(stoppedRun.id)
    expect(resumed.resumedFrom[0]).toBeGreaterThanOrEqual(2)
    expect(taskRun(dir, 1)!.resumedFrom).toEqual([]) // task 1 ran uninterrupted
    const done = lastJson<{ name: string; tasks: { status: string; step: number; metrics: unknown }[] }>(
      await cli(['sweep-status', dir, '--json', '--store', other])
    )
    expect(done.name).toBe('sweep-status')
    expect(done.tasks.map((t) => [t.status, t.step])).toEqual([
      ['completed', STEPS],
      ['completed', STEPS]
    ])
    expect(done.tasks[0]!.metrics).toEqual(done.tasks[1]!.metrics)
  }, 300_000)
})

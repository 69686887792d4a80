// `rsnn sweep --local`: tasks run as child processes on this machine and are merged into the store as they
// complete; Ctrl-C stops them keeping their checkpoints, and running the sweep again continues them (not
// re-running finished ones); the two tasks, the same fit on 1 and 2 threads, end with the same numbers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
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

const checkpointSteps = (dir: string, i: number): number => {
  try {
    return withStore(join(dir, 'tasks', String(i), 'store'), (db) => (db.prepare('SELECT checkpoint_step AS s FROM runs').get() as { s: number } | undefined)?.s ?? 0)
  } catch {
    return 0
  }
}

describe('rsnn sweep --local', () => {
  it('runs, stops on Ctrl-C keeping checkpoints, continues on a re-run, merges each run once', async () => {
    const file = join(work, 'sweep.json')
    const dir = join(work, 'sweep')
    // Same seed, 1 vs 2 threads: the same fit (bit-identical), one task each.
    writeFileSync(file, JSON.stringify({
      name: 'local',
      datasets: ['pseudo-session-1 +3'],
      base: { model: { neuronsPerArea: 60 }, optim: { steps: 12, batchSize: 8, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 0 } },
      axes: { 'engine.threads': [1, 2] },
      seeds: [3]
    }))
    const first = startCli(['sweep', file, '--local', '--out', dir, '--parallel', '2', '--store', store, '--json'])
    await until(() => checkpointSteps(dir, 0) >= 2 && checkpointSteps(dir, 1) >= 2, 120_000)
    first.child.kill('SIGINT')
    const stopped = await first.done
    expect(stopped.code, stopped.stderr).toBe(130)
    expect(lastJson(stopped)).toMatchObject({ name: 'sweep-result', stopped: true })
    const status = lastJson<{ tasks: { status: string; step: number }[] }>(await cli(['sweep-status', dir, '--json', '--store', store]))
    expect(status.tasks.map((t) => t.status)).not.toContain('completed')

    const again = await cli(['sweep', file, '--local', '--out', dir, '--parallel', '2', '--store', store, '--json'])
    expect(again.code, again.stderr).toBe(0)
    expect(lastJson(again)).toMatchObject({ name: 'sweep-result', ran: 2, skipped: 0, failed: 0 })
    const done = lastJson<{ tasks: { status: string; step: number; metrics: unknown }[] }>(await cli(['sweep-status', dir, '--json', '--store', store]))
    expect(done.tasks.map((t) => [t.status, t.step])).toEqual([['completed', 12], ['completed', 12]])
    expect(done.tasks[1]!.metrics).toEqual(done.tasks[0]!.metrics)

    // A third run has nothing to do; the store holds each task's run once.
    expect(lastJson(await cli(['sweep', file, '--local', '--out', dir, '--store', store, '--json']))).toMatchObject({ ran: 0, skipped: 2 })
    const runs = JSON.parse((await cli(['runs', '--json', '--store', store])).stdout) as { sweep: { index: number; params: Record<string, unknown> } }[]
    expect(runs.map((r) => r.sweep.index).sort()).toEqual([0, 1])
    expect(runs[0]!.sweep.params).toMatchObject({ seed: 3 })
  }, 300_000)
})

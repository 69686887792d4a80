// Sweeps on a real (one-node) Slurm cluster: a 4-task sweep of tiny fits through sbatch, followed by sweep-status
// to completion, merged into the store (twice: still 4 runs); one task cancelled with scancel mid-run is resumed
// by `sweep --resume` and ends with the same metrics as the uninterrupted task of the same seed.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cliJs, ensureBuilt, importExample, withStore } from '../runs/cli-helpers'
import { runNode } from '../built'
import { startSlurm, type SlurmCluster } from './cluster'

let cluster: SlurmCluster | null = null
let skip = ''
let work: string
let store: string

beforeAll(async () => {
  const c = await startSlurm()
  if ('skip' in c) {
    skip = c.skip
    return
  }
  cluster = c
  ensureBuilt()
  work = mkdtempSync(join(tmpdir(), 'rsnn-sweep-slurm-'))
  store = join(work, 'store')
  await importExample(store)
}, 180_000)

afterAll(async () => {
  await cluster?.stop()
  if (work) rmSync(work, { recursive: true, force: true })
})

const rsnn = async (args: string[]) => {
  const r = await runNode(cliJs, [...args, '--store', store], cluster!.env)
  if (r.code !== 0) throw new Error(`rsnn ${args.join(' ')} → ${r.code}: ${r.stderr}`)
  return r.stdout
}

interface TaskState {
  index: number
  status: string
  params: Record<string, unknown>
  run: string | null
  step: number | null
  metrics: Record<string, number | null> | null
  jobId: string | null
}
/** sweep-status --json; a failed task ends the test at once, with its log. */
async function status(dir: string): Promise<TaskState[]> {
  const tasks = (JSON.parse((await rsnn(['sweep-status', dir, '--json'])).trim()) as { tasks: TaskState[] }).tasks
  const failed = tasks.find((t) => t.status === 'failed')
  if (failed) {
    const logs = readdirSync(join(dir, 'tasks', String(failed.index))).filter((f) => f.endsWith('.out'))
    const text = logs.map((f) => readFileSync(join(dir, 'tasks', String(failed.index), f), 'utf8')).join('\n')
    throw new Error(`task ${failed.index} failed: ${JSON.stringify(failed)}\n${text.slice(-2000)}`)
  }
  return tasks
}

async function waitFor(what: string, cond: () => Promise<boolean> | boolean, ms = 240_000): Promise<void> {
  const t0 = Date.now()
  while (!(await cond())) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 300))
  }
}

/** The task store's run: status and last registered checkpoint. */
function taskRun(dir: string, i: number): { status: string; checkpoint_step: number } | undefined {
  const db = join(dir, 'tasks', String(i), 'store')
  if (!existsSync(join(db, 'studio.db'))) return undefined
  try {
    return withStore(db, (d) => d.prepare('SELECT status, checkpoint_step FROM runs').get()) as
      { status: string; checkpoint_step: number } | undefined
  } catch {
    return undefined // the task is still creating its store
  }
}

describe('sweeps on Slurm', () => {
  it('runs a 4-task sweep through sbatch; scancel + --resume ends where the uninterrupted task did; merge is idempotent', async (t) => {
    if (!cluster) return t.skip(skip)
    const dir = join(work, 'sweep')
    const file = join(work, 'sweep.json')
    // Threads do not change a fit's numbers (bit-identical): tasks 0 and 2 are the same fit (seed 7), run apart.
    writeFileSync(
      file,
      JSON.stringify({
        name: 'slurm test',
        datasets: ['pseudo-session-1 +3'],
        base: {
          model: { neuronsPerArea: 60 },
          optim: { steps: 16, batchSize: 8, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 0 }
        },
        axes: { 'engine.threads': [1, 2] },
        seeds: [7, 8]
      })
    )
    const dry = await rsnn([
      'sweep',
      file,
      '--slurm',
      '--out',
      dir,
      '--cpus-per-task',
      '1',
      '--max-parallel',
      '2',
      '--time',
      '00:10:00',
      '--dry-run'
    ])
    expect(dry).toMatch(/#SBATCH --array=0-3%2/)
    expect(dry).toMatch(/sweep-task/)
    expect(existsSync(join(dir, 'submissions.jsonl'))).toBe(false) // dry run: nothing submitted
    for (const i of [0, 1, 2, 3]) expect(existsSync(join(dir, 'tasks', String(i), 'config.json'))).toBe(true)

    const sub = JSON.parse(
      (
        await rsnn(['sweep', file, '--slurm', '--out', dir, '--cpus-per-task', '1', '--max-parallel', '2', '--json'])
      ).trim()
    ) as { jobId: string; tasks: number }
    expect(sub.tasks).toBe(4)
    expect(sub.jobId).toMatch(/^\d+$/)

    // Cancel task 2 once it has a checkpoint and before it ends.
    await waitFor('task 2 to checkpoint', () => {
      const r = taskRun(dir, 2)
      return r !== undefined && r.status === 'running' && r.checkpoint_step >= 2
    })
    execFileSync('scancel', [`${sub.jobId}_2`], { env: cluster.env })
    await waitFor('the other tasks to finish and task 2 to be cancelled', async () => {
      const s = await status(dir)
      return s.filter((x) => x.status === 'completed').length === 3 && s[2]!.status === 'cancelled'
    })
    const cancelled = taskRun(dir, 2)!
    expect(cancelled.checkpoint_step).toBeLessThan(16)

    // --resume submits task 2 alone; it continues from its checkpoint.
    const resumed = JSON.parse((await rsnn(['sweep', dir, '--resume', '--json'])).trim()) as {
      jobId: string
      tasks: number[]
    }
    expect(resumed.tasks).toEqual([2])
    let seen = new Set<string>()
    await waitFor('every task to complete', async () => {
      const s = await status(dir)
      seen = new Set([...seen, ...s.map((x) => x.status)])
      return s.every((x) => x.status === 'completed')
    })
    const final = await status(dir)
    expect(final.map((x) => x.step)).toEqual([16, 16, 16, 16])
    expect(final[2]!.metrics).toEqual(final[0]!.metrics) // same seed, uninterrupted vs cancelled + resumed
    expect(final[3]!.metrics).toEqual(final[1]!.metrics)
    expect(final[0]!.metrics).not.toEqual(final[1]!.metrics)
    const log = readFileSync(join(dir, 'tasks', '2', `slurm-${sub.jobId}_2.out`), 'utf8')
    expect(log).toMatch(/terminated; the last checkpoint is kept/)

    const merged = JSON.parse((await rsnn(['merge', dir, '--json'])).trim()) as { merged: number }
    expect(merged.merged).toBe(4)
    const again = JSON.parse((await rsnn(['merge', dir, '--json'])).trim()) as {
      merged: number
      alreadyPresent: number
    }
    expect(again).toMatchObject({ merged: 0, alreadyPresent: 4 })
    const runs = JSON.parse(await rsnn(['runs', '--json'])) as {
      id: string
      status: string
      datasetName: string
      sweep: {
        index: number
        params: Record<string, unknown>
        host: string
        slurm: { jobId: string; arrayJobId: string; arrayTaskId: string }
      }
    }[]
    expect(runs).toHaveLength(4)
    const byIndex = runs.sort((a, b) => a.sweep.index - b.sweep.index)
    expect(byIndex.map((r) => r.sweep.params['seed'])).toEqual([7, 8, 7, 8])
    expect(byIndex[2]!.sweep.slurm).toMatchObject({ arrayJobId: resumed.jobId, arrayTaskId: '2' })
    expect(byIndex[0]!.sweep.slurm).toMatchObject({ arrayJobId: sub.jobId, arrayTaskId: '0' })
    expect(byIndex[0]!.sweep.host).toBeTruthy()
    expect(byIndex[0]!.datasetName).toBe('pseudo-session-1 +3') // points at the main store's dataset
    // Checkpoints came along: the merged run evaluates from its own files here.
    const ev = JSON.parse(
      (await rsnn(['eval', byIndex[2]!.id, '--checkpoint', 'last', '--recompute', '--json'])).trim().split('\n').at(-1)!
    ) as { metrics: unknown }
    expect(ev.metrics).toEqual(final[2]!.metrics)
  }, 420_000)
})

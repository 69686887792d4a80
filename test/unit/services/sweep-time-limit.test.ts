// A Slurm task killed by its time limit is reported as timed out (and is rerun by `sweep --resume`), whatever its
// store says after the SIGTERM (the fit stops as 'cancelled', or stays 'running' when killed before it could):
// the scheduler's TIMEOUT, read from sacct and squeue (fake commands on PATH), wins over the store's status, and
// its reason is the task's "why". Only a fit that completed first stays completed.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rerunSweepStatuses } from '@shared/domain/sweep-status'
import { resolveFitConfig } from '@shared/domain/model-config'
import type { RunStatus } from '@shared/domain/fit'
import { openDb } from '../../../src/main/store/db'
import { RunsRepo } from '../../../src/main/store/runs-repo'
import { schedulerStates } from '../../../src/main/services/sweeps/slurm'
import { taskStore, type SweepManifest } from '../../../src/main/services/sweeps/sweep-folder'
import { taskStates, taskStatus, type TaskRun } from '../../../src/main/services/sweeps/task-states'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-sweep-timeout-'))
const bin = join(dir, 'bin')
const sweep = join(dir, 'sweep')
const savedPath = process.env['PATH']

/** A command on PATH that prints `text` (sacct / squeue as a cluster would answer). */
function fakeCommand(name: string, text: string): void {
  const file = join(bin, name)
  writeFileSync(file, `#!/bin/sh\ncat <<'EOF'\n${text}\nEOF\n`)
  chmodSync(file, 0o755)
}

/** Task `index`'s own store with its one run in `status` (what the fit wrote before Slurm stopped it). */
function taskRun(index: number, status: RunStatus): void {
  const db = openDb(join(taskStore(sweep, index), 'studio.db'))
  try {
    const runs = new RunsRepo(db)
    const id = `run-${index}`
    runs.create({
      id,
      name: `demo #${index}`,
      datasetId: 'd',
      datasetName: 'demo',
      config: resolveFitConfig({}),
      split: [],
      appVersion: '0.1.0',
      targetSteps: 100,
      timeLimitS: null,
      createdAt: '2026-12-07T00:00:00.000Z'
    })
    runs.setStatus(id, status, { ownerPid: status === 'running' ? 999_999 : null })
  } finally {
    db.close()
  }
}

const manifest = { tasks: Array.from({ length: 5 }, (_, index) => ({ index, params: {}, targetSteps: 100 })) }

beforeAll(() => {
  mkdirSync(bin, { recursive: true })
  mkdirSync(sweep, { recursive: true })
  writeFileSync(
    join(sweep, 'submissions.jsonl'),
    `${JSON.stringify({ jobId: '77', indices: [0, 1, 2, 3, 4], at: '' })}\n`
  )
  // sacct -X -P -o JobID,State,Reason: a cancelled job's state carries "by UID"; ended jobs' reason is None.
  fakeCommand(
    'sacct',
    [
      '77_0|TIMEOUT|None',
      '77_1|TIMEOUT|None',
      '77_2|COMPLETED|None',
      '77_3|CANCELLED by 1000|None',
      '77_4|TIMEOUT|None'
    ].join('\n')
  )
  // squeue -r --states=all -o %i|%T|%r: jobs that ended recently, with Slurm's reason for the end.
  fakeCommand('squeue', ['77_0|TIMEOUT|TimeLimit', '77_1|TIMEOUT|TimeLimit'].join('\n'))
  process.env['PATH'] = `${bin}:${savedPath ?? ''}`
  taskRun(0, 'cancelled') // SIGTERM at the limit → runs.cancel: stopped at a step, checkpoint kept
  taskRun(1, 'running') // killed (SIGKILL after KillWait) before the store was updated
  taskRun(2, 'completed')
  taskRun(3, 'cancelled') // scancel by the user
  taskRun(4, 'completed') // the fit completed just before the limit
})
afterAll(() => {
  process.env['PATH'] = savedPath
  rmSync(dir, { recursive: true, force: true })
})

describe('a Slurm task stopped by its time limit', () => {
  it("reads Slurm's states per task (squeue after sacct; the state's first word)", async () => {
    const s = await schedulerStates(sweep)
    expect(s.get(0)).toEqual({ jobId: '77_0', state: 'TIMEOUT', reason: 'TimeLimit' })
    expect(s.get(3)).toEqual({ jobId: '77_3', state: 'CANCELLED', reason: 'None' })
    expect(s.get(4)).toEqual({ jobId: '77_4', state: 'TIMEOUT', reason: 'None' })
  })

  it('is timed out, says why, and is rerun by --resume; a completed fit stays completed', async () => {
    const tasks = await taskStates(sweep, manifest as unknown as SweepManifest, 'this-host')
    expect(tasks.map((t) => [t.index, t.status, t.error, t.jobId])).toEqual([
      [0, 'timed-out', 'Slurm: TIMEOUT (TimeLimit)', '77_0'],
      [1, 'timed-out', 'Slurm: TIMEOUT (TimeLimit)', '77_1'],
      [2, 'completed', null, '77_2'],
      [3, 'cancelled', 'Slurm: CANCELLED', '77_3'],
      [4, 'completed', null, '77_4']
    ])
    expect(rerunSweepStatuses).toContain('timed-out')
  })

  it("maps DEADLINE like TIMEOUT, and without Slurm's word falls back on the store", () => {
    const run = (status: RunStatus): TaskRun => ({
      id: 'r',
      status,
      step: 3,
      targetSteps: 100,
      metrics: null,
      error: null,
      ownerPid: null,
      host: 'other-host'
    })
    const sched = (state: string) => ({ jobId: '77_0', state, reason: 'None' })
    expect(taskStatus(run('cancelled'), sched('DEADLINE'), true, 'h')).toBe('timed-out')
    expect(taskStatus(run('running'), sched('TIMEOUT'), true, 'h')).toBe('timed-out')
    expect(taskStatus(run('completed'), sched('TIMEOUT'), true, 'h')).toBe('completed')
    // accounting off and the job gone from squeue: the store's own 'cancelled' is all that is known
    expect(taskStatus(run('cancelled'), undefined, true, 'h')).toBe('cancelled')
  })
})

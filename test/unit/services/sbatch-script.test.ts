// The sbatch job-array script: every option on its #SBATCH line, the array with its limit, per-task logs and
// stores, the app folder; options that Slurm would not take (or that would break a line) refused, naming them.
import { describe, expect, it } from 'vitest'
import { arraySpec, checkedSlurmOptions, sbatchScript } from '../../../src/main/services/sweeps/slurm'
import type { SweepManifest } from '../../../src/main/services/sweeps/sweep-folder'

const manifest = {
  id: 'demo-0123456789',
  name: 'demo',
  createdAt: '2026-12-07T00:00:00Z',
  appVersion: '0.1.0',
  tasks: Array.from({ length: 6 }, (_, index) => ({ index }))
} as unknown as SweepManifest
const app = { appRoot: "/opt/rsnn studio/it's", nodePath: '/usr/bin/node' }

describe('sbatchScript', () => {
  it('writes every option, the array with its limit, per-task logs and stores, and the app folder', () => {
    const s = sbatchScript(
      '/shared/sweep',
      manifest,
      { cpusPerTask: 4, time: '1-02:00:00', mem: '8G', partition: 'cpu,long', account: 'lab_x', maxParallel: 3 },
      app
    )
    const lines = s.split('\n')
    for (const l of [
      '#SBATCH --array=0-5%3',
      '#SBATCH --cpus-per-task=4',
      '#SBATCH --time=1-02:00:00',
      '#SBATCH --mem=8G',
      '#SBATCH --partition=cpu,long',
      '#SBATCH --account=lab_x',
      '#SBATCH --output=/shared/sweep/tasks/%a/slurm-%A_%a.out'
    ]) {
      expect(lines).toContain(l)
    }
    expect(lines).toContain(`APP='/opt/rsnn studio/it'\\''s'`)
    expect(s).toMatch(
      /exec "\$NODE" "\$APP\/out\/main\/cli.js" sweep-task "\$SWEEP" "\$TASK" --store "\$SWEEP\/tasks\/\$TASK\/store" --threads "\$\{SLURM_CPUS_PER_TASK:-1\}"/
    )
    const minimal = sbatchScript('/shared/sweep', manifest, { cpusPerTask: 2 }, app)
    expect(minimal).not.toMatch(/--time|--mem|--partition|--account/)
    expect(minimal).toContain('#SBATCH --array=0-5\n')
  })

  it('resubmits a list of tasks with the same limit', () => {
    expect(arraySpec([2, 5], 6, 2)).toBe('2,5%2')
    expect(arraySpec([0, 1, 2], 3)).toBe('0-2')
  })

  it('refuses options Slurm would not take, naming the option; a line break never reaches the script', () => {
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ time: 'two hours' }, 'slurm.time', /--time "two hours"/],
      [{ time: '01:00:00\n#SBATCH --uid=0' }, 'slurm.time', /--time/],
      [{ mem: '8 GB' }, 'slurm.mem', /--mem "8 GB": memory as 4G/],
      [{ partition: 'cpu\n#SBATCH --nodes=100' }, 'slurm.partition', /--partition/],
      [{ account: 'lab x' }, 'slurm.account', /--account "lab x"/],
      [{ cpusPerTask: 0 }, 'slurm.cpusPerTask', /--cpus-per-task 0/]
    ]
    for (const [opts, field, message] of bad) {
      let err: unknown
      try {
        sbatchScript('/shared/sweep', manifest, { cpusPerTask: 2, ...opts } as never, app)
      } catch (e) {
        err = e
      }
      expect(err, JSON.stringify(opts)).toMatchObject({ code: 'INVALID_INPUT', field })
      expect((err as Error).message).toMatch(message)
    }
    expect(checkedSlurmOptions({ cpusPerTask: 2, time: '90', mem: '500M' })).toEqual({
      cpusPerTask: 2,
      time: '90',
      mem: '500M'
    })
  })
})

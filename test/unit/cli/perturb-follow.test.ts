// `rsnn perturb` is an API client: it starts the experiment with perturbations.start, shows perturb.progress, ends
// on perturb.ended with the experiment's own error (code, file, field → exit code and --json error), and Ctrl-C
// sends perturbations.cancel. A fake transport plays the services, so every path is deterministic.
import { afterEach, describe, expect, it } from 'vitest'
import { createClientOver } from '@shared/contract/client'
import type { ExperimentSummary } from '@shared/domain/perturbation-experiment'
import type { CliContext } from '../../../src/main/cli/command'
import { Output } from '../../../src/main/cli/output'
import { perturbCommand } from '../../../src/main/cli/perturb'
import { reportFailure } from '../../../src/main/cli/run-cli'
import type { Container } from '../../../src/main/services/container'

const summary = (id: string): ExperimentSummary => ({
  id,
  runId: 'R',
  status: 'running',
  createdAt: '2026-12-07T00:00:00.000Z',
  label: 'area1 [0, 0.1) s',
  nConditions: 1,
  checkpoint: 'best',
  seconds: null,
  error: null
})

/** A fake service side: records calls, answers start with `id`, lets the test push events (also mid-start). */
function fakeServices(onStart: (push: (name: string, payload: unknown) => void) => void = () => undefined) {
  const calls: { method: string; input: unknown }[] = []
  const listeners = new Set<(e: { name: string; payload: unknown }) => void>()
  const push = (name: string, payload: unknown): void => listeners.forEach((l) => l({ name, payload }))
  const client = createClientOver(
    {
      invoke: (method, input) => {
        calls.push({ method, input })
        if (method === 'perturbations.start') {
          onStart(push)
          return Promise.resolve({ ok: true, value: summary('E1') })
        }
        if (method === 'perturbations.cancel') return Promise.resolve({ ok: true, value: { cancelled: true } })
        return Promise.resolve({ ok: false, error: { code: 'NOT_FOUND', message: `no fake for ${method}` } })
      },
      subscribe: (l) => {
        listeners.add(l)
        return () => listeners.delete(l)
      }
    },
    'local'
  )
  const out: string[] = []
  const err: string[] = []
  const output = new Output({ write: (s: string) => out.push(s) }, { write: (s: string) => err.push(s) })
  const ctx: CliContext = { api: client.api, on: client.on, container: {} as Container, json: true, out: output }
  return { ctx, calls, push, out, err, output }
}

const args = { positionals: ['R'], values: { area: 'area1', window: '0,0.1', seeds: '2' } }
const sigintsBefore = process.listeners('SIGINT')
/** Plays Ctrl-C to the listeners the command added (never to the test runner's own). */
const ctrlC = (): void =>
  process
    .listeners('SIGINT')
    .filter((l) => !sigintsBefore.includes(l))
    .forEach((l) => (l as (s: string) => void)('SIGINT'))
const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0))
afterEach(() => expect(process.listeners('SIGINT')).toEqual(sigintsBefore))

describe('rsnn perturb through the API', () => {
  it('a failure during the experiment ends the command with its code, file and field (exit 1, --json error)', async () => {
    const f = fakeServices()
    const done = perturbCommand.run(f.ctx, args)
    await tick()
    expect(f.calls[0]).toMatchObject({ method: 'perturbations.start', input: { runId: 'R', seeds: 2 } })
    f.push('perturb.progress', { id: 'E1', runId: 'R', fraction: 0.5, stage: 'seed 1/2: control' })
    f.push('perturb.progress', { id: 'other', runId: 'R', fraction: 0.9, stage: 'not mine' })
    const error = { code: 'IO_ERROR', message: '/s/ckpt.h5: cannot read the checkpoint', file: '/s/ckpt.h5' }
    f.push('perturb.ended', { id: 'E1', runId: 'R', status: 'failed', error })
    const thrown = await done.then(
      () => null,
      (e: unknown) => e
    )
    expect(thrown).toMatchObject({ name: 'AppError', code: 'IO_ERROR', file: '/s/ckpt.h5', message: error.message })
    expect(f.err.join('')).toBe('seed 1/2: control: 50%\n')
    expect(reportFailure(thrown, f.output, true)).toBe(1)
    expect(JSON.parse(f.out.at(-1)!)).toEqual({ error })
  })

  it('an experiment that fails before perturbations.start answers is not missed', async () => {
    const f = fakeServices((push) =>
      push('perturb.ended', {
        id: 'E1',
        runId: 'R',
        status: 'failed',
        error: { code: 'BAD_VALUE', message: 'trials: no recorded trials', field: 'trials' }
      })
    )
    await expect(perturbCommand.run(f.ctx, args)).rejects.toMatchObject({ code: 'BAD_VALUE', field: 'trials' })
  })

  it('Ctrl-C sends perturbations.cancel and ends with CANCELLED (exit 1); before the start answered too', async () => {
    const f = fakeServices()
    const done = perturbCommand.run(f.ctx, args)
    await tick()
    ctrlC()
    await tick()
    expect(f.calls.map((c) => c.method)).toEqual(['perturbations.start', 'perturbations.cancel'])
    expect(f.calls[1]!.input).toEqual({ id: 'E1' })
    const error = { code: 'CANCELLED', message: 'id: the experiment was cancelled', field: 'id' }
    f.push('perturb.ended', { id: 'E1', runId: 'R', status: 'cancelled', error })
    const thrown = await done.catch((e: unknown) => e)
    expect(thrown).toMatchObject({ code: 'CANCELLED', message: error.message })
    expect(reportFailure(thrown, f.output, false)).toBe(1)

    const early = fakeServices(() => ctrlC())
    const run = perturbCommand.run(early.ctx, args)
    await tick()
    expect(early.calls.map((c) => c.method)).toEqual(['perturbations.start', 'perturbations.cancel'])
    early.push('perturb.ended', { id: 'E1', runId: 'R', status: 'cancelled', error })
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})

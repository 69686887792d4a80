// runCli in-process with a fake io: output shape, --json, progress on a TTY vs a pipe, exit codes.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Output } from '../../../src/main/cli/output'
import { runCli } from '../../../src/main/cli/run-cli'
import { metricsHelpText } from '@shared/domain/metric-definitions'
import { fakeIo, makeSession, writeRecording } from '../services/fake-io'

let dir: string
let rec: string
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rsnn-runcli-'))
  rec = join(dir, 'rec.json')
  writeRecording(rec, [
    makeSession({
      name: 's1',
      units: [{ area: 'wS1' }, { area: 'wS1' }, { area: 'ALM' }],
      outcomes: ['Hit', 'Hit', 'CR', 'CR'],
      nBins: 3
    })
  ])
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function capture(tty: boolean) {
  const out: string[] = []
  const err: string[] = []
  const o = new Output(
    { write: (s: string) => out.push(s) },
    { write: (s: string) => err.push(s), isTTY: tty, columns: 60 }
  )
  return { o, out, err }
}

describe('runCli', () => {
  it('help metrics and help settings print the same text as the app', async () => {
    const m = capture(false)
    expect(await runCli(['help', 'metrics'], fakeIo().io, m.o)).toBe(0)
    expect(m.out.join('')).toBe(metricsHelpText())
    expect(m.out.join('')).toMatch(/T′trial data ceiling \(t_trial_pearson_ceiling\)/)
    const s = capture(false)
    expect(await runCli(['help', 'settings'], fakeIo().io, s.o)).toBe(0)
    expect(s.out.join('')).toContain('optim.steps  Optimiser steps (steps)')
    const u = capture(false)
    await runCli(['help'], fakeIo().io, u.o)
    expect(u.out.join('')).toContain('`help metrics`')
  })

  it('import prints per-session units per area, trials per outcome and window; plain progress lines on a pipe', async () => {
    const { o, out, err } = capture(false)
    const code = await runCli(['import', rec, '--store', join(dir, 's'), '--name', 'demo'], fakeIo().io, o)
    expect(code).toBe(0)
    const text = out.join('')
    expect(text).toMatch(/imported "demo" as dataset [0-9a-f]{12} \(1 sessions\)/)
    expect(text).toMatch(/units per area {2}wS1 2, ALM 1 {2}\(total 3\)/)
    expect(text).toMatch(/trials {10}Hit 2, Miss 0, CR 2, FA 0 {2}\(total 4\)/)
    expect(text).toMatch(/window {10}-0\.05 … -0\.02 s/)
    expect(err.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true)
    expect(err.join('')).toMatch(/reading rec\.json: \d+%/)
  })

  it('draws a redrawn bar on a TTY and prints datasets as JSON', async () => {
    const { o, err } = capture(true)
    expect(await runCli(['import', rec, '--store', join(dir, 't')], fakeIo().io, o)).toBe(0)
    expect(err.join('')).toMatch(/\r\[#*-*\] +\d+% /)
    const list = capture(false)
    expect(await runCli(['datasets', '--store', join(dir, 't'), '--json'], fakeIo().io, list.o)).toBe(0)
    expect(JSON.parse(list.out.join(''))).toEqual([expect.objectContaining({ name: 'rec', sessions: 1 })])
  })

  it('exit codes: 2 for usage errors, 1 for failures, JSON error with --json', async () => {
    const a = capture(false)
    expect(await runCli(['import', '--store', join(dir, 'u'), '--json'], fakeIo().io, a.o)).toBe(2)
    expect(JSON.parse(a.out.join(''))).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'FILES' } })
    const b = capture(false)
    expect(await runCli(['import', join(dir, 'missing.nwb'), '--store', join(dir, 'u')], fakeIo().io, b.o)).toBe(1)
    expect(b.err.join('')).toBe(`error: ${join(dir, 'missing.nwb')}: file not found\n`)
    const c = capture(false)
    expect(await runCli([], fakeIo().io, c.o)).toBe(2)
    expect(c.out.join('')).toMatch(/commands:\n {2}import/)
  })
})

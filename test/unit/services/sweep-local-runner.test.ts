// The local sweep runner with a stand-in for `rsnn sweep-task` (a script that notes when it runs): at most P tasks at
// once, each given --threads T and its own store, every task run once; stop() interrupts the running ones (SIGINT)
// and starts no more.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runLocal } from '../../../src/main/services/sweeps/local-runner'
import type { SweepManifest } from '../../../src/main/services/sweeps/sweep-folder'

const work = mkdtempSync(join(tmpdir(), 'rsnn-local-runner-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

// argv: cli.js sweep-task DIR INDEX --store S --threads T. Writes start/end lines to DIR/events; sleeps `ms`;
// SIGINT ends it with code 130 after writing 'stopped'.
const fake = join(work, 'fake-cli.js')
writeFileSync(
  fake,
  `
const fs = require('node:fs')
const [, , cmd, dir, index, , store, , threads] = process.argv
const ms = Number(process.env.FAKE_MS || 300)
const note = (what) => fs.appendFileSync(dir + '/events', JSON.stringify({ what, index: Number(index), store, threads, cmd, t: Date.now() }) + '\\n')
note('start')
process.on('SIGINT', () => { note('stopped'); process.exit(130) })
setTimeout(() => { note('end'); process.exit(0) }, ms)
`
)

function sweepDir(name: string, n: number): { dir: string; manifest: SweepManifest } {
  const dir = join(work, name)
  for (let i = 0; i < n; i++) mkdirSync(join(dir, 'tasks', String(i)), { recursive: true })
  const manifest = { tasks: Array.from({ length: n }, (_, index) => ({ index })) } as unknown as SweepManifest
  return { dir, manifest }
}

interface Ev {
  what: string
  index: number
  store: string
  threads: string
  cmd: string
  t: number
}
const events = (dir: string): Ev[] =>
  readFileSync(join(dir, 'events'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Ev)

describe('runLocal', () => {
  it('runs every task once, at most P at a time, each with T threads and its own store', async () => {
    const { dir, manifest } = sweepDir('p2', 5)
    let live = 0
    let peak = 0
    const ended: number[] = []
    const r = runLocal({
      dir,
      manifest,
      parallel: 2,
      threadsPerFit: 3,
      cliJs: fake,
      nodePath: process.execPath,
      onTaskStart: () => (peak = Math.max(peak, ++live)),
      onTaskEnd: (i, code) => {
        live--
        expect(code).toBe(0)
        ended.push(i)
      }
    })
    expect(await r.done).toEqual({ ran: 5, skipped: 0, stopped: false })
    expect(peak).toBe(2)
    expect(ended.sort()).toEqual([0, 1, 2, 3, 4])
    const ev = events(dir)
    const starts = ev.filter((e) => e.what === 'start')
    expect(starts.map((e) => e.index).sort()).toEqual([0, 1, 2, 3, 4])
    for (const s of starts) {
      expect(s.cmd).toBe('sweep-task')
      expect(s.threads).toBe('3')
      expect(s.store).toBe(join(dir, 'tasks', String(s.index), 'store'))
    }
    // never more than two between their start and end, as the processes themselves saw it
    let running = 0
    for (const e of ev.sort((a, b) => a.t - b.t || (a.what === 'end' ? -1 : 1))) {
      running += e.what === 'start' ? 1 : e.what === 'end' ? -1 : 0
      expect(running).toBeLessThanOrEqual(2)
    }
    expect(readdirSync(join(dir, 'tasks', '0'))).toContain('log.txt')
  })

  it('stop() interrupts the running tasks and starts no more', async () => {
    const { dir, manifest } = sweepDir('stop', 4)
    process.env['FAKE_MS'] = '20000'
    try {
      const codes: (number | null)[] = []
      let started = 0
      const r = runLocal({
        dir,
        manifest,
        parallel: 2,
        threadsPerFit: 1,
        cliJs: fake,
        nodePath: process.execPath,
        onTaskStart: () => started++,
        onTaskEnd: (_, code) => codes.push(code)
      })
      // both running processes have noted their start
      for (let i = 0; i < 200 && events2(dir).length < 2; i++) await new Promise((res) => setTimeout(res, 50))
      r.stop()
      expect(await r.done).toEqual({ ran: 2, skipped: 0, stopped: true })
      expect(started).toBe(2)
      expect(codes).toEqual([130, 130])
      expect(
        events(dir)
          .filter((e) => e.what === 'stopped')
          .map((e) => e.index)
          .sort()
      ).toEqual([0, 1])
    } finally {
      delete process.env['FAKE_MS']
    }
  })
})

function events2(dir: string): Ev[] {
  try {
    return events(dir)
  } catch {
    return []
  }
}

// HDF5 reads and writes in a worker thread per call (services/isolated): the same results and errors as the
// in-process readers, and a long-running server (browser mode) gives back the memory of an import once it is over.
// Evaluations in the worker: isolated-evaluate.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as io from '../../src/main/io'
import { isolatedWork } from '../../src/main/services/isolated/isolated-work'
import { buildNwb } from '../helpers/h5-builders/nwb'
import { rpc } from '../e2e/harness/rpc'
import { startBrowserMode } from '../e2e/harness/server'
import { EXAMPLES, ROOT, ensureBuilt } from './built'

const WORKER = join(ROOT, 'out/main/isolated-worker.js')
/** Spike times of the large recording: 80 MB of float64 that deflate packs into a small file. */
const BIG_SPIKES = 10_000_000

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-isolated-work-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Resident and peak memory of a process, MB (Linux /proc). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

describe('isolated io', () => {
  it('reads, refuses and writes exactly as the in-process io', async () => {
    const iso = isolatedWork({ workerPath: WORKER }).io
    const file = join(EXAMPLES, 'pseudo-session-1.nwb')
    const stages: string[] = []
    const there = await iso.readRecordingReport(file, {}, (_f, stage) => stages.push(stage))
    const here = await io.readRecordingReport(file, {})
    expect(isDeepStrictEqual(there, here)).toBe(true)
    expect(stages).toContain('reading')
    expect(isDeepStrictEqual(await iso.inspectRecording(file), await io.inspectRecording(file))).toBe(true)

    const truncated = join(dir, 'truncated.nwb')
    writeFileSync(truncated, readFileSync(file).subarray(0, 100_000))
    const refused = await iso.readRecordingReport(truncated, {}).catch((e: unknown) => e)
    const refusedHere = await io.readRecordingReport(truncated, {}).catch((e: unknown) => e)
    expect(refused).toMatchObject({
      code: (refusedHere as { code: string }).code,
      file: truncated,
      message: (refusedHere as Error).message
    })

    const out = join(dir, 'written.h5')
    await iso.writeSessionsH5(out, here.sessions, { name: 'x' })
    const readHere = await io.readSessionsH5(out)
    expect(isDeepStrictEqual(readHere, await io.readSessionsH5(await writeHere(here.sessions)))).toBe(true)
    // the store's dataset file read back in the worker (its typed arrays moved, not copied): the same sessions
    expect(isDeepStrictEqual(await iso.readSessionsH5(out), readHere)).toBe(true)
    const missing = await iso.readSessionsH5(join(dir, 'nothing.h5')).catch((e: unknown) => e)
    const missingHere = await io.readSessionsH5(join(dir, 'nothing.h5')).catch((e: unknown) => e)
    expect(missing).toMatchObject({
      code: (missingHere as { code: string }).code,
      message: (missingHere as Error).message
    })
  })

  it('browser mode returns the memory of an import: resident size back near where it was, the peak well above', async () => {
    // A recording whose spike times take 80 MB once read, and no trials: read in full, then refused.
    const big = await buildNwb(join(dir, 'big-no-trials.nwb'), {
      units: { ids: [1], spikeTimes: [Array.from({ length: BIG_SPIKES }, () => 1.5)], compressChunk: 1_000_000 }
    })
    const server = await startBrowserMode({ example: false })
    try {
      const pid = server.child.pid!
      expect((await rpc(server, 'datasets.list')).ok).toBe(true)
      const before = memoryMb(pid)
      const r = await rpc(server, 'datasets.import', { files: [big] })
      expect(r).toMatchObject({ ok: false, error: { code: 'EMPTY_RESULT', file: big } })
      // Worker threads give their memory back as they exit, which takes longer on a busy machine: wait for the
      // resident size to settle under the bound (at most 15 s), the bound itself unchanged.
      const readMb = (BIG_SPIKES * 8) / 2 ** 20
      let after = memoryMb(pid)
      let waited = 0
      for (; after.rss - before.rss >= readMb * 0.75 && waited < 15_000; waited += 250) {
        await new Promise((done) => setTimeout(done, 250))
        after = memoryMb(pid)
      }
      console.log(
        JSON.stringify({
          name: 'import-memory',
          before_rss_mb: before.rss,
          after_rss_mb: after.rss,
          peak_mb: after.peak,
          settle_ms: waited
        })
      )
      expect(after.peak - before.rss, 'the import did read its data in this process').toBeGreaterThan(readMb * 0.75)
      expect(
        after.rss - before.rss,
        `resident MB before ${before.rss}, after ${after.rss}, peak ${after.peak}`
      ).toBeLessThan(readMb * 0.75)
    } finally {
      await server.stop()
    }
  }, 120_000)
})

async function writeHere(sessions: io.ReadResult['sessions']): Promise<string> {
  const p = join(dir, 'written-here.h5')
  await io.writeSessionsH5(p, sessions, { name: 'x' })
  return p
}

// An import through the isolated worker (as in the CLI, browser mode and the Electron service child) reports its
// progress all along: the read's stages from the reading thread, then the binning and writing of the dataset file
// block by block from the writing thread, one bar from 0 to 1 that never goes back (the Import view and the CLI
// draw it from these import.progress events).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as io from '../../src/main/io'
import { createContainer } from '../../src/main/services/container'
import { isolatedWork } from '../../src/main/services/isolated/isolated-work'
import { EXAMPLES, ROOT, ensureBuilt } from './built'

let dir: string
beforeAll(() => {
  ensureBuilt()
  dir = mkdtempSync(join(tmpdir(), 'rsnn-import-progress-'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('import progress through the isolated worker', () => {
  it('reports reading, then binning and writing block by block, monotonically up to 1', async () => {
    const iso = isolatedWork({ workerPath: join(ROOT, 'out/main/isolated-worker.js') })
    const c = await createContainer({ dataDir: join(dir, 'store'), mode: 'browser', io: { ...io, ...iso.io } })
    const seen: { fraction: number; stage: string }[] = []
    let done = false
    c.events.subscribe((e) => {
      if (e.name !== 'import.progress') return
      expect(done).toBe(false)
      seen.push(e.payload as { fraction: number; stage: string })
    })
    try {
      // 100 trials × 250 bins × 60 units: the dataset file is written in two blocks of trials (69 + 31).
      const mapping = { binning: { dt: 0.002, start: -0.1, stop: 0.4 } }
      await c.datasets.import({ files: [join(EXAMPLES, 'pseudo-session-1.nwb')], mapping })
      done = true
    } finally {
      await c.close()
    }
    const fractions = seen.map((p) => p.fraction)
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b))
    expect(fractions.at(-1)).toBe(1)
    expect(seen.some((p) => p.stage === 'reading' && p.fraction < 0.5)).toBe(true)
    // From the writing thread, after each block: the second half of the bar.
    const writing = seen.filter((p) => p.stage === 'binning and writing').map((p) => p.fraction)
    expect(writing).toEqual([0.5 + 0.5 * 0.69, 1])
  })
})

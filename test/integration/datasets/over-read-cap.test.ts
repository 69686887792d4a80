// A stored dataset whose binned array is larger than one read may take (RSNN_MAX_READ_BYTES; a Neuropixels-sized
// session's is 1.4 GB at 2 ms, over the 1 GiB default) is used like any other: the import's ceilings, the Data
// explorer's raster and PSTH, a short fit, its held-out evaluation and its generated trials equal, value by value,
// those of the same recordings in a store read without the cap. The cap is lowered here below the example's binned
// arrays (72 kB per session) and above every other read, so that the suite needs no 1.4 GB file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { binCount } from '@shared/domain/dataset'
import type { ImportResult, Psth, Raster } from '@shared/contract/datasets-methods'
import * as io from '../../../src/main/io/index'
import { createContainer, type Container } from '../../../src/main/services/container'
import { ExportsService } from '../../../src/main/services/exports/domain'
import { DatasetTimescales } from '../../../src/main/services/timescale/dataset-timescales'
import { EXAMPLE, fittedRun } from '../export/fitted-run'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-over-cap-'))

interface Results {
  c: Container
  imported: ImportResult & { ceilings_warning?: string }
  raster: Raster
  psth: Psth
  runId: string
  evaluated: unknown
  params: unknown
  losses: unknown[]
  generated: { spikes: Uint8Array; outcome: string[] }
}

/** Imports the example into store `name` and computes every consumer's result, with RSNN_MAX_READ_BYTES = cap. */
async function everything(name: string, files: string[], cap?: number): Promise<Results> {
  if (cap !== undefined) vi.stubEnv('RSNN_MAX_READ_BYTES', String(cap))
  const c = await createContainer({ dataDir: join(dir, name), mode: 'cli', io, appRoot: dir })
  const mapping = io.generateExample(EXAMPLE).mapping
  const imported = await c.handlers['datasets.import']!({ files, name: 'example', mapping })
  const id = imported.dataset.id
  const area = Object.keys(imported.sessions[1]!.unitsPerArea)[0]!
  const raster = await c.handlers['datasets.raster']!({ id, session: 1, area })
  const psth = await c.handlers['datasets.psth']!({ id, smoothMs: 10 })
  const runId = await fittedRun(c, id, 2)
  const { metrics: evaluated } = await c.handlers['runs.evaluate']!({ id: runId, checkpoint: 'best', recompute: true })
  const run = await c.runLoader.load(runId, 'best')
  const params = run.params
  const curves = c.runStore.runs.curves(runId)
  const path = join(dir, `${name}-trials.nwb`)
  await new ExportsService(c).exportTrials({ runId, path, checkpoint: 'best', nPerCondition: 3, seed: 5, force: false })
  const [back] = await io.readRecording(path, {})
  const generated = { spikes: back!.spikes, outcome: back!.trials.map((t) => t.outcome) }
  vi.unstubAllEnvs()
  return {
    c,
    imported,
    raster,
    psth,
    runId,
    evaluated,
    params,
    losses: [curves.total, curves.psth, curves.trial],
    generated
  }
}

let files: string[]
let open: Results
let capped: Results
let cap: number

beforeAll(async () => {
  files = await io.writeExampleFiles(join(dir, 'rec'), EXAMPLE)
  open = await everything('open', files)
  const summaries = open.c.datasets.repo.sessions(open.imported.dataset.id)
  const binned = Math.min(...summaries.map((s) => s.nTrials * binCount(s.window) * s.nUnits))
  cap = binned - 1
  capped = await everything('capped', files, cap)
}, 300_000)
afterAll(async () => {
  await open?.c.close()
  await capped?.c.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('a dataset whose binned array is over the per-read cap', () => {
  it('is over the cap while its spike times are under it (what the capped store may read)', async () => {
    const sessions = await capped.c.datasets.sessions(capped.imported.dataset.id)
    for (const s of sessions) {
      expect(s.spikes).toBeUndefined() // left in the file: too large for one read
      expect(s.spikeTimes.reduce((n, st) => n + st.length, 0) * 8).toBeLessThan(cap)
    }
    const uncapped = await open.c.datasets.sessions(open.imported.dataset.id)
    for (const s of uncapped) expect(s.spikes!.length).toBeGreaterThan(cap)
  })

  it('has the import ceilings of the uncapped store, with no warning', () => {
    expect(capped.imported.ceilings_warning).toBeUndefined()
    expect(capped.imported.ceilings_by_smoothing).not.toBeNull()
    expect(capped.imported.ceilings_by_smoothing).toEqual(open.imported.ceilings_by_smoothing)
    expect(capped.imported.timescale).toEqual(open.imported.timescale)
  })

  it('draws the same raster and PSTH', () => {
    expect(capped.raster.spikeTrial.length).toBeGreaterThan(0)
    expect(capped.raster).toEqual(open.raster)
    expect(capped.psth.series.length).toBeGreaterThan(0)
    expect(capped.psth).toEqual(open.psth)
  })

  it('fits, evaluates and exports generated trials to the same numbers', () => {
    expect(capped.losses[0]).toHaveLength(2)
    expect(capped.losses).toEqual(open.losses)
    expect(capped.evaluated).toEqual(open.evaluated)
    expect(capped.params).toEqual(open.params)
    expect(capped.generated.spikes.length).toBeGreaterThan(0)
    expect(Buffer.from(capped.generated.spikes).equals(Buffer.from(open.generated.spikes))).toBe(true)
    expect(capped.generated.outcome).toEqual(open.generated.outcome)
  })

  it('says why when the ceilings cannot be computed, never a silent null', async () => {
    // A cap below even the spike times: the read fails, and the dataset's detail names the file, field and cap.
    const file = capped.c.datasets.fileOf(capped.imported.dataset.id)
    const source = { resolve: () => ({ id: 'never-cached', name: 'example' }), sessions: () => io.readSessionsH5(file) }
    vi.stubEnv('RSNN_MAX_READ_BYTES', '100')
    try {
      const detail = await new DatasetTimescales(capped.c.db, source).detail('never-cached')
      expect(detail.ceilings_by_smoothing).toBeNull()
      const escaped = file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      expect(detail.ceilings_warning).toMatch(
        new RegExp(`^data ceilings not computed: ${escaped}: /sessions/s000/[a-z_/]+: declares .*RSNN_MAX_READ_BYTES`)
      )
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

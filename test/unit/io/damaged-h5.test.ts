// Damaged HDF5 files must be refused, naming the file and the HDF5 path, never imported as garbage:
// a compressed chunk overwritten with random bytes, soft links that dangle or loop, a MATLAB cell that contains
// itself, and a small file declaring a huge dataset (refused from its declared shape, before any read).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Dataset } from 'h5wasm'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { loadRecording } from '../../../src/main/io'
import { h5 } from '../../helpers/h5-builders/h5'
import { buildEsmaeiliMat } from '../../helpers/h5-builders/mat'
import { buildNwb, type NwbSpec } from '../../helpers/h5-builders/nwb'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-damaged-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Records the path of every dataset whose value h5wasm reads (the getter that allocates and copies the data). */
async function watchReads(): Promise<{ paths: string[]; stop: () => void }> {
  const lib = await h5()
  const paths: string[] = []
  const desc = Object.getOwnPropertyDescriptor(lib.Dataset.prototype, 'value')!
  Object.defineProperty(lib.Dataset.prototype, 'value', {
    ...desc,
    get(this: Dataset) {
      paths.push(this.path)
      return desc.get!.call(this)
    }
  })
  // Large datasets are read in slices: those reads count too.
  const slice = lib.Dataset.prototype.slice
  lib.Dataset.prototype.slice = function (this: Dataset, ranges) {
    paths.push(this.path)
    return slice.call(this, ranges)
  }
  return {
    paths,
    stop: () => {
      Object.defineProperty(lib.Dataset.prototype, 'value', desc)
      lib.Dataset.prototype.slice = slice
    }
  }
}

/** Deterministic bytes (LCG), so a failure reproduces. */
function noise(n: number, seed: number): Buffer {
  const out = Buffer.alloc(n)
  let s = seed >>> 0
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    out[i] = s >>> 24
  }
  return out
}

function spikes(units: number, perUnit: number): number[][] {
  return Array.from({ length: units }, (_, u) =>
    Array.from({ length: perUnit }, (_, k) => 1 + k * 0.013 + u * 1e-4 + ((k * 7919 + u) % 97) * 1e-6)
  )
}
const trials = { start: [0, 2, 4, 6], stop: [1, 3, 5, 7], columns: { outcome: ['Hit', 'Miss', 'Hit', 'Miss'] } }

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(AppError)
  return err as AppError
}

describe('damaged HDF5 files', () => {
  it('a compressed chunked dataset whose middle bytes were overwritten is refused, naming file and path', async () => {
    const spec: NwbSpec = { units: { ids: [1, 2, 3, 4], spikeTimes: spikes(4, 3000), compressChunk: 500 }, trials }
    const good = await buildNwb(join(dir, 'good.nwb'), spec)
    const original = await loadRecording(good)
    const bytes = readFileSync(good)
    // The spike times are most of the file: its middle fifth lies inside compressed chunks.
    const from = Math.floor(bytes.length * 0.4)
    const to = Math.floor(bytes.length * 0.6)
    noise(to - from, 7).copy(bytes, from)
    const bad = join(dir, 'bad-chunk.nwb')
    writeFileSync(bad, bytes)
    const e = await refusal(loadRecording(bad))
    expect(e.code).toBe('HDF5_UNREADABLE')
    expect(e.file).toBe(bad)
    expect(e.field).toBe('/units/spike_times')
    expect(e.message).toContain(bad)
    expect(e.message).toMatch(/HDF5 read failed \(filter returned failure during read\)/)
    // The damage did not leave the library unusable: the intact file still reads the same.
    expect((await loadRecording(good)).sessions[0]!.units.spikeTimes).toEqual(original.sessions[0]!.units.spikeTimes)
  })

  it('soft links that dangle or point at themselves are skipped while listing the file', async () => {
    const spec: NwbSpec = { units: { ids: [1, 2], spikeTimes: [[0.5, 1.5], [1.0]] }, trials }
    const plain = await loadRecording(await buildNwb(join(dir, 'plain.nwb'), spec))
    const f = await buildNwb(join(dir, 'links.nwb'), spec)
    const lib = await h5()
    const file = new lib.File(f, 'a')
    const acq = file.create_group('acquisition')
    acq.create_soft_link('/nowhere', 'dangling')
    acq.create_soft_link('/acquisition/self', 'self')
    acq.create_soft_link('/acquisition', 'parent')
    file.close()
    const rec = await loadRecording(f)
    expect(rec.sessions[0]!.units.spikeTimes).toEqual(plain.sessions[0]!.units.spikeTimes)
    expect(rec.sessions[0]!.trials?.startTime).toEqual(plain.sessions[0]!.trials?.startTime)
  })

  it('a units table reached only through a looping soft link is refused, naming its path', async () => {
    const f = await buildNwb(join(dir, 'loop-units.nwb'), { trials })
    const lib = await h5()
    const file = new lib.File(f, 'a')
    file.create_soft_link('/units', 'units')
    file.close()
    const e = await refusal(loadRecording(f))
    expect(e).toMatchObject({ code: 'FIELD_MISSING', file: f, field: '/units' })
    expect(e.message).toContain(f)
  })

  it('a MATLAB cell array that contains itself is refused with a clear error, not a stack overflow', async () => {
    const f = await buildEsmaeiliMat(join(dir, 'self-cell.mat'), [
      {
        mouse: 'M1',
        date: '2020',
        expert: true,
        onsets: [1, 3],
        outcome: ['Hit', 'Miss'],
        stim: [1, 0],
        area: ['ALM', 'tjM1'],
        width: [0.5, 0.2],
        spikets: [[1.1], [3.2]],
        selfReferencingArea: true
      },
      {
        mouse: 'M2',
        date: '2021',
        expert: true,
        onsets: [1, 3],
        outcome: ['Hit', 'Miss'],
        stim: [1, 0],
        area: ['ALM'],
        width: [0.5],
        spikets: [[1.1]]
      }
    ])
    const e = await refusal(loadRecording(f))
    expect(e.code).toBe('BAD_VALUE')
    expect(e.file).toBe(f)
    expect(e.message).toContain(f)
    expect(e.message).toMatch(/cell array contains itself/)
    expect(e.message).not.toMatch(/call stack/)
  })

  it('a small file declaring 2e8 spike times is refused from its declared shape, before reading them', async () => {
    const f = await buildNwb(join(dir, 'huge.nwb'), {
      units: { ids: [1, 2], spikeTimes: [[0.5], [1.0]], declaredSpikes: 2e8, indexOverride: [1, 2e8] },
      trials
    })
    expect(readFileSync(f).length).toBeLessThan(1e6)
    const reads = await watchReads()
    const e = await refusal(loadRecording(f)).finally(reads.stop)
    expect(e.code).toBe('SHAPE_MISMATCH')
    expect(e.file).toBe(f)
    expect(e.field).toBe('/units/spike_times')
    expect(e.message).toMatch(/declares 200000000 elements \(1\.6 GB\), more than a 0\.\d MB file can hold/)
    // The index was read (two numbers); the spike times never were.
    expect(reads.paths).toContain('/units/spike_times_index')
    expect(reads.paths).not.toContain('/units/spike_times')
  })

  it('an index pointing past the declared spike times is refused before the spike times are read', async () => {
    const f = await buildNwb(join(dir, 'index-past.nwb'), {
      units: { ids: [1, 2], spikeTimes: [[0.5], [1.0]], compressChunk: 16, indexOverride: [1, 2e8] },
      trials
    })
    const reads = await watchReads()
    const e = await refusal(loadRecording(f)).finally(reads.stop)
    expect(e).toMatchObject({ code: 'INDEX_OUT_OF_RANGE', file: f, field: '/units/spike_times_index' })
    expect(e.message).toMatch(/index value 200000000 at row 1 points past the end of \/units\/spike_times \(length 2\)/)
    expect(reads.paths).toContain('/units/spike_times_index')
    expect(reads.paths).not.toContain('/units/spike_times')
  })

  it('the per-read cap refuses a dataset the file could hold but that is larger than allowed', async () => {
    const f = await buildNwb(join(dir, 'capped.nwb'), { units: { ids: [1, 2], spikeTimes: spikes(2, 5000) }, trials })
    vi.stubEnv('RSNN_MAX_READ_BYTES', '40000')
    try {
      const e = await refusal(loadRecording(f))
      expect(e).toMatchObject({ code: 'SHAPE_MISMATCH', file: f, field: '/units/spike_times' })
      expect(e.message).toMatch(
        /declares 10000 elements \(0\.1 MB\), more than one read may take \(0\.0 MB; RSNN_MAX_READ_BYTES raises it\)/
      )
    } finally {
      vi.unstubAllEnvs()
    }
    expect((await loadRecording(f)).sessions[0]!.units.spikeTimes).toHaveLength(2)
  })

  it('the per-file cap refuses a file whose reads together exceed it, each read being under the per-read cap', async () => {
    const f = await buildNwb(join(dir, 'capped-total.nwb'), {
      units: { ids: [1, 2], spikeTimes: spikes(2, 5000) },
      trials
    })
    vi.stubEnv('RSNN_MAX_READ_BYTES', '100000')
    vi.stubEnv('RSNN_MAX_FILE_READ_BYTES', '80010')
    try {
      const e = await refusal(loadRecording(f))
      expect(e).toMatchObject({ code: 'SHAPE_MISMATCH', file: f })
      expect(e.message).toMatch(
        /reading it would take 0\.\d MB in all, more than one file may take \(0\.1 MB; RSNN_MAX_FILE_READ_BYTES raises it\)/
      )
      // The total is per file: two files read one after the other each start from zero.
      vi.stubEnv('RSNN_MAX_FILE_READ_BYTES', '200000')
      await loadRecording(f)
      expect((await loadRecording(f)).sessions[0]!.units.spikeTimes).toHaveLength(2)
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

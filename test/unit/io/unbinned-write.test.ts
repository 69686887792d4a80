// An import bins spikes straight into the dataset file, a block of trials at a time (the K × T × U array never in
// memory whole): the file must hold exactly what writing the fully binned sessions gives, value for value, for the
// bundled example, for the real files of ../shared/realdata and for a session written in many blocks.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { Dataset, Group } from 'h5wasm'
import type { SessionData, UnbinnedSession } from '@shared/domain/dataset'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { readRecordingReport, readRecordingUnbinned, readSessionsH5, writeSessionsH5 } from '../../../src/main/io'
import { binSession } from '../../../src/main/io/build-session'
import { writeExampleFiles } from '../../../src/main/io/example/write-example'
import { h5 } from '../../helpers/h5-builders/h5'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-unbinned-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const realDir = resolve(__dirname, '../../../../shared/realdata')
const realPresent = existsSync(join(realDir, 'README.md'))

/** Every dataset value and attribute of an HDF5 file, by path (created_at: the write time, left out). */
async function contents(file: string): Promise<Map<string, unknown>> {
  const lib = await h5()
  const f = new lib.File(file, 'r')
  const out = new Map<string, unknown>()
  // Typed arrays compared as their bytes (millions of counts: element-wise toEqual would take a minute).
  const plain = (v: unknown): unknown =>
    ArrayBuffer.isView(v)
      ? `${v.constructor.name} ${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64')}`
      : v
  const attrs = (path: string, node: Group | Dataset): void => {
    for (const [name, a] of Object.entries(node.attrs))
      if (name !== 'created_at') out.set(`${path}@${name}`, plain(a.value))
  }
  const walk = (path: string, g: Group): void => {
    attrs(path, g)
    for (const key of g.keys()) {
      const p = `${path === '/' ? '' : path}/${key}`
      const node = f.get(p)
      if (node instanceof lib.Group) walk(p, node)
      else if (node instanceof lib.Dataset) {
        attrs(p, node)
        out.set(`${p}:dtype`, node.dtype)
        out.set(`${p}:shape`, node.shape)
        out.set(`${p}:layout`, [node.metadata.chunks, node.metadata.maxshape, node.filters])
        out.set(p, plain(node.value))
      }
    }
  }
  try {
    walk('/', f)
  } finally {
    f.close()
  }
  return out
}

/** Writes `unbinned` as an import does and its binSession as before; both files must hold the same values. */
async function sameFiles(name: string, unbinned: UnbinnedSession[]): Promise<SessionData[]> {
  const binned = unbinned.map(binSession)
  const viaBlocks = join(dir, `${name}-blocks.h5`)
  const whole = join(dir, `${name}-whole.h5`)
  const progress: number[] = []
  await writeSessionsH5(viaBlocks, unbinned, { name }, (f) => progress.push(f))
  await writeSessionsH5(whole, binned, { name })
  const [a, b] = [await contents(viaBlocks), await contents(whole)]
  expect([...a.keys()]).toEqual([...b.keys()])
  for (const [k, v] of b) expect(a.get(k), k).toEqual(v)
  expect(progress.at(-1)).toBe(1)
  expect(progress).toEqual([...progress].sort((x, y) => x - y))
  const back = await readSessionsH5(viaBlocks)
  back.forEach((s, i) => expect(Buffer.from(s.spikes!).equals(Buffer.from(binned[i]!.spikes!))).toBe(true))
  return binned
}

describe('dataset file written from unbinned sessions', () => {
  it('holds the same values as the binned sessions for the bundled example', async () => {
    const files = await writeExampleFiles(join(dir, 'example'), {
      sessions: 2,
      unitsPerSession: 20,
      trialsPerSession: 30
    })
    const mapping: ImportMapping = { outcomeMap: { Hit: 'Hit', Miss: 'Miss' } }
    for (const [i, f] of files.entries()) {
      const unbinned = await readRecordingUnbinned(f, mapping)
      const binned = await sameFiles(`example${i}`, unbinned.sessions)
      // And what the in-memory import path (readRecordingReport) gives.
      const report = await readRecordingReport(f, mapping)
      expect(report.warnings).toEqual(unbinned.warnings)
      expect(Buffer.from(report.sessions[0]!.spikes).equals(Buffer.from(binned[0]!.spikes!))).toBe(true)
      expect(binned[0]!.spikes!.some((c) => c > 0)).toBe(true)
    }
  })

  it('holds the same values for a session written in many blocks (one trial per block at 2 ms bins)', async () => {
    const [U, K] = [1500, 4]
    const binning = { dt: 0.002, start: -0.2, stop: 1.2 }
    const spikeTimes = Array.from({ length: U }, (_, u) =>
      Float64Array.from({ length: 40 }, (_, i) => 0.9 + i * 0.2 + ((u * 37 + i * 11) % 97) / 1000)
    )
    const s: UnbinnedSession = {
      name: 'many-blocks',
      sourceFile: 'many.nwb',
      units: spikeTimes.map((_, u) => ({ sourceId: u, area: 'A', type: 'E' as const, firingRateHz: 5 })),
      trials: Array.from({ length: K }, (_, k) => ({
        sourceIndex: k,
        outcome: 'Hit' as const,
        stimulus: 1,
        alignTime: 1 + k
      })),
      binning,
      nBins: 700,
      spikeTimes,
      behaviour: { jaw: Float32Array.from({ length: K * 700 }, (_, i) => i / 7) }
    }
    const [binned] = await sameFiles('many', [s])
    // Every block holds spikes (a block binned against the wrong trials would differ somewhere).
    for (let k = 0; k < K; k++)
      expect(binned!.spikes!.subarray(k * 700 * U, (k + 1) * 700 * U).some((c) => c > 0)).toBe(true)
  })

  it.skipIf(!realPresent)('holds the same values for the real files of ../shared/realdata', async () => {
    const files = ['sub-anm369963_ses-20170228.nwb', 'sub-anm372793_ses-20170508.nwb']
    for (const name of files) {
      const unbinned = await readRecordingUnbinned(join(realDir, name), {})
      await sameFiles(name, unbinned.sessions)
    }
  })
})

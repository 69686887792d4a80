// Fuzz: seeded truncations and byte flips of the bundled example and of every file in ../shared/realdata. Each
// case is read and imported into one store: it reads exactly what the original reads, or is refused with a
// message naming the file; the store keeps its earlier dataset bit for bit; memory stays bounded (the per-read
// cap is lowered so that a flipped size field cannot reach it unseen).
// Flips avoid plain stored values (uncompressed dataset bytes, strings): there a changed byte makes another valid
// file, which HDF5 keeps no checksum to tell (see test/helpers/plain-values.ts); truncations go anywhere. Files
// with superblock 0 (no metadata checksums) can still become another valid file through a header field: such a
// case must then be read without error by an independent reader (h5py), else the app should have refused it.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import type { SessionData } from '@shared/domain/dataset'
import * as io from '../../src/main/io'
import { h5lib } from '../../src/main/io/h5/h5lib'
import { createContainer, type Container } from '../../src/main/services/container'
import { h5pyMissing, h5pyReadErrors } from '../helpers/h5py-oracle'
import { inRanges, plainValueRanges } from '../helpers/plain-values'

const EXAMPLE = resolve(__dirname, '../../resources/example')
const REALDATA = resolve(__dirname, '../../../shared/realdata')
const SOURCES = [
  join(EXAMPLE, 'pseudo-session-1.nwb'),
  ...(existsSync(REALDATA)
    ? readdirSync(REALDATA)
        .filter((f) => /\.(nwb|mat)$/.test(f))
        .sort()
        .map((f) => join(REALDATA, f))
    : [])
]
const TRUNCATIONS = 2
const FLIPS = 5
const SEED = 20261207
/** Largest wasm heap the whole run may reach, and the read cap that keeps it there, bytes. */
const MAX_WASM_HEAP = 256 * 2 ** 20
const READ_CAP = 32 * 2 ** 20
/** The wasm runtime's own words, which must never be the message a user gets. */
const UNCLEAR = /Aborted\(|native code|out of bounds|unreachable|not an AppError/

let dir: string
let store: Container
let savedCap: string | undefined
beforeAll(async () => {
  savedCap = process.env['RSNN_MAX_READ_BYTES']
  process.env['RSNN_MAX_READ_BYTES'] = String(READ_CAP)
  dir = mkdtempSync(join(tmpdir(), 'rsnn-fuzz-'))
  store = await createContainer({ dataDir: join(dir, 'store'), mode: 'cli', io })
})
afterAll(async () => {
  await store?.close()
  if (savedCap === undefined) delete process.env['RSNN_MAX_READ_BYTES']
  else process.env['RSNN_MAX_READ_BYTES'] = savedCap
  rmSync(dir, { recursive: true, force: true })
})

/** A small deterministic generator (LCG), so every run makes the same cases. */
function random(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

/** What a read gives, without the file's own name (cases are copies under other names). */
function comparable(rec: io.RawRecording): unknown {
  return { ...rec, file: '', sessions: rec.sessions.map((s) => ({ ...s, sourceFile: '' })) }
}
function comparableSessions(sessions: SessionData[]): unknown {
  return sessions.map((s) => ({ ...s, sourceFile: '' }))
}

type Outcome = { kind: 'refused'; message: string } | { kind: 'read'; value: unknown }

async function outcome<T>(read: () => Promise<T>, shape: (v: T) => unknown): Promise<Outcome> {
  try {
    return { kind: 'read', value: shape(await read()) }
  } catch (err) {
    return { kind: 'refused', message: err instanceof AppError ? err.message : `not an AppError: ${String(err)}` }
  }
}

/** Imports `file` into the store with the guessed mapping, reads back what was stored, and deletes it again. */
async function storedSessions(file: string): Promise<SessionData[]> {
  const r = await store.datasets.import({ files: [file] })
  try {
    return await io.readSessionsH5(join(store.paths.dataDir, store.datasets.repo.get(r.dataset.id)!.h5_file))
  } finally {
    store.datasets.delete(r.dataset.id)
  }
}

async function wasmHeapBytes(): Promise<number> {
  const m = (await (await h5lib()).ready) as unknown as { HEAPU8: Uint8Array }
  return m.HEAPU8.buffer.byteLength
}

describe('import fuzz (seeded truncations and byte flips)', () => {
  it(`${SOURCES.length} files × (${TRUNCATIONS} truncations + ${FLIPS} flips): identical or refused naming the file`, async () => {
    const kept = await store.datasets.import({ files: [join(EXAMPLE, 'pseudo-session-2.nwb')], name: 'kept' })
    const keptFile = join(store.paths.dataDir, store.datasets.repo.get(kept.dataset.id)!.h5_file)
    const keptBytes = readFileSync(keptFile)
    const rnd = random(SEED)
    const tally = { cases: 0, refused: 0, identical: 0, otherValidFile: 0 }
    const changed: { file: string; where: string }[] = []
    for (const src of SOURCES) {
      const bytes = readFileSync(src)
      const original = await outcome(() => io.loadRecording(src), comparable)
      const originalImport = await outcome(() => storedSessions(src), comparableSessions)
      const plain = await plainValueRanges(src, bytes)
      const cases: { label: string; bytes: Buffer }[] = []
      for (let t = 0; t < TRUNCATIONS; t++) {
        const at = Math.floor(bytes.length * (0.05 + 0.9 * rnd()))
        cases.push({ label: `truncated at ${at}`, bytes: bytes.subarray(0, at) })
      }
      for (let k = 0; k < FLIPS; k++) {
        let pos: number
        do pos = Math.floor(rnd() * bytes.length)
        while (inRanges(pos, plain))
        const b = Buffer.from(bytes)
        b[pos] = b[pos]! ^ (1 + Math.floor(rnd() * 255))
        cases.push({ label: `byte ${pos} flipped`, bytes: b })
      }
      for (const [i, c] of cases.entries()) {
        const file = join(dir, `case-${i}-${basename(src)}`)
        writeFileSync(file, c.bytes)
        const where = `${basename(src)}, ${c.label}`
        const read = await outcome(() => io.loadRecording(file), comparable)
        if (read.kind === 'refused') {
          expect(read.message, where).toContain(file)
          // One clear line: not the wasm runtime's own words.
          expect(read.message, where).not.toMatch(UNCLEAR)
          tally.refused++
        } else {
          expect(original.kind, `${where}: the original is refused but the damaged copy reads`).toBe('read')
          if (!isDeepStrictEqual(read.value, (original as { value: unknown }).value)) {
            // Another valid file (judged below by h5py): its import is its own data, not the original's.
            changed.push({ file, where })
            continue
          }
          tally.identical++
        }
        // The import through the store: refused naming the file, or the same sessions as the original's import.
        const before = store.datasets.list().length
        const imported = await outcome(() => storedSessions(file), comparableSessions)
        if (imported.kind === 'refused') {
          expect(imported.message, where).toContain(file)
          expect(imported.message, where).not.toMatch(UNCLEAR)
          expect(store.datasets.list().length, where).toBe(before)
        } else {
          expect(originalImport.kind, `${where}: imported, the original is not`).toBe('read')
          expect(
            isDeepStrictEqual(imported.value, (originalImport as { value: unknown }).value),
            `${where}: imported data differ`
          ).toBe(true)
        }
        rmSync(file)
        tally.cases++
        expect(await wasmHeapBytes(), `${where}: wasm heap`).toBeLessThanOrEqual(MAX_WASM_HEAP)
      }
      // The damaged copies left the reader working: the original still reads as before.
      expect(
        await outcome(() => io.loadRecording(src), comparable),
        `${basename(src)} after its damaged copies`
      ).toEqual(original)
    }
    // A copy that reads differently must be a valid HDF5 file by an independent reader (a flip in a value or
    // an unchecked header field of a superblock-0 file); one that h5py cannot read must have been refused.
    if (changed.length && h5pyMissing)
      console.log(`SKIPPED: judging ${changed.length} changed-but-readable cases: ${h5pyMissing}`)
    else {
      const verdicts = h5pyReadErrors(changed.map((c) => c.file))
      for (const c of changed)
        expect(verdicts[c.file], `${c.where}: read by the app with other values, but h5py refuses it`).toBeNull()
    }
    tally.otherValidFile = changed.length
    tally.cases += changed.length
    // The earlier dataset is untouched: listed, its file byte for byte the same.
    expect(store.datasets.list().map((d) => d.name)).toEqual(['kept'])
    expect(readFileSync(keptFile).equals(keptBytes)).toBe(true)
    expect(tally.cases).toBe(SOURCES.length * (TRUNCATIONS + FLIPS))
    // Some damage is fatal; with the real-data files, some is also harmless.
    expect(tally.refused).toBeGreaterThan(0)
    // Flips in the bundled example land in compressed chunks and are all refused; the real-data files (uncompressed
    // values, which flips avoid) supply the harmless cases when ../shared/realdata is present.
    if (SOURCES.length > 1) expect(tally.identical).toBeGreaterThan(0)
    console.log(JSON.stringify({ name: 'import-fuzz', ...tally }))
  }, 120_000)
})

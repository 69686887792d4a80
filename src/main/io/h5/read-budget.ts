// Declared sizes are checked before a dataset is read: a small damaged or hostile file can declare billions of
// elements (unallocated chunks read as fill values), and reading them first would take gigabytes of memory.
import { AsyncLocalStorage } from 'node:async_hooks'
import { statSync } from 'node:fs'
import type { Dataset } from 'h5wasm'
import { AppError } from '@shared/contract/errors'

/** Most bytes one dataset read may take (h5wasm copies into wasm memory, then into a JS array). */
export const DEFAULT_MAX_READ_BYTES = 1024 ** 3
/** Deflate cannot compress better than about 1032:1; no real compressed dataset exceeds this over its file. */
const MAX_COMPRESSION_RATIO = 1100
/** Filters that change the size of what is stored (not shuffle = 2, fletcher32 = 3, scale-offset is lossy). */
const SIZE_NEUTRAL_FILTERS = new Set([2, 3])

/** Most bytes all the reads from one opened file may take together (one recording of an import, one checkpoint). */
export const DEFAULT_MAX_FILE_READ_BYTES = 2 * 1024 ** 3

/** A byte count from environment variable `name` when set to a positive number, else `fallback`. */
export function envBytes(name: string, fallback: number): number {
  const env = Number(process.env[name])
  return Number.isFinite(env) && env > 0 ? env : fallback
}

/** The cap in force: RSNN_MAX_READ_BYTES (bytes) when set to a positive number, else the default. */
export function maxReadBytes(): number {
  return envBytes('RSNN_MAX_READ_BYTES', DEFAULT_MAX_READ_BYTES)
}

/** The cap over one file's reads: RSNN_MAX_FILE_READ_BYTES when set to a positive number, else the default. */
export function maxFileReadBytes(): number {
  return envBytes('RSNN_MAX_FILE_READ_BYTES', DEFAULT_MAX_FILE_READ_BYTES)
}

/** Bytes read so far from the file being read (withReadBudget scope; follows awaits, so imports may overlap). */
const fileBudget = new AsyncLocalStorage<{ used: number }>()

/** Runs `fn` (the reads of one opened file) with a fresh total, checked against maxFileReadBytes by checkReadSize. */
export function withReadBudget<T>(fn: () => T): T {
  return fileBudget.run({ used: 0 }, fn)
}

function mb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${(bytes / 1e6).toFixed(1)} MB`
}

/**
 * Refuses a read of `elements` elements of `bytesPerElement` bytes from `file` before anything is allocated when
 * it exceeds the per-read cap, or what a file of this size could store (uncompressed: the file size; compressed:
 * the file size times the best ratio deflate reaches).
 */
export function checkReadSize(
  file: string,
  field: string,
  elements: number,
  bytesPerElement: number,
  compressed: boolean
): void {
  const bytes = elements * bytesPerElement
  const fileBytes = statSync(file).size
  const storable = fileBytes * (compressed ? MAX_COMPRESSION_RATIO : 1) + 4096
  if (bytes > storable) {
    throw new AppError(
      'SHAPE_MISMATCH',
      `declares ${elements} elements (${mb(bytes)}), more than a ${mb(fileBytes)} file can hold; the file is damaged or incomplete`,
      { file, field }
    )
  }
  const cap = maxReadBytes()
  if (bytes > cap) {
    throw new AppError(
      'SHAPE_MISMATCH',
      `declares ${elements} elements (${mb(bytes)}), more than one read may take (${mb(cap)}; RSNN_MAX_READ_BYTES raises it)`,
      { file, field }
    )
  }
  const budget = fileBudget.getStore()
  if (!budget) return
  const total = maxFileReadBytes()
  if (budget.used + bytes > total) {
    throw new AppError(
      'SHAPE_MISMATCH',
      `reading it would take ${mb(budget.used + bytes)} in all, more than one file may take (${mb(total)}; RSNN_MAX_FILE_READ_BYTES raises it)`,
      { file, field }
    )
  }
  budget.used += bytes
}

/** checkReadSize for a whole dataset, from its metadata (shape, element size, filters): nothing is read. */
export function checkDatasetReadSize(file: string, d: Dataset): void {
  const meta = d.metadata
  const elements = meta.total_size
  const compressed = d.filters.some((flt) => !SIZE_NEUTRAL_FILTERS.has(flt.id))
  checkReadSize(file, d.path, elements, Math.max(1, meta.size), compressed)
}

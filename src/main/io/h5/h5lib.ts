// The one place h5wasm is loaded (ESM-only, dynamic import from CJS main), with HDF5's throwing error handler on,
// and a scoped open that always closes the file. Every HDF5 read or write in the app goes through h5lib().
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { withReadBudget } from './read-budget'
import { checkH5Header, type H5Header } from './signature'

type H5Lib = (typeof import('h5wasm'))['default']
let lib: Promise<H5Lib> | null = null

/**
 * The h5wasm module (node build: reads and writes the host file system directly), initialised once.
 * Without the throwing error handler a failed HDF5 call (a chunk that no longer inflates, a bad object header)
 * prints its error stack on stderr and h5wasm returns whatever the buffer held: garbage imported as data.
 * With it, every failure throws an Error carrying the stack text, and nothing reaches stderr.
 */
export function h5lib(): Promise<H5Lib> {
  lib ??= (async () => {
    const m = (await import('h5wasm/node')).default
    const module = await m.ready
    module.activate_throwing_error_handler()
    return m
  })()
  return lib
}

/**
 * The innermost reason of an HDF5 error stack ("filter returned failure during read"), or the message itself
 * when it is not one (h5wasm's own errors, JS errors).
 */
export function hdf5Reason(message: string): string {
  const lines = [...message.matchAll(/#\d+:.*? in [\w.]+\(\): (.*)$/gm)].map((m) => (m[1] ?? '').trim())
  const reason = lines.at(-1) ?? message.trim().split('\n')[0] ?? ''
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason
}

/** An HDF5 failure while reading `path`, thrown where the file name is not at hand (withH5 adds it). */
class H5PathError extends Error {
  constructor(
    readonly path: string,
    readonly original: unknown
  ) {
    super(original instanceof Error ? original.message : String(original))
  }
}

/** Wraps anything h5wasm throws into an AppError naming the file (and the path being read, when known). */
export function wrapH5Error(err: unknown, file: string, field?: string): AppError {
  if (err instanceof AppError) return err
  if (err instanceof H5PathError) return wrapH5Error(err.original, file, err.path)
  const msg = err instanceof Error ? err.message : String(err)
  // A damaged size or address field can make HDF5 ask for gigabytes or read past its memory: the wasm runtime
  // aborts or traps the call. Its own words ("memory access out of bounds") say nothing to the user.
  if (/Aborted\(|Cannot enlarge memory|out of memory|memory access out of bounds|unreachable/i.test(msg)) {
    const why = 'HDF5 gave up reading it: sizes or addresses in the file are out of range (the file is damaged)'
    return new AppError('HDF5_UNREADABLE', why, field ? { file, field } : { file })
  }
  if (err instanceof RangeError && /call stack/i.test(msg)) {
    return new AppError(
      'HDF5_UNREADABLE',
      'the file refers to itself in a loop (objects nested without end)',
      field ? { file, field } : { file }
    )
  }
  return new AppError('HDF5_UNREADABLE', `HDF5 read failed (${hdf5Reason(msg)})`, field ? { file, field } : { file })
}

/**
 * Runs one read of the object at `path` (a dataset's value, an attribute), turning an HDF5 failure into
 * HDF5_UNREADABLE naming the file and that path (`file` null: the enclosing withH5 adds the file).
 */
export function h5Read<T>(file: string | null, path: string, read: () => T): T {
  try {
    return read()
  } catch (err) {
    if (err instanceof AppError) throw err
    throw file === null ? new H5PathError(path, err) : wrapH5Error(err, file, path)
  }
}

/**
 * Opens `file` read-only after the header checks, runs `fn` (its reads capped in total, see read-budget), and
 * closes the file whatever happens.
 * Errors that are not AppErrors come back as HDF5_UNREADABLE naming the file.
 */
export async function withH5<T>(file: string, fn: (f: H5File, header: H5Header) => T | Promise<T>): Promise<T> {
  const header = await checkH5Header(file)
  const h5 = await h5lib()
  let f: H5File
  try {
    f = new h5.File(file, 'r')
  } catch (err) {
    throw wrapH5Error(err, file)
  }
  try {
    return await withReadBudget(() => fn(f, header))
  } catch (err) {
    throw wrapH5Error(err, file)
  } finally {
    closeQuietly(f)
  }
}

/** Closes a file; a close that fails after an earlier error must not hide that error. */
export function closeQuietly(f: H5File): void {
  try {
    f.close()
  } catch {
    // the file handle is gone either way; the first error is the one to report
  }
}

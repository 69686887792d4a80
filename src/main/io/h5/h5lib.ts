// h5wasm loading (ESM-only, dynamic import from CJS main) and a scoped open that always closes the file.
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { checkH5Header, type H5Header } from './signature'

type H5Lib = (typeof import('h5wasm'))['default']
let lib: Promise<H5Lib> | null = null

/** The h5wasm module (node build: reads and writes the host file system directly). */
export function h5lib(): Promise<H5Lib> {
  lib ??= (async () => {
    const m = (await import('h5wasm/node')).default
    await m.ready
    return m
  })()
  return lib
}

/** Wraps anything h5wasm throws into an AppError naming the file (and the path being read, when known). */
export function wrapH5Error(err: unknown, file: string, field?: string): AppError {
  if (err instanceof AppError) return err
  const msg = err instanceof Error ? err.message : String(err)
  return new AppError('HDF5_UNREADABLE', `HDF5 read failed (${msg})`, field ? { file, field } : { file })
}

/**
 * Opens `file` read-only after the header checks, runs `fn`, and closes the file whatever happens.
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
    return await fn(f, header)
  } catch (err) {
    throw wrapH5Error(err, file)
  } finally {
    f.close()
  }
}

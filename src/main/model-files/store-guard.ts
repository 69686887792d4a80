// Exports never write inside the store folder: with --force an export named like the database, its WAL, a
// dataset's HDF5 file or a checkpoint would replace it, and every dataset and run would be lost.
import { existsSync, realpathSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'

/** `p` with symbolic links resolved in the part of it that exists (a target usually does not exist yet). */
function realPath(p: string): string {
  const abs = resolve(p)
  if (existsSync(abs)) return realpathSync(abs)
  const parent = dirname(abs)
  return parent === abs ? abs : join(realPath(parent), basename(abs))
}

/** True when `p` is `dir` or lies below it (after resolving links, so no alias slips through). */
export function isInside(p: string, dir: string): boolean {
  const rel = relative(realPath(dir), realPath(p))
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** Refuses, before anything is written, every export target inside the store folder `storeDir`. */
export function refuseInsideStore(targets: string[], storeDir: string): void {
  for (const t of targets) {
    if (isInside(t, storeDir)) {
      throw new AppError(
        'INVALID_INPUT',
        `exports are never written inside the store folder ${resolve(storeDir)} (it holds the database, datasets and checkpoints); choose another folder`,
        { file: resolve(t) }
      )
    }
  }
}

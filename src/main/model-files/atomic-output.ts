// Safe output files: checks the target folder and name clashes first, writes to temp files beside the
// targets, and renames them into place only when every file of the export is complete.
import { accessSync, constants, existsSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { AppError } from '@shared/contract/errors'
import { tempPathFor } from '../io/temp-files'

export interface PlannedOutput {
  /** Where the file must end up. */
  target: string
  /** Where it is written first (same folder, so the rename is atomic). */
  temp: string
}

/**
 * Validates every target before anything is written: the folder must exist and be writable, and no
 * target may exist unless `force`. Returns one temp path per target. Throws AppError naming the file.
 */
export function planOutputs(targets: string[], force: boolean): PlannedOutput[] {
  return targets.map((t) => {
    const target = resolve(t)
    const dir = dirname(target)
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new AppError('NOT_FOUND', `the folder ${dir} does not exist`, { file: target })
    }
    if (!isWritableDir(dir)) throw new AppError('IO_ERROR', `the folder ${dir} is read-only`, { file: target })
    if (existsSync(target)) {
      if (statSync(target).isDirectory())
        throw new AppError('CONFLICT', 'a folder of that name exists', { file: target })
      if (!force)
        throw new AppError('CONFLICT', 'the file already exists (use --force / force to overwrite)', { file: target })
    }
    const temp = tempPathFor(target)
    return { target, temp }
  })
}

/**
 * Permission bits are checked as well as access(2): root passes access() on a folder marked read-only,
 * but a folder nobody may write to is read-only by the user's intent.
 */
function isWritableDir(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK)
  } catch {
    return false
  }
  return (statSync(dir).mode & 0o222) !== 0
}

/**
 * Runs `write` (which must create every temp file), then renames all temps into place, back to back.
 * If writing fails, the temps are removed and no target is touched.
 */
export async function writeAtomically<T>(plan: PlannedOutput[], write: (temps: string[]) => Promise<T>): Promise<T> {
  try {
    const result = await write(plan.map((p) => p.temp))
    for (const p of plan) {
      if (!existsSync(p.temp)) throw new AppError('INTERNAL', 'export wrote no file', { file: p.target })
    }
    for (const p of plan) renameSync(p.temp, p.target)
    return result
  } catch (err) {
    for (const p of plan) rmSync(p.temp, { force: true })
    if (err instanceof AppError) throw err
    const code = (err as NodeJS.ErrnoException).code
    const message = err instanceof Error ? err.message : String(err)
    throw new AppError('IO_ERROR', `could not write the file (${code ?? message})`, { file: plan[0]?.target })
  }
}

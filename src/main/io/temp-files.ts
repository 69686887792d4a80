// The one naming rule for every temporary file the app writes (written beside its target, renamed into place when
// complete), and the one sweep that removes those a killed process left behind.
import { randomBytes } from 'node:crypto'
import { readdirSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** `.<target name>.<pid>-<8 hex>.tmp`: hidden, owned by the writing process, unique per write. */
const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/
/** A temp file this old is abandoned even if a process with its pid runs (pids are reused). */
const ABANDONED_MS = 6 * 3600_000

/** Where to write `target` before renaming it into place (same folder, so the rename is atomic). */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`)
}

/** The pid that wrote temp file `name`, or null when `name` does not follow the rule. */
export function tempFileOwner(name: string): number | null {
  const m = TEMP_NAME.exec(name)
  return m ? Number(m[1]) : null
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Removes the temp files under `root` (down to `depth` folder levels) whose writer is gone (killed mid-write)
 * or that are older than a few hours; a live writer's temp files stay. Returns the paths removed.
 */
export function sweepTempFiles(root: string, depth = 2, now = Date.now()): string[] {
  const removed: string[] = []
  let entries
  try {
    entries = readdirSync(root, { withFileTypes: true })
  } catch {
    return removed
  }
  for (const e of entries) {
    const p = join(root, e.name)
    if (e.isDirectory()) {
      if (depth > 0) removed.push(...sweepTempFiles(p, depth - 1, now))
      continue
    }
    const pid = tempFileOwner(e.name)
    if (pid === null) continue
    try {
      if (!isRunning(pid) || now - statSync(p).mtimeMs > ABANDONED_MS) {
        rmSync(p, { force: true })
        removed.push(p)
      }
    } catch {
      // gone meanwhile (its writer renamed or removed it)
    }
  }
  return removed
}

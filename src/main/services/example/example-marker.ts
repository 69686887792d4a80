// The store's note that the shipped example model was loaded once: which model file (by hash) and which run it
// became. It keeps the first-start import idempotent and respects a user who deleted that run (no re-import).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { tempPathFor } from '../../io/temp-files'

const markerSchema = z.object({ modelSha256: z.string(), runId: z.string(), madeBy: z.string(), at: z.string() })
export type ExampleMarker = z.infer<typeof markerSchema>

const markerPath = (dataDir: string): string => join(dataDir, 'example-model.json')

/** The marker, or null when absent or unreadable (then the model is offered again: harmless). */
export function readExampleMarker(dataDir: string): ExampleMarker | null {
  const p = markerPath(dataDir)
  if (!existsSync(p)) return null
  try {
    const parsed = markerSchema.safeParse(JSON.parse(readFileSync(p, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function writeExampleMarker(dataDir: string, marker: ExampleMarker): void {
  const p = markerPath(dataDir)
  const tmp = tempPathFor(p)
  writeFileSync(tmp, `${JSON.stringify(marker, null, 2)}\n`)
  renameSync(tmp, p)
}

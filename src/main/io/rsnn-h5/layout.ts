// The app's own HDF5 layout (documented in docs/data-formats.md): names, version and metadata shape.
import type { ImportMapping } from '@shared/domain/import-mapping'

/** Root attribute that marks the layout, and its value. */
export const RSNN_FORMAT_ATTR = 'rsnn_format'
export const RSNN_FORMAT = 'rsnn-studio-sessions'
/** Layout version written; readers accept versions ≤ this. */
export const RSNN_FORMAT_VERSION = 1

/** Group name of session i: /sessions/s000, /sessions/s001, … (zero-padded so they sort). */
export function sessionGroup(i: number): string {
  return `/sessions/s${String(i).padStart(3, '0')}`
}

/** Free metadata kept with the sessions (root attribute `meta_json`). */
export interface SessionsMeta {
  datasetName?: string
  /** The mapping the sessions were imported with. */
  mapping?: ImportMapping
  /** sha256 of each source file, by file name. */
  sourceHashes?: Record<string, string>
  /** Program that wrote the file, e.g. "RSNN Studio 0.1.0". */
  createdBy?: string
}

// NWB version check and discovery of typed objects (by neurodata_type, never by path or namespace).
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { attrString, getNode, hardChildren, isDataset, isGroup, readStrings } from '../h5/read'

export interface TypedGroup {
  path: string
  type: string
  /** neurodata_type of the parent group ('' at the root). */
  parentType: string
}

/**
 * NWB 2.x version string of the file, or null when it is not NWB. NWB 1.x (root dataset `nwb_version`
 * "NWB-1.0.x", or a root attribute starting with 1.) is refused with FORMAT_UNSUPPORTED.
 */
export function nwbVersion(f: H5File): string | null {
  const root = getNode(f, '/')
  const attr = root ? attrString(root, 'nwb_version') : undefined
  const ds = getNode(f, '/nwb_version')
  const legacy = isDataset(ds) ? (readStrings(f, '/nwb_version')[0] ?? '') : ''
  const v = attr ?? legacy
  if (v === '') return null
  if (/^(NWB-)?1\./i.test(v)) {
    throw new AppError('FORMAT_UNSUPPORTED', `NWB 1.x is not supported: convert to NWB 2 (found version "${v}")`, {
      file: f.filename,
      field: attr !== undefined ? '/@nwb_version' : '/nwb_version'
    })
  }
  return v
}

const SKIP = new Set(['/specifications'])

/**
 * Every group carrying a `neurodata_type` attribute, depth-first, skipping the cached specifications.
 * Depth is bounded so that odd link structures cannot loop.
 */
export function typedGroups(f: H5File, maxDepth = 8): TypedGroup[] {
  const out: TypedGroup[] = []
  const visit = (path: string, parentType: string, depth: number): void => {
    const g = getNode(f, path)
    if (!isGroup(g)) return
    const type = attrString(g, 'neurodata_type') ?? ''
    if (type !== '') out.push({ path, type, parentType })
    if (depth >= maxDepth) return
    for (const k of hardChildren(g)) {
      const child = path === '/' ? `/${k}` : `${path}/${k}`
      if (!SKIP.has(child)) visit(child, type, depth + 1)
    }
  }
  visit('/', '', 0)
  return out
}

/** Last path component. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

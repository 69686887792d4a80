// Hash routes: the view list and pure parse/format of "#/view?key=value" (works on app://, file:// and http://).

export const views = [
  { id: 'library', label: 'Library' },
  { id: 'import', label: 'Import' },
  { id: 'explorer', label: 'Data explorer' },
  { id: 'fit', label: 'Fit monitor' },
  { id: 'variability', label: 'Trial variability' },
  { id: 'behaviour', label: 'Behaviour' },
  { id: 'connectivity', label: 'Connectivity' },
  { id: 'perturbations', label: 'Perturbations' },
  { id: 'compare', label: 'Compare runs' }
] as const

export type ViewId = (typeof views)[number]['id']

export interface Route {
  view: ViewId
  /** Selection carried in the URL so views can be linked and reloaded: dataset, run, runs, session, area, experiment. */
  params: Record<string, string>
}

const ids = new Set<string>(views.map((v) => v.id))

/** Parses a location hash; unknown or empty views fall back to the Library. */
export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '')
  const [path = '', query = ''] = body.split('?', 2)
  const view = (ids.has(path) ? path : 'library') as ViewId
  const params: Record<string, string> = {}
  for (const [k, v] of new URLSearchParams(query)) if (v !== '') params[k] = v
  return { view, params }
}

/** The hash for a view and its selection; empty parameters are left out. */
export function formatHash(view: ViewId, params: Record<string, string | number | undefined> = {}): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v))
  const s = q.toString()
  return `#/${view}${s ? `?${s}` : ''}`
}

/** Human label of a view (window title, headings). */
export function viewLabel(view: ViewId): string {
  return views.find((v) => v.id === view)?.label ?? 'Library'
}

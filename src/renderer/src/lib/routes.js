// Hash routes: the view list and pure parse/format of "#/view?key=value" (works on app://, file:// and http://).
export const views = [
    { id: 'library', label: 'Library' },
    { id: 'import', label: 'Import' },
    { id: 'explorer', label: 'Data explorer' },
    { id: 'fit', label: 'Fit monitor' },
    { id: 'variability', label: 'Trial variability' },
    { id: 'behaviour', label: 'Behaviour' },
    { id: 'connectivity', label: 'Connectivity' },
    { id: 'compare', label: 'Compare runs' }
];
const ids = new Set(views.map((v) => v.id));
/** Parses a location hash; unknown or empty views fall back to the Library. */
export function parseHash(hash) {
    const body = hash.replace(/^#\/?/, '');
    const [path = '', query = ''] = body.split('?', 2);
    const view = (ids.has(path) ? path : 'library');
    const params = {};
    for (const [k, v] of new URLSearchParams(query))
        if (v !== '')
            params[k] = v;
    return { view, params };
}
/** The hash for a view and its selection; empty parameters are left out. */
export function formatHash(view, params = {}) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params))
        if (v !== undefined && v !== '')
            q.set(k, String(v));
    const s = q.toString();
    return `#/${view}${s ? `?${s}` : ''}`;
}
/** Human label of a view (window title, headings). */
export function viewLabel(view) {
    return views.find((v) => v.id === view)?.label ?? 'Library';
}

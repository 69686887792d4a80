// The current route as reactive state, following the location hash.
import { formatHash, parseHash, type Route, type ViewId } from './routes'

let current = $state<Route>(parseHash(window.location.hash))
window.addEventListener('hashchange', () => {
  current = parseHash(window.location.hash)
})

export const router = {
  get route(): Route {
    return current
  }
}

/** Goes to a view with a selection; keeps history so Back works. */
export function navigate(view: ViewId, params: Record<string, string | number | undefined> = {}): void {
  window.location.hash = formatHash(view, params)
}

/** Changes the current view's selection in place (no new history entry). */
export function setParams(patch: Record<string, string | number | undefined>): void {
  const merged: Record<string, string | number | undefined> = { ...current.params, ...patch }
  const hash = formatHash(current.view, merged)
  history.replaceState(null, '', hash)
  current = parseHash(hash)
}

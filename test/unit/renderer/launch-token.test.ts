// Browser mode's launch token: read from ?token=, kept for reloads, and stripped from the address bar.
import { afterEach, describe, expect, it } from 'vitest'
import { launchToken } from '../../../src/renderer/src/lib/transport/ws-transport'

const g = globalThis as Record<string, unknown>
const saved = { location: g['location'], history: g['history'], sessionStorage: g['sessionStorage'] }
afterEach(() => Object.assign(g, saved))

/** A page at `href` with a history that records replaceState calls. */
function fakePage(href: string): { replaced: string[]; storage: Map<string, string> } {
  const replaced: string[] = []
  const storage = new Map<string, string>()
  const url = new URL(href)
  g['location'] = { href, search: url.search, origin: url.origin }
  g['history'] = { state: { route: 1 }, replaceState: (_s: unknown, _u: string, to: string) => void replaced.push(to) }
  g['sessionStorage'] = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v)
  }
  return { replaced, storage }
}

describe('launchToken', () => {
  it('takes the token from the address, keeps it for reloads and removes it from the address bar', () => {
    const page = fakePage('http://127.0.0.1:5173/?token=abc123&lang=en#/fit?run=7')
    expect(launchToken()).toBe('abc123')
    expect(page.replaced).toEqual(['/?lang=en#/fit?run=7'])
    expect([...page.storage.values()]).toEqual(['abc123'])
  })

  it('after the strip (a reload), the kept token is used and the address is left alone', () => {
    const page = fakePage('http://127.0.0.1:5173/#/import')
    page.storage.set('rsnn-studio-token', 'kept')
    expect(launchToken()).toBe('kept')
    expect(page.replaced).toEqual([])
  })
})

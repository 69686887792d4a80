// Browser-mode transport: POST /rpc/:method (codec JSON) + WebSocket /events, authenticated by the launch token.
import { decode, encode } from '@shared/contract/codec'
import type { Transport } from '@shared/contract/transport'

const TOKEN_KEY = 'rsnn-studio-token'

// Only the page globals this module needs, typed structurally so it also type-checks (and runs in tests) in Node.
interface PageGlobals {
  location?: { search: string; origin: string; href: string }
  sessionStorage?: { getItem(k: string): string | null; setItem(k: string, v: string): void }
  history?: { state: unknown; replaceState(state: unknown, unused: string, url: string): void }
}
const page = globalThis as PageGlobals

/**
 * The per-launch token: from `?token=` in the page URL (kept in sessionStorage so reloads work), then stripped
 * from the address bar so it is not left on screen, in bookmarks or in the history. The bridge has already set
 * its HttpOnly cookie with the page itself, so the token is a second proof only.
 */
export function launchToken(search: string = page.location?.search ?? ''): string {
  const fromUrl = new URLSearchParams(search).get('token')
  if (fromUrl) {
    try {
      page.sessionStorage?.setItem(TOKEN_KEY, fromUrl)
    } catch {
      // storage may be disabled; the cookie still authenticates
    }
    stripTokenFromAddress()
    return fromUrl
  }
  try {
    return page.sessionStorage?.getItem(TOKEN_KEY) ?? ''
  } catch {
    return ''
  }
}

/** Removes `token` from the page's address (other query parameters and the #route stay). */
function stripTokenFromAddress(): void {
  const { location, history } = page
  if (!location?.href || !history) return
  const url = new URL(location.href)
  if (!url.searchParams.has('token')) return
  url.searchParams.delete('token')
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`)
}

export interface WsTransportOptions {
  /** Origin of the bridge, default the page's own origin. */
  base?: string
  token?: string
  /** Reconnect delay after the event socket drops, ms. */
  retryMs?: number
}

/** Transport over the 127.0.0.1 bridge started by `serve.js` (browser mode). */
export function wsTransport(opts: WsTransportOptions = {}): Transport {
  const base = opts.base ?? page.location?.origin ?? ''
  const token = opts.token ?? launchToken()
  const retryMs = opts.retryMs ?? 1000
  const headers = { 'content-type': 'application/json', 'x-rsnn-token': token }

  return {
    async invoke(method, input) {
      const res = await fetch(`${base}/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: encode(input)
      })
      const text = await res.text()
      try {
        return decode(text)
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `bridge replied HTTP ${res.status}: ${text.slice(0, 200)}` }
        }
      }
    },
    subscribe(listener) {
      let socket: WebSocket | null = null
      let closed = false
      let timer: ReturnType<typeof setTimeout> | undefined
      const url = `${base.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`
      const connect = (): void => {
        socket = new WebSocket(url)
        socket.onmessage = (msg) => {
          if (typeof msg.data !== 'string') return
          const ev = decode(msg.data) as { name?: unknown; payload?: unknown }
          if (typeof ev.name === 'string') listener({ name: ev.name, payload: ev.payload })
        }
        socket.onerror = () => {
          // 'close' follows every error and schedules the retry
        }
        socket.onclose = () => {
          // The server may restart (e.g. `npm start` again): keep trying while someone listens.
          if (!closed) timer = setTimeout(connect, retryMs)
        }
      }
      connect()
      return () => {
        closed = true
        clearTimeout(timer)
        socket?.close()
      }
    }
  }
}

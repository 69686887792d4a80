// Client side of the bridge for Electron's main: forwards dispatch calls and events to the service child.
import { decode, encode } from '@shared/contract/codec'
import type { PushEvent } from '@shared/contract/events'
import type { RpcReply } from '@shared/contract/transport'
import type { Dispatch } from './dispatch'

/** The subset of the WHATWG WebSocket this client uses (Electron's main has it built in; tests pass ws's). */
export interface WebSocketLike {
  onmessage: ((ev: { data: unknown }) => void) | null
  onclose: (() => void) | null
  onerror: (() => void) | null
  close(): void
}
export type WebSocketCtor = new (url: string, opts?: { headers?: Record<string, string> }) => WebSocketLike

export interface BridgeClient {
  dispatch: Dispatch
  subscribe(sink: (event: PushEvent) => void): () => void
  close(): void
}

/**
 * Connects to a bridge on 127.0.0.1:port with its token. Calls are POST /rpc/:method; events arrive on one
 * socket (re-opened after a drop while the client is open).
 */
export function connectBridge(port: number, token: string, WS: WebSocketCtor, retryMs = 500): BridgeClient {
  const base = `http://127.0.0.1:${port}`
  const sinks = new Set<(event: PushEvent) => void>()
  let socket: WebSocketLike | null = null
  let closed = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const open = (): void => {
    socket = new WS(`ws://127.0.0.1:${port}/events?token=${token}`)
    socket.onmessage = (msg) => {
      if (typeof msg.data !== 'string') return
      const ev = decode(msg.data) as PushEvent
      sinks.forEach((s) => s(ev))
    }
    socket.onerror = () => {}
    socket.onclose = () => {
      if (!closed) timer = setTimeout(open, retryMs)
    }
  }
  open()
  const dispatch: Dispatch = async (method, input) => {
    try {
      const res = await fetch(`${base}/rpc/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rsnn-token': token },
        body: encode(input ?? {})
      })
      return decode(await res.text()) as RpcReply
    } catch (err) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `the service process is not reachable: ${(err as Error).message}` }
      }
    }
  }
  return {
    dispatch,
    subscribe(sink) {
      sinks.add(sink)
      return () => void sinks.delete(sink)
    },
    close() {
      closed = true
      clearTimeout(timer)
      socket?.close()
    }
  }
}

// Typed client over any Transport: one async function per contract method, typed event subscription. The one
// way the contract becomes an API object: the renderer over IPC or WebSocket, the CLI and tests in-process.
import { AppError, appErrorSchema } from './errors'
import type { EventName, EventPayload } from './events'
import { methods, type Api, type MethodName } from './methods'
import type { RpcReply, Transport } from './transport'

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void

export interface Client {
  /** `await client.api['datasets.list']({})`; rejects with AppError (code, message, file?, field?). */
  api: Api
  /** Subscribe to one push event; returns the unsubscribe function. */
  on<E extends EventName>(name: E, listener: EventListener<E>): () => void
  /** Where the services run: the Electron service child, the browser-mode server, or this process. */
  mode: 'electron' | 'browser' | 'local'
  /** Closes the event subscription (tests, hot reload); calls still work. */
  dispose(): void
}

/** Unwraps an RpcReply envelope: the value, or a thrown AppError. */
export function unwrap(reply: unknown): unknown {
  const r = reply as RpcReply | null
  if (r && typeof r === 'object' && 'ok' in r) {
    if (r.ok) return r.value
    const parsed = appErrorSchema.safeParse(r.error)
    throw parsed.success
      ? AppError.from(parsed.data)
      : new AppError(
          'INTERNAL',
          String((r.error as { message?: unknown } | undefined)?.message ?? 'malformed error reply')
        )
  }
  throw new AppError('INTERNAL', 'malformed RPC reply')
}

/** Builds the typed client over a transport (ipc, ws, in-process dispatch; tests pass a fake). */
export function createClientOver(transport: Transport, mode: Client['mode']): Client {
  const api = {} as Record<string, (input: unknown) => Promise<unknown>>
  for (const name of Object.keys(methods) as MethodName[]) {
    api[name] = async (input: unknown) => unwrap(await transport.invoke(name, input ?? {}))
  }
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let unsubscribeAll: (() => void) | null = null
  function on<E extends EventName>(name: E, listener: EventListener<E>): () => void {
    // One transport subscription fans out to every listener, opened lazily on first use.
    unsubscribeAll ??= transport.subscribe((ev) => listeners.get(ev.name)?.forEach((l) => l(ev.payload)))
    const set = listeners.get(name) ?? new Set()
    listeners.set(name, set)
    const l = listener as (payload: unknown) => void
    set.add(l)
    return () => {
      set.delete(l)
    }
  }
  function dispose(): void {
    unsubscribeAll?.()
    unsubscribeAll = null
    listeners.clear()
  }
  return { api: api as unknown as Api, on, mode, dispose }
}

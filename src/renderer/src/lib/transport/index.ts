// Renderer-side API client: picks the Electron preload or the browser-mode bridge once, typed by the contract.
//
// How to use it (Svelte components, rune modules):
//   import { api, onEvent } from '$lib/transport'        // or a relative path to src/lib/transport
//   const datasets = await api['datasets.list']({})       // typed input and output from src/shared/contract
//   const off = onEvent('import.progress', (p) => (progress = p.fraction))   // call off() in onDestroy/$effect cleanup
//   try { await api['datasets.import']({ files }) } catch (e) { if (e instanceof AppError) show(e.message, e.field) }
// Errors are AppError (@shared/contract/errors) with code, message (naming file/field), file?, field?.
// Typed arrays (Float32Array, Int32Array, …) arrive as typed arrays in both modes.
// Tests: createClientOver(fakeTransport, 'browser') gives the same client over any Transport.
import type { EventName } from '@shared/contract/events'
import type { Api } from '@shared/contract/methods'
import { createClientOver, type Client, type EventListener } from '@shared/contract/client'
import { ipcTransport } from './ipc-transport'
import { wsTransport } from './ws-transport'

export { createClientOver, unwrap, type Client, type EventListener } from '@shared/contract/client'
export { wsTransport, launchToken } from './ws-transport'
export { ipcTransport } from './ipc-transport'

let client: Client | null = null

/** The app-wide client: Electron's window.studio when present, else the 127.0.0.1 bridge of browser mode. */
export function getClient(): Client {
  if (!client) {
    const ipc = ipcTransport()
    client = ipc ? createClientOver(ipc, 'electron') : createClientOver(wsTransport(), 'browser')
  }
  return client
}

/** The typed API (`createApi()['datasets.list']({})`). */
export function createApi(): Api {
  return getClient().api
}

/** Subscribes to a push event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(name: E, listener: EventListener<E>): () => void {
  return getClient().on(name, listener)
}

/** Lazily bound API object: importing it does not open a connection until the first call. */
export const api: Api = new Proxy({} as Api, {
  get: (_target, prop: string | symbol) => (typeof prop === 'string' ? getClient().api[prop as keyof Api] : undefined)
})

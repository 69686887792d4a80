// Electron transport: ipcMain.handle('rpc') → dispatch, only for frames of the app's own origin; events fan out
// to every window on 'event'. Typed structurally so it is unit-tested without the Electron binary.
import type { PushEvent } from '@shared/contract/events'
import type { RpcReply } from '@shared/contract/transport'
import type { Dispatch } from './dispatch'

export const RPC_CHANNEL = 'rpc'
export const EVENT_CHANNEL = 'event'

export interface IpcEventLike {
  senderFrame: { url: string } | null
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}
export interface WebContentsLike {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
}

/** True for URLs of the app's own origin (app://studio/…); everything else is refused. */
export function isAppUrl(url: string, origin = 'app://studio'): boolean {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}` === origin
  } catch {
    return false
  }
}

/** Registers the one RPC handler. Returns a function that removes it. */
export function registerIpc(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrusted: (url: string) => boolean = (u) => isAppUrl(u)
): () => void {
  ipcMain.handle(RPC_CHANNEL, async (event, method, input): Promise<RpcReply> => {
    const url = event.senderFrame?.url ?? ''
    if (!isTrusted(url))
      return { ok: false, error: { code: 'UNAUTHORIZED', message: 'request from an untrusted frame refused' } }
    if (typeof method !== 'string')
      return { ok: false, error: { code: 'INVALID_INPUT', message: 'method must be a string', field: 'method' } }
    return dispatch(method, input)
  })
  return () => ipcMain.removeHandler(RPC_CHANNEL)
}

/** Forwards every service event to the live windows. Returns the unsubscribe function. */
export function fanOutEvents(
  subscribe: (sink: (e: PushEvent) => void) => () => void,
  targets: () => WebContentsLike[]
): () => void {
  return subscribe((event) => {
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(EVENT_CHANNEL, event)
  })
}

// Sandboxed preload: exposes exactly invoke + subscribe over one 'rpc' and one 'event' channel. No ipcRenderer.
import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('studio', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('rpc', method, input),
  subscribe: (listener: (event: { name: string; payload: unknown }) => void): (() => void) => {
    const handler = (_e: unknown, event: { name: string; payload: unknown }): void => listener(event)
    ipcRenderer.on('event', handler)
    return () => ipcRenderer.removeListener('event', handler)
  }
})

// Sandboxed preload: exposes exactly invoke + subscribe over one 'rpc' and one 'event' channel (no ipcRenderer),
// plus pathForFile for dropped files (Electron ≥ 32 removed File.path). Bundles nothing but electron.
import { contextBridge, ipcRenderer, webUtils } from 'electron'

type Dropped = Parameters<typeof webUtils.getPathForFile>[0]

contextBridge.exposeInMainWorld('studio', {
  invoke: (method: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('rpc', method, input),
  subscribe: (listener: (event: { name: string; payload: unknown }) => void): (() => void) => {
    const handler = (_e: unknown, event: { name: string; payload: unknown }): void => listener(event)
    ipcRenderer.on('event', handler)
    return () => ipcRenderer.removeListener('event', handler)
  },
  pathForFile: (file: Dropped): string => webUtils.getPathForFile(file)
})

// Sandboxed preload: exposes exactly invoke + subscribe over one 'rpc' and one 'event' channel (no ipcRenderer),
// plus pathForFile for dropped files (Electron ≥ 32 removed File.path). Bundles nothing but electron.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
contextBridge.exposeInMainWorld('studio', {
    invoke: (method, input) => ipcRenderer.invoke('rpc', method, input),
    subscribe: (listener) => {
        const handler = (_e, event) => listener(event);
        ipcRenderer.on('event', handler);
        return () => ipcRenderer.removeListener('event', handler);
    },
    pathForFile: (file) => webUtils.getPathForFile(file)
});

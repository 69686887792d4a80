// Electron entry. The window loads app://studio/ and talks to main over IPC only; main forwards every call to
// the services running in a child under the system Node (see rpc/service-child.ts for why), so the window,
// browser mode, the CLI and the tests all share one better-sqlite3 build and one dispatch path.
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron'
import { join } from 'node:path'
import { resolveDataDir } from './paths'
import { connectBridge, type WebSocketCtor } from './rpc/bridge-client'
import { fanOutEvents, registerIpc } from './rpc/electron-ipc'
import { startServiceChild, type ServiceChild } from './rpc/service-child'
import { APP_ORIGIN, installSecurity, registerSchemePrivileges } from './security'
import { createWindow } from './window'

app.enableSandbox()
registerSchemePrivileges(protocol)

const rendererDir = join(__dirname, '../renderer')
const preloadPath = join(__dirname, '../preload/index.js')
const flagIndex = process.argv.findIndex((a) => a === '--data-dir' || a === '--store')
const dataDir = resolveDataDir(flagIndex >= 0 ? process.argv[flagIndex + 1] : undefined)
let services: ServiceChild | null = null

async function start(): Promise<void> {
  installSecurity(app, session.defaultSession, protocol, shell, rendererDir)
  services = await startServiceChild({
    serveScript: join(__dirname, 'serve.js'),
    dataDir,
    onLog: (l) => console.error(l),
    // The first start imports the example and its fitted model before the window opens (seconds, once).
    example: true,
    timeoutMs: 180_000
  })
  // Electron's main runs Node ≥ 22, whose global WebSocket speaks the WHATWG API the client expects.
  const client = connectBridge(services.port, services.token, globalThis.WebSocket as unknown as WebSocketCtor)
  registerIpc(ipcMain, client.dispatch)
  fanOutEvents(client.subscribe, () => BrowserWindow.getAllWindows().map((w) => w.webContents))
  createWindow(BrowserWindow, preloadPath, `${APP_ORIGIN}/index.html`)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(BrowserWindow, preloadPath, `${APP_ORIGIN}/index.html`)
  })
}

app
  .whenReady()
  .then(start, () => app.quit())
  .catch((err: unknown) => {
    dialog.showErrorBox(
      'RSNN Studio could not start',
      `${(err as Error).message}\n\nIs Node.js ≥ 20 on PATH (or RSNN_NODE set)?`
    )
    app.quit()
  })
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
app.on('will-quit', () => void services?.stop())

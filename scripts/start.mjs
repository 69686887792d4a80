// `npm start`: the desktop window when Electron's binary is installed, else browser mode on 127.0.0.1.
// Either way the app opens on the bundled example dataset (imported into the store on first start).
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { noWindowMessage } from './no-window-message.mjs'

const root = new URL('..', import.meta.url).pathname
const require = createRequire(import.meta.url)
await import('./ensure-built.mjs')

function electronBinary() {
  try {
    // The electron package's main export is the binary path; it throws when the binary was never downloaded.
    return { path: require('electron'), why: '' }
  } catch (err) {
    return { path: null, why: String(err instanceof Error ? err.message : err).split('\n')[0] }
  }
}

const passthrough = process.argv.slice(2)
const electron = process.env.RSNN_BROWSER_MODE ? { path: null, why: 'RSNN_BROWSER_MODE is set' } : electronBinary()
if (electron.path) {
  const child = spawn(electron.path, [root, ...passthrough], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  process.stdout.write(
    process.env.RSNN_BROWSER_MODE ? 'Browser mode (RSNN_BROWSER_MODE is set).\n' : noWindowMessage(electron.why)
  )
  const child = spawn(process.execPath, [`${root}out/main/serve.js`, '--example', ...passthrough], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
}

// Browser mode entry (plain Node, no Electron): services + the 127.0.0.1 HTTP/WS bridge serving the renderer.
//   node out/main/serve.js [--port N] [--data-dir D] [--example] [--check] [--service]
// --service: Electron's service child (no static files; token from RSNN_STUDIO_TOKEN; prints a JSON ready line).
import { join } from 'node:path'
import { toAppErrorData } from '@shared/contract/errors'
import { methods } from '@shared/contract/methods'
import * as io from './io'
import { parseCommandLine, numberOption } from './cli/args'
import { ignoreClosedPipe } from './cli/output'
import { resolveDataDir } from './paths'
import { createDispatch } from './rpc/dispatch'
import { startHttpBridge } from './rpc/http-bridge'
import { engineInfo } from './services/app/domain'
import { createContainer } from './services/container'
import { isolatedWork } from './services/isolated/isolated-work'
import { ensureExample } from './services/example/first-start'
import { missingHandlers } from './services/domain'

const SERVE_USAGE = [
  'usage: node out/main/serve.js [--port N] [--store DIR] [--example] [--check]',
  'Browser mode: serves RSNN Studio on http://127.0.0.1:PORT (the address printed carries the access token).',
  '  --port N      port to listen on (default: any free port)',
  '  --store DIR   the store folder (also --data-dir; default $RSNN_STUDIO_DATA, else the app data folder)',
  '  --example     import the bundled example dataset and its fitted model first, unless the store has them',
  '  --check       load services, store and engine, then exit (0 when all load)',
  '  --service     (used by the Electron app) serve the API only, token from RSNN_STUDIO_TOKEN'
].join('\n')

async function main(): Promise<number> {
  ignoreClosedPipe(process.stdout)
  const { values } = parseCommandLine(
    process.argv.slice(2),
    {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      store: { type: 'string' },
      example: { type: 'boolean' },
      check: { type: 'boolean' },
      service: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' }
    },
    false
  )
  if (values['help']) {
    process.stdout.write(`${SERVE_USAGE}\n`)
    return 0
  }
  const service = Boolean(values['service'])
  // In service mode stdout carries the ready line for Electron's main; human notes go to stderr.
  const log = (s: string): void => void (service ? process.stderr : process.stdout).write(`${s}\n`)
  const port = typeof values['port'] === 'string' ? numberOption(values['port'], '--port') : 0
  const dataDir = resolveDataDir((values['data-dir'] ?? values['store']) as string | undefined)
  // HDF5 reads and writes and evaluations run in a worker thread per call: this long-running process keeps no
  // import's, read's or evaluation's peak memory.
  const isolated = isolatedWork({ onLog: (l) => process.stderr.write(`isolated worker: ${l}\n`) })
  const container = await createContainer({
    dataDir,
    mode: service ? 'electron' : 'browser',
    io: { ...io, ...isolated.io },
    work: isolated.work
  })
  const missing = missingHandlers(container.handlers, Object.keys(methods))
  if (missing.length) log(`Note: not yet served: ${missing.join(', ')}`)
  const dispatch = createDispatch(container.handlers)
  const engine = engineInfo()

  if (values['check']) {
    const info = await dispatch('app.info', {})
    await container.close()
    if (!info.ok) throw new Error(info.error.message)
    log(
      `check ok: services, store (${dataDir}) and engine (${engine.backend}) load under plain Node ${process.version}`
    )
    return 0
  }
  if (values['example']) await ensureExample(container, log)

  const bridge = await startHttpBridge({
    dispatch,
    subscribe: (sink) => container.events.subscribe(sink),
    port,
    ...(service
      ? { token: process.env['RSNN_STUDIO_TOKEN'] ?? '', staticDir: null }
      : { staticDir: join(__dirname, '../renderer') })
  })
  if (service) {
    process.stdout.write(`${JSON.stringify({ ready: true, port: bridge.port })}\n`)
    process.stdin.on('end', () => void shutdown()) // Electron's main went away: do not linger
    process.stdin.resume()
  } else {
    log(`RSNN Studio (browser mode) listening on ${bridge.url}`)
    log(`Engine backend: ${engine.backend}, ${engine.threads} threads. Data folder: ${dataDir}`)
    log('Open the address above in a browser (it carries the access token). Ctrl+C stops the server.')
  }
  let stopping = false
  async function shutdown(): Promise<void> {
    if (stopping) return
    stopping = true
    await bridge.close()
    await container.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown())
  process.on('SIGTERM', () => void shutdown())
  return -1 // keeps running
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`error: ${toAppErrorData(err).message}\n`)
    process.exit(1)
  }
)

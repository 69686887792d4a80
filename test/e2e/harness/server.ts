// Starts browser mode (`node out/main/serve.js --data-dir <tmp> --port 0 --example`) and parses its URL.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../../..')

export interface BrowserModeServer {
  /** http://127.0.0.1:PORT/?token=… as printed. */
  url: string
  origin: string
  port: number
  token: string
  dataDir: string
  /** Everything the server printed so far (stdout + stderr). */
  logs: string[]
  child: ChildProcess
  stop(): Promise<void>
}

export interface StartOptions {
  /** Import the bundled example on start (default true). */
  example?: boolean
  /** Reuse a data dir (default: a fresh temp dir, removed on stop). */
  dataDir?: string
  timeoutMs?: number
}

/** Builds out/ if stale (no-op under `npm test`, which builds first). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/ensure-built.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  })
}

const URL_LINE = /listening on (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+))/

export function startBrowserMode(opts: StartOptions = {}): Promise<BrowserModeServer> {
  const ownDir = opts.dataDir === undefined
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'rsnn-e2e-'))
  const args = [join(ROOT, 'out/main/serve.js'), '--data-dir', dataDir, '--port', '0']
  if (opts.example !== false) args.push('--example')
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs: string[] = []
  const stop = (): Promise<void> =>
    new Promise((done) => {
      const finish = (): void => {
        if (ownDir) rmSync(dataDir, { recursive: true, force: true })
        done()
      }
      if (child.exitCode !== null || child.signalCode !== null) return finish()
      child.once('exit', finish)
      child.kill('SIGTERM')
    })
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`browser mode did not print its URL in time:\n${logs.join('')}`))
    }, opts.timeoutMs ?? 120_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve.js exited with ${code}:\n${logs.join('')}`))
    })
    child.stderr.on('data', (d: Buffer) => logs.push(d.toString()))
    child.stdout.on('data', (d: Buffer) => {
      logs.push(d.toString())
      const m = URL_LINE.exec(logs.join(''))
      if (m) {
        clearTimeout(timer)
        child.removeAllListeners('exit')
        const port = Number(m[2])
        resolveStart({ url: m[1]!, origin: `http://127.0.0.1:${port}`, port, token: m[3]!, dataDir, logs, child, stop })
      }
    })
  })
}

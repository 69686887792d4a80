// Starts the services in a child process under the system Node (`serve.js --service`), so better-sqlite3 keeps
// ONE build (Node's ABI) for tests, CLI, browser mode and the Electron window (whose ABI differs).
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'

export interface ServiceChild {
  port: number
  token: string
  child: ChildProcess
  stop(): Promise<void>
}

export interface ServiceChildOptions {
  /** Node executable: RSNN_NODE, else `node` on PATH. */
  nodePath?: string
  /** Absolute path of out/main/serve.js. */
  serveScript: string
  dataDir: string
  /** Give up when no ready line arrives within this time, ms. */
  timeoutMs?: number
  /** Lines the child prints on stderr (logs). */
  onLog?: (line: string) => void
  /** Import the bundled example and its fitted model first, unless the store has them (serve.js --example). */
  example?: boolean
}

/** Spawns the service child and resolves once it listens (its JSON ready line), with its port and token. */
export function startServiceChild(opts: ServiceChildOptions): Promise<ServiceChild> {
  const token = randomBytes(32).toString('hex')
  const node = opts.nodePath ?? process.env['RSNN_NODE'] ?? 'node'
  // The token travels in env, not argv (argv is visible to every local user through ps).
  const env: NodeJS.ProcessEnv = { ...process.env, RSNN_STUDIO_TOKEN: token }
  delete env['ELECTRON_RUN_AS_NODE']
  const args = [opts.serveScript, '--service', '--port', '0', '--data-dir', opts.dataDir]
  if (opts.example) args.push('--example')
  const child = spawn(node, args, {
    // stdin stays open: the child exits when it closes (Electron quit or crashed).
    stdio: ['pipe', 'pipe', 'pipe'],
    env
  })
  const stop = (): Promise<void> =>
    new Promise((done) => {
      if (child.exitCode !== null || child.signalCode !== null) return done()
      child.once('exit', () => done())
      child.stdin?.end()
      setTimeout(() => child.kill('SIGTERM'), 2000).unref()
    })
  const stderrLines: string[] = []
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (l) => {
      stderrLines.push(l)
      if (stderrLines.length > 20) stderrLines.shift()
      opts.onLog?.(l)
    })
  }
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer)
      void stop()
      reject(
        new Error(`the service process did not start (${node} ${opts.serveScript}): ${why}\n${stderrLines.join('\n')}`)
      )
    }
    const timer = setTimeout(() => fail('no ready line in time'), opts.timeoutMs ?? 30_000)
    child.once('error', (err) => fail(err.message))
    child.once('exit', (code) => fail(`exited with code ${code}`))
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { ready?: boolean; port?: number }
        if (msg.ready && typeof msg.port === 'number') {
          clearTimeout(timer)
          child.removeAllListeners('exit')
          resolve({ port: msg.port, token, child, stop })
        }
      } catch {
        opts.onLog?.(line)
      }
    })
  })
}

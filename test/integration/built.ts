// Makes sure out/ is current before tests that run the built Node entries (serve.js, cli.js).
import { execFileSync, spawn } from 'node:child_process'
import { resolve } from 'node:path'

export const ROOT = resolve(__dirname, '../..')
export const SERVE = resolve(ROOT, 'out/main/serve.js')
export const CLI = resolve(ROOT, 'out/main/cli.js')
export const EXAMPLES = resolve(ROOT, 'resources/example')

/** Builds out/ when it is missing or older than src (scripts/ensure-built.mjs); a no-op under `npm test`. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [resolve(ROOT, 'scripts/ensure-built.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit']
  })
}

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `node script args…` to completion, asynchronously (so two can run at once). */
export function runNode(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', fail)
    child.on('close', (code) => done({ code, stdout, stderr }))
  })
}

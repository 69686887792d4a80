// Helpers for CLI fit tests: build once, run `node out/main/cli.js` in child processes, read the store.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'

export const root = resolve(__dirname, '../../..')
export const cliJs = join(root, 'out/main/cli.js')

/** Builds out/ when it is missing or older than the sources (same rule as `npm run rsnn`). */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(root, 'scripts/ensure-built.mjs')], { cwd: root, stdio: 'inherit' })
}

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Starts the CLI from a folder outside the project (a user runs it from anywhere: nothing may depend on the working
 * directory); `done` resolves with its output once it exits.
 */
export function startCli(args: string[]): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [cliJs, ...args], { cwd: tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const done = new Promise<CliResult>((res) => child.on('close', (code) => res({ code, stdout, stderr })))
  return { child, done }
}

export async function cli(args: string[]): Promise<CliResult> {
  return startCli(args).done
}

/** The last stdout line parsed as JSON. */
export function lastJson<T = Record<string, unknown>>(r: CliResult): T {
  const lines = r.stdout.trim().split('\n')
  return JSON.parse(lines.at(-1) ?? 'null') as T
}

/** Imports the bundled example into `store`; returns the dataset id. */
export async function importExample(store: string): Promise<string> {
  const dir = join(root, 'resources/example')
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.nwb'))
    .sort()
    .map((f) => join(dir, f))
  const r = await cli(['import', ...files, '--store', store, '--json'])
  if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { id: string }).id // import --json prints one pretty document
}

/** A tiny fit (seconds): small network and batch, frequent evaluations and checkpoints, one thread. */
export function writeTinyConfig(dir: string, optim: Record<string, number> = {}): string {
  const file = join(dir, 'tiny.json')
  writeFileSync(
    file,
    JSON.stringify({
      model: { neuronsPerArea: 60 },
      optim: { batchSize: 8, evalEvery: 2, checkpointEvery: 2, earlyStopPatience: 0, ...optim },
      engine: { threads: 1 }
    })
  )
  return file
}

/** Read-only look at the store (WAL lets it read beside a writing CLI). */
export function withStore<T>(store: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(store, 'studio.db'), { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 10000')
    return fn(db)
  } finally {
    db.close()
  }
}

export async function until(cond: () => boolean, timeoutMs = 60_000): Promise<void> {
  const t0 = Date.now()
  while (!cond()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('condition not reached in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}

// Soak test (`npm run soak -- [--minutes N] [--seed S] [--kill-rate P] [--store DIR]`, not in CI): import, fit,
// export and delete in a loop against one store, each step a CLI process that is killed with SIGKILL at a random
// moment with probability P; then the store's integrity: PRAGMA integrity_check and foreign_key_check, every
// registered dataset and checkpoint file present and readable, no orphan or temp files, no dataset lost.
// Prints one JSON line {"name":"soak","cycles":…,"kills":…,"lost":0,…}; exit 1 when anything is wrong.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'

const root = resolve(new URL('..', import.meta.url).pathname)
const require = createRequire(import.meta.url)
const Database = require('better-sqlite3')
const CLI = join(root, 'out/main/cli.js')
const { values } = parseArgs({
  options: {
    minutes: { type: 'string' },
    seed: { type: 'string' },
    'kill-rate': { type: 'string' },
    store: { type: 'string' }
  }
})
const minutes = Number(values.minutes ?? 3)
const killRate = Number(values['kill-rate'] ?? 0.3)
let seed = Number(values.seed ?? 1) >>> 0
const rnd = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32
const work = mkdtempSync(join(tmpdir(), 'rsnn-soak-'))
const store = resolve(values.store ?? join(work, 'store'))
const exportsDir = join(work, 'exports')
mkdirSync(exportsDir, { recursive: true })
const examples = readdirSync(join(root, 'resources/example'))
  .filter((f) => f.endsWith('.nwb'))
  .sort()
  .map((f) => join(root, 'resources/example', f))

let kills = 0
/** Runs the CLI; with probability killRate it is SIGKILLed after a random delay (up to `killWithinMs`). */
function cli(args, killWithinMs) {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args, '--store', store], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    let killed = false
    if (killWithinMs && rnd() < killRate) {
      setTimeout(
        () => {
          if (child.exitCode === null && child.signalCode === null) {
            killed = child.kill('SIGKILL')
            if (killed) kills++
          }
        },
        Math.floor(rnd() * killWithinMs)
      )
    }
    child.on('close', (code) => done({ code, killed, stdout, stderr }))
  })
}
const json = (r) => {
  try {
    return JSON.parse(r.stdout)
  } catch {
    return null
  }
}

// An anchor dataset imported first and never deleted: it must come out of the soak byte for byte the same.
const anchor = json(await cli(['import', examples[0], '--name', 'soak-anchor', '--json']))
if (!anchor?.id) throw new Error('the anchor import failed')
const anchorRow = () =>
  new Database(join(store, 'studio.db'), { readonly: true })
    .prepare('SELECT h5_file FROM datasets WHERE id = ?')
    .get(anchor.id)
const anchorHash = createHash('sha256')
  .update(readFileSync(join(store, anchorRow().h5_file)))
  .digest('hex')

const expected = new Set([anchor.id]) // imported and never given to a delete
const failures = []
let cycles = 0
const until = Date.now() + minutes * 60_000
while (Date.now() < until) {
  cycles++
  const name = `soak-${cycles}`
  const imp = await cli(['import', examples[1 + (cycles % (examples.length - 1))], '--name', name, '--json'], 3000)
  const id = imp.code === 0 ? json(imp)?.id : undefined
  if (id && !json(imp)?.existing) expected.add(id)
  if (!imp.killed && imp.code !== 0) failures.push(`import: ${imp.stderr.trim()}`)
  const list = json(await cli(['datasets', '--json'])) ?? []
  const target = list.find((d) => d.name === name)?.id ?? id
  if (target) {
    const fit = await cli(['fit', target, '--steps', '2', '--json'], 6000)
    const run = (json(await cli(['runs', '--dataset', target, '--json'])) ?? [])
      .map((r) => r.id ?? r.run?.id)
      .filter(Boolean)
    if (!fit.killed && fit.code !== 0) failures.push(`fit: ${fit.stderr.trim().split('\n').at(-1)}`)
    for (const r of run) await cli(['export', r, '--model', join(exportsDir, `${r}.h5`), '--force'], 3000)
    for (const r of run) await cli(['delete', '--run', r], 1500)
    expected.delete(target)
    await cli(['delete', target], 1500)
  }
}

// One clean command: its start-up sweep removes the temp files of the killed writers.
await cli(['datasets', '--json'])
const db = new Database(join(store, 'studio.db'), { readonly: true })
const integrity = db.pragma('integrity_check', { simple: true })
const fkProblems = db.pragma('foreign_key_check').length
const datasets = db.prepare('SELECT id, h5_file FROM datasets').all()
const checkpoints = db.prepare('SELECT file FROM checkpoints').all()
const runIds = new Set(
  db
    .prepare('SELECT id FROM runs')
    .all()
    .map((r) => r.id)
)
db.close()

const h5 = (await import('h5wasm/node')).default
const Module = await h5.ready
Module.activate_throwing_error_handler()
/** Opens the file and reads every dataset in it. */
function readable(file) {
  if (!existsSync(file)) return false
  try {
    const f = new h5.File(file, 'r')
    const walk = (g) => {
      for (const k of g.keys()) {
        const node = g.get(k)
        if (node instanceof h5.Group) walk(node)
        else if (node instanceof h5.Dataset) void node.value
      }
    }
    walk(f)
    f.close()
    return true
  } catch {
    return false
  }
}
const unreadable = [...datasets.map((d) => d.h5_file), ...checkpoints.map((c) => c.file)].filter(
  (f) => !readable(join(store, f))
)
const present = new Set(datasets.map((d) => d.id))
const lost = [...expected].filter((id) => !present.has(id))
const anchorSame =
  present.has(anchor.id) &&
  createHash('sha256')
    .update(readFileSync(join(store, anchorRow().h5_file)))
    .digest('hex') === anchorHash
/** Files no row refers to: dataset files, run folders, temp files. */
const registered = new Set([...datasets.map((d) => d.h5_file), ...checkpoints.map((c) => c.file)])
const orphans = []
const walkFiles = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    const rel = relative(store, p)
    if (e.isDirectory()) {
      if (dir === join(store, 'runs') && !runIds.has(e.name)) orphans.push(rel)
      else walkFiles(p)
    } else if (
      /\.tmp$/.test(e.name) ||
      ((rel.startsWith('datasets') || rel.startsWith('runs')) && !registered.has(rel))
    )
      orphans.push(rel)
  }
}
walkFiles(store)
const report = {
  name: 'soak',
  minutes,
  cycles,
  kills,
  lost: lost.length + (anchorSame ? 0 : 1),
  integrity,
  foreign_key_problems: fkProblems,
  datasets: datasets.length,
  checkpoints: checkpoints.length,
  unreadable: unreadable.length,
  orphans: orphans.length,
  unexpected_failures: failures.length,
  store,
  store_mb: Math.round(readdirSync(store).reduce((s, f) => s + statSync(join(store, f)).size, 0) / 1e5) / 10
}
console.log(JSON.stringify(report))
if (orphans.length) console.error(`orphan files: ${orphans.join(', ')}`)
if (unreadable.length) console.error(`unreadable: ${unreadable.join(', ')}`)
if (failures.length) console.error(`failures:\n${failures.slice(0, 10).join('\n')}`)
process.exit(
  report.lost || integrity !== 'ok' || fkProblems || unreadable.length || orphans.length || failures.length ? 1 : 0
)

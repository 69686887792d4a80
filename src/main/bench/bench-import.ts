// `npm run bench:import`: a Neuropixels-sized session (default 1,000 units, 50 million spikes, 2,000 trials) written
// as NWB by the app's own writer, then imported into a fresh store (read, check, bin, write the dataset file) in a
// separate process whose peak RSS is measured. Prints one JSON line:
// {"name":"import","units":…,"spikes":…,"trials":…,"file_mb":…,"seconds":…,"spikes_per_s":…,"peak_rss_mb":…}.
// Options: --units N --spikes N --trials N --dt S (bin width of the import; default the app's, 0.002 s) --dir DIR
// (kept) --file NWB (import this file instead of writing one) --io inline|worker (worker: reads and writes in io
// worker threads, as the CLI and the app do; default inline).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultBinning } from '@shared/domain/dataset'
import * as io from '../io'
import { writeNwb } from '../io/nwb/write-nwb'
import { isolatedWork } from '../services/isolated/isolated-work'
import { createContainer } from '../services/container'

const TRIAL_SPACING_S = 3

/** Deterministic uniform numbers in (0, 1) (LCG), so that a run reproduces. */
function uniform(seed: number): () => number {
  let s = seed >>> 0 || 1
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return (s + 0.5) / 4294967296
  }
}

/** Writes the session: Poisson spike trains over the whole session, trials every 3 s, two areas, Hit/Miss. */
async function make(file: string, units: number, spikes: number, trials: number): Promise<void> {
  const duration = trials * TRIAL_SPACING_S + 2
  const perUnit = Math.floor(spikes / units)
  const rand = uniform(12)
  const spikeTimes = Array.from({ length: units }, (_, u) => {
    const st = new Float64Array(perUnit + (u < spikes - perUnit * units ? 1 : 0))
    const mean = duration / (st.length + 1)
    let t = 0
    for (let i = 0; i < st.length; i++) st[i] = t += -Math.log(rand()) * mean
    return st
  })
  const start = Float64Array.from({ length: trials }, (_, k) => 1 + TRIAL_SPACING_S * k)
  await writeNwb(file, {
    identifier: 'bench-import',
    description: 'generated Neuropixels-sized session for npm run bench:import',
    sessionStart: '2026-01-01T00:00:00+00:00',
    units: {
      ids: Array.from({ length: units }, (_, u) => u),
      spikeTimes,
      columns: {
        location: { data: Array.from({ length: units }, (_, u) => (u % 2 ? 'ALM' : 'tjM1')), description: 'area' }
      }
    },
    trials: {
      start,
      stop: start.map((s) => s + 2),
      columns: {
        outcome: { data: Array.from({ length: trials }, (_, k) => (k % 3 ? 'Hit' : 'Miss')), description: 'outcome' },
        stim_time: { data: start.map((s) => s + 0.5), description: 'stimulus onset' }
      }
    }
  })
}

/** Imports `file` into a fresh store; prints seconds and this process's peak RSS as JSON. */
async function runImport(file: string, store: string, dt: number, inWorker: boolean): Promise<void> {
  const c = await createContainer({ dataDir: store, mode: 'cli', io: inWorker ? { ...io, ...isolatedWork().io } : io })
  let last = -1
  c.events.subscribe((e) => {
    if (e.name !== 'import.progress') return
    const p = e.payload as { fraction: number; stage: string }
    const pct = Math.floor(p.fraction * 100)
    if (pct !== last) process.stderr.write(`\r${p.stage} ${(last = pct)}%   `)
  })
  const t0 = performance.now()
  const r = await c.datasets.import({ files: [file], mapping: { binning: { dt, start: -0.2, stop: 1.2 } } })
  const seconds = (performance.now() - t0) / 1000
  process.stderr.write('\n')
  await c.close()
  const peak = process.resourceUsage().maxRSS / 1024
  process.stdout.write(
    JSON.stringify({ seconds, peak_rss_mb: Math.round(peak), trials: r.dataset.nTrials, units: r.dataset.nUnits }) +
      '\n'
  )
}

function self(args: string[]): string {
  const r = spawnSync(process.execPath, [process.argv[1]!, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`bench:import ${args[0]} failed (exit ${r.status})`)
  return r.stdout
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      units: { type: 'string', default: '1000' },
      spikes: { type: 'string', default: '50000000' },
      trials: { type: 'string', default: '2000' },
      dt: { type: 'string', default: String(defaultBinning.dt) },
      dir: { type: 'string' },
      file: { type: 'string' },
      io: { type: 'string', default: 'inline' },
      make: { type: 'string' },
      import: { type: 'string' },
      store: { type: 'string' }
    }
  })
  const [units, spikes, trials, dt] = [values.units, values.spikes, values.trials, values.dt].map(Number) as [
    number,
    number,
    number,
    number
  ]
  if (values.make) return make(values.make, units, spikes, trials)
  if (values.io !== 'inline' && values.io !== 'worker') throw new Error('--io is inline or worker')
  if (values.import) return runImport(values.import, values.store!, dt, values.io === 'worker')
  const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'rsnn-bench-import-'))
  try {
    const file = values.file ?? join(dir, 'session.nwb')
    const counts = ['--units', String(units), '--spikes', String(spikes), '--trials', String(trials)]
    const tm = performance.now()
    if (!values.file) {
      self(['--make', file, ...counts])
      process.stderr.write(`wrote ${file} in ${((performance.now() - tm) / 1000).toFixed(1)} s\n`)
    }
    const store = mkdtempSync(join(dir, 'store-'))
    const out = JSON.parse(self(['--import', file, '--store', store, '--dt', String(dt), '--io', values.io])) as {
      seconds: number
      peak_rss_mb: number
      units: number
      trials: number
    }
    rmSync(store, { recursive: true, force: true })
    const line = {
      name: 'import',
      units: out.units,
      spikes: values.file ? null : spikes,
      trials: out.trials,
      dt_s: dt,
      io: values.io,
      file_mb: Math.round(statSync(file).size / 1e6),
      seconds: +out.seconds.toFixed(2),
      spikes_per_s: values.file ? null : Math.round(spikes / out.seconds),
      peak_rss_mb: out.peak_rss_mb
    }
    process.stdout.write(JSON.stringify(line) + '\n')
  } finally {
    if (!values.dir) rmSync(dir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

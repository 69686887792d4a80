// Engine profiling: bundles test/engine/perf/step-driver.ts with rolldown and runs it (optionally under
// --cpu-prof). With --base DIR (a checkout of another revision, e.g. from `git archive`), the driver is also
// bundled against DIR/src/main/engine and both run alternately, so before/after share the same machine load.
//   node scripts/profile-engine.mjs [--base DIR] [--rounds 3] [--prof OUTDIR] -- --batch 20 --reps 3 …
// With --bench JOB (a bench-step job, e.g. '{"size":"pseudodata","backend":"wasm","threads":2,"steps":2}') it
// bundles src/main/bench/bench-step.ts with the shard worker instead and runs that job (full training steps).
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { rolldown } from 'rolldown'

const root = resolve(new URL('..', import.meta.url).pathname)
const argv = process.argv.slice(2)
const sep = argv.indexOf('--')
const own = sep >= 0 ? argv.slice(0, sep) : argv
const driverArgs = sep >= 0 ? argv.slice(sep + 1) : []
const opt = (name, dflt) => {
  const i = own.indexOf(`--${name}`)
  return i >= 0 ? own[i + 1] : dflt
}
const base = opt('base', null)
// --current DIR: take the "current" engine from DIR too (e.g. the same tree twice, to see the noise floor).
const currentRoot = opt('current', null)
const rounds = Number(opt('rounds', '1'))
const prof = opt('prof', null)
const benchJob = opt('bench', null)
const outDir = join('/tmp', `rsnn-profile-${process.pid}`)
mkdirSync(outDir, { recursive: true })

/** Bundles the driver (or the bench + shard worker); engine imports go to engineRoot/src/main/engine if given. */
async function bundle(name, engineRoot) {
  const ours = join(root, 'src/main/engine')
  const plugin = {
    name: 'engine-root',
    resolveId(id, importer) {
      if (!engineRoot || !importer || !id.startsWith('.')) return null
      const abs = resolve(join(importer, '..'), id)
      // Every import of the engine moves (the driver's, the bench's and the engine's own).
      if (abs.startsWith(ours)) {
        return this.resolve(join(engineRoot, 'src/main/engine', abs.slice(ours.length)), importer, { skipSelf: true })
      }
      return null
    }
  }
  const build = async (input, file) => {
    const b = await rolldown({
      input,
      platform: 'node',
      resolve: { alias: { '@shared': join(root, 'src/shared') } },
      plugins: [plugin],
      logLevel: 'silent'
    })
    await b.write({ file, format: 'cjs' })
    return file
  }
  if (!benchJob) return build(join(root, 'test/engine/perf/step-driver.ts'), join(outDir, `${name}.cjs`))
  // The pool looks for shard-worker.js beside the bundle, so each tree gets its own folder.
  const dir = join(outDir, name)
  mkdirSync(dir, { recursive: true })
  const shardWorker = engineRoot
    ? join(engineRoot, 'src/main/engine/parallel/shard-worker.ts')
    : join(root, 'src/main/engine/parallel/shard-worker.ts')
  await build(shardWorker, join(dir, 'shard-worker.js'))
  return build(join(root, 'src/main/bench/bench-step.ts'), join(dir, 'bench.js'))
}

function run(file, label) {
  const flags = prof ? ['--cpu-prof', '--cpu-prof-dir', resolve(prof), '--cpu-prof-name', `${label}.cpuprofile`] : []
  const args = benchJob ? ['--job', benchJob] : driverArgs
  const out = execFileSync(process.execPath, [...flags, file, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return JSON.parse(out.trim().split('\n').pop())
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const cur = await bundle('current', currentRoot ? resolve(currentRoot) : null)
const old = base ? await bundle('base', resolve(base)) : null
const res = { current: [], base: [] }
for (let r = 0; r < rounds; r++) {
  // Alternate who goes first: the second run of a pair tends to be faster (measured ≈ 7 % on identical trees).
  if (old && r % 2 === 0) res.base.push(run(old, `base-${r}`))
  res.current.push(run(cur, `current-${r}`))
  if (old && r % 2 === 1) res.base.push(run(old, `base-${r}`))
}
if (benchJob) {
  // Bench lines as they are, then the step-time ratio of the medians.
  for (const k of ['base', 'current']) for (const x of res[k]) process.stdout.write(`${k} ${JSON.stringify(x)}\n`)
  if (old) {
    const m = (k, f) => median(res[k].map((x) => x[f]))
    process.stdout.write(
      `${JSON.stringify({ s_per_step: { base: m('base', 's_per_step'), current: m('current', 's_per_step') }, speedup: +(m('base', 's_per_step') / m('current', 's_per_step')).toFixed(2) })}\n`
    )
  }
  process.exit(0)
}
const summary = (xs) => ({
  forward_s: median(xs.map((x) => x.forward_s)),
  backward_s: median(xs.map((x) => x.backward_s)),
  forward_cpu_s: median(xs.map((x) => x.forward_cpu_s)),
  backward_cpu_s: median(xs.map((x) => x.backward_cpu_s)),
  rate_hz: xs[0].rate_hz,
  active_fraction: xs[0].active_fraction,
  spikes_sum: xs[0].spikes_sum,
  grad_sum: xs[0].grad_sum,
  rss_mb: Math.max(...xs.map((x) => x.rss_mb))
})
const report = { args: res.current[0], current: summary(res.current) }
if (old) {
  report.base = summary(res.base)
  report.speedup = {
    forward: +(report.base.forward_s / report.current.forward_s).toFixed(2),
    backward: +(report.base.backward_s / report.current.backward_s).toFixed(2),
    forward_cpu: +(report.base.forward_cpu_s / report.current.forward_cpu_s).toFixed(2),
    backward_cpu: +(report.base.backward_cpu_s / report.current.backward_cpu_s).toFixed(2)
  }
}
delete report.args.forward_all
delete report.args.backward_all
process.stdout.write(`${JSON.stringify(report, null, 1)}\n`)

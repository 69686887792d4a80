// `npm run bench`: times one full training step (forward, PSTH + hard trial-matching losses, backward, AdamW,
// constraints) and one held-out evaluation at the reference pseudodata scale and at paper scale on synthetic data
// (or `--size N,B,T` / `--sizes N,B,T;N,B,T…`, two areas; `--threads 1,2,4`), one child process per measurement (so
// peak RSS is per size), and prints one JSON line per measurement with the per-part breakdown, then the thread
// scaling and the js/wasm ratio. `--losses-on-main`: the losses on the main thread, not as shards on the pool (the
// serial baseline; the numbers are the same).
import { fork } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { fitConfigSchema } from '@shared/domain/model-config'
import { createPoolRunner, createTrainer } from '../engine'
import { cpuNow, instrument, mainCpuNow, newAcc, resetAcc } from './step-instrument'
import { PSEUDODATA_SHAPE, syntheticFitData, type SyntheticShape } from './synthetic-data'

interface Size {
  shape: SyntheticShape
  nInputs: number
  batch: number
}

// Pseudodata (spec §2.9 configs/pseudodata): N=500, 2 areas, B=200, T=250 at 2 ms; paper: N=1500, 6 areas,
// B=32 (the size), T=700, 300 inputs.
const SIZES: Record<string, Size> = {
  pseudodata: {
    shape: PSEUDODATA_SHAPE,
    nInputs: 200,
    batch: 200
  },
  paper: {
    shape: {
      areas: 6,
      unitsPerArea: 250,
      sessions: 6,
      trialsPerSession: 60,
      nBins: 700,
      dt: 0.002,
      stimBin: 100,
      withJaw: true
    },
    nInputs: 300,
    batch: 32
  }
}

/** `N,B,T`: N model neurons over two areas, batch B, T bins of 2 ms (pseudodata's other settings). */
function customSize(spec: string): Size {
  const [n, b, t] = spec.split(',').map(Number)
  if (![n, b, t].every((x) => Number.isInteger(x) && x > 0) || n < 10)
    throw new Error(`--size: "${spec}" is not N,B,T (positive integers, N ≥ 10)`)
  return {
    shape: {
      areas: 2,
      unitsPerArea: Math.floor(n / 2),
      sessions: 6,
      trialsPerSession: 200,
      nBins: t,
      dt: 0.002,
      stimBin: Math.floor(t / 5),
      withJaw: false
    },
    nInputs: 200,
    batch: b
  }
}

function sizeOf(name: string): Size {
  return SIZES[name] ?? customSize(name)
}

interface Job {
  size: string
  backend: 'wasm' | 'js'
  threads: number
  steps: number
  /** Overrides the size's batch (the js/wasm ratio runs a small batch: plain js is slow). */
  batch?: number
  /** Writes a V8 CPU profile of the timed steps only (after the warm-up step) to this path. */
  profile?: string
  /** Computes the losses on the main thread (the runner's executor unused): the serial baseline of the loss shards. */
  lossesOnMain?: boolean
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

async function measure(job: Job): Promise<Record<string, unknown>> {
  const size = sizeOf(job.size)
  const data = syntheticFitData(size.shape)
  const B = job.batch ?? size.batch
  const cfg = fitConfigSchema.parse({
    model: { neuronsPerArea: size.shape.unitsPerArea, nInputs: size.nInputs },
    loss: { trialMatching: 'hard' },
    optim: { batchSize: B, seed: 1 },
    engine: { backend: job.backend, threads: job.threads }
  })
  const acc = newAcc()
  let dims = { n: 0, nBins: 0, warmup: 0, nIn: 0 }
  const trainer = await createTrainer(data, cfg, undefined, {
    createRunner: async (o) => {
      dims = o.dims
      const runner = await createPoolRunner({ ...o, backend: job.backend, threads: job.threads })
      return instrument(runner, acc, job.lossesOnMain)
    }
  })
  // Warm-up: JIT and wasm tier-up, workspaces, data caches. After one step the next was still up to 6× slower (also at
  // N = 200 with the same spike density), so two.
  for (let w = 0; w < 2; w++) await trainer.runStep()
  const inspector = job.profile ? new Session() : null
  if (inspector) {
    inspector.connect()
    await inspector.post('Profiler.enable')
    await inspector.post('Profiler.start')
  }
  const times: number[] = []
  const cpu: number[] = []
  const phases = {
    fwd: [] as number[],
    bwd: [] as number[],
    losses: [] as number[],
    update: [] as number[],
    fwdCpu: [] as number[],
    bwdCpu: [] as number[],
    shardCpu: [] as number[],
    /** Main-thread CPU seconds outside the pool's runs: the serial part. */
    serial: [] as number[]
  }
  let density = 0
  /** Per timed step: the forward's cost follows the spikes (event-driven), so a slow step shows here. */
  const densities: number[] = []
  /** Per timed step: adjoint rows computed / rows of a dense adjoint (read here: the evaluations reset acc). */
  const actives: number[] = []
  let flops = 0
  for (let s = 0; s < job.steps; s++) {
    resetAcc(acc)
    const t = performance.now()
    const c = process.cpuUsage()
    const m = mainCpuNow()
    const rep = await trainer.runStep()
    phases.serial.push(mainCpuNow() - m - acc.mainFwd - acc.mainBwd - acc.mainShard)
    times.push((performance.now() - t) / 1000)
    const dc = process.cpuUsage(c)
    cpu.push((dc.user + dc.system) / 1e6)
    phases.fwd.push(acc.fwd / 1000)
    phases.bwd.push(acc.bwd / 1000)
    phases.fwdCpu.push(acc.fwdCpu)
    phases.bwdCpu.push(acc.bwdCpu)
    phases.shardCpu.push(acc.shardCpu)
    phases.losses.push((rep.phaseMs?.losses ?? NaN) / 1000)
    phases.update.push((rep.phaseMs?.update ?? NaN) / 1000)
    density = rep.spikeDensity
    densities.push(rep.spikeDensity)
    actives.push(acc.active)
    // Executed FLOPs: each spike adds its row (N) for both delays, forward (incl. warm-up) and in dW; each
    // active adjoint row is a length-N dot product (2N) per delay group; input spikes add rows of W_in.
    const { n, nBins: T, warmup: W } = dims
    const spikes = acc.spikes * ((T + W) / T)
    const rows = acc.active * 2 * B * T * n
    flops = spikes * 2 * n + acc.spikes * 2 * n + rows * 2 * n
  }
  if (inspector && job.profile) {
    const { profile } = await inspector.post('Profiler.stop')
    writeFileSync(job.profile, JSON.stringify(profile))
    inspector.disconnect()
  }
  // One held-out evaluation (a batch-sized forward + the metrics), as the fit runs every evalEvery steps.
  const evals: { total: number; fwd: number; cpu: number; fwdCpu: number; serial: number }[] = []
  for (let e = 0; e < 2; e++) {
    resetAcc(acc)
    const [t, c, m] = [performance.now(), cpuNow(), mainCpuNow()]
    await trainer.evaluate()
    const serial = mainCpuNow() - m - acc.mainFwd - acc.mainShard
    evals.push({
      total: (performance.now() - t) / 1000,
      fwd: acc.fwd / 1000,
      cpu: cpuNow() - c,
      fwdCpu: acc.fwdCpu,
      serial
    })
  }
  await trainer.dispose()
  const sps = median(times)
  const evalS = median(evals.map((e) => e.total))
  const evalFwd = median(evals.map((e) => e.fwd))
  return {
    name: 'engine-step',
    size: job.size,
    s_per_step: +sps.toFixed(3),
    gflops: +(flops / sps / 1e9).toFixed(2),
    rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    spike_density: +density.toFixed(4),
    threads: trainer.backend.threads,
    backend: trainer.backend.name,
    batch: B,
    // CPU seconds of all threads: robust to other processes competing for the cores (wall time is not).
    cpu_s_per_step: +median(cpu).toFixed(3),
    forward_s: +median(phases.fwd).toFixed(3),
    backward_s: +median(phases.bwd).toFixed(3),
    losses_s: +median(phases.losses).toFixed(3),
    update_s: +median(phases.update).toFixed(3),
    eval_s: +evalS.toFixed(3),
    eval_forward_s: +evalFwd.toFixed(3),
    eval_metrics_s: +(evalS - evalFwd).toFixed(3),
    // The same parts in CPU seconds of all threads (losses + update: the rest of the step; loss_shards: the losses'
    // shards on the pool), and serial: the main thread's CPU seconds outside the pool's runs (Amdahl's serial part;
    // /proc/thread-self/schedstat, null where it is missing), serial_share its fraction of the step's CPU seconds.
    cpu_parts: {
      forward: +median(phases.fwdCpu).toFixed(3),
      backward: +median(phases.bwdCpu).toFixed(3),
      losses_and_update: +(median(cpu) - median(phases.fwdCpu) - median(phases.bwdCpu)).toFixed(3),
      loss_shards: +median(phases.shardCpu).toFixed(3),
      serial: +median(phases.serial).toFixed(3),
      serial_share: +median(phases.serial.map((x, i) => x / cpu[i])).toFixed(4),
      eval_forward: +median(evals.map((e) => e.fwdCpu)).toFixed(3),
      eval_metrics: +median(evals.map((e) => e.cpu - e.fwdCpu)).toFixed(3),
      // the evaluation's main-thread CPU seconds outside the pool's runs (its metrics, less the held-out loss's shards)
      eval_serial: +median(evals.map((e) => e.serial)).toFixed(3)
    },
    n: dims.n,
    t: dims.nBins,
    active_fraction: +median(actives).toFixed(3),
    surrogate_cutoff: cfg.engine.surrogateCutoff,
    steps_timed: job.steps,
    step_times_s: times.map((x) => +x.toFixed(3)),
    step_cpu_s: cpu.map((x) => +x.toFixed(3)),
    step_spike_densities: densities.map((x) => +x.toFixed(4)),
    step_active_fractions: actives.map((x) => +x.toFixed(3)),
    eval_cpu_s: evals.map((e) => +e.cpu.toFixed(3))
  }
}

/** Speed-up of each thread count over the first (same size, same run): step and evaluation. */
function scalingLine(size: string, lines: Record<string, unknown>[]): Record<string, unknown> {
  const base = lines[0]
  const ratio = (l: Record<string, unknown>, k: string): number => +((base[k] as number) / (l[k] as number)).toFixed(2)
  return {
    name: 'engine-thread-scaling',
    size,
    threads: lines.map((l) => l.threads),
    s_per_step: lines.map((l) => l.s_per_step),
    speedup: lines.map((l) => ratio(l, 's_per_step')),
    forward_speedup: lines.map((l) => ratio(l, 'forward_s')),
    backward_speedup: lines.map((l) => ratio(l, 'backward_s')),
    eval_speedup: lines.map((l) => ratio(l, 'eval_s')),
    // Parts that stay on the calling thread whatever the thread count.
    serial_s: lines.map((l) => +((l.losses_s as number) + (l.update_s as number)).toFixed(3))
  }
}

/** Runs one measurement in a fresh process (peak RSS per size) and returns its JSON line. */
function child(job: Job): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const p = fork(__filename, ['--job', JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] })
    let out = ''
    p.stdout?.on('data', (d: Buffer) => (out += d.toString()))
    p.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      if (code === 0 && line.startsWith('{')) resolve(JSON.parse(line) as Record<string, unknown>)
      else reject(new Error(`bench child ${JSON.stringify(job)} failed (exit ${code}): ${out}`))
    })
  })
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--job')
  if (at >= 0) {
    process.stdout.write(`${JSON.stringify(await measure(JSON.parse(process.argv[at + 1]) as Job))}\n`)
    return
  }
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      size: { type: 'string' },
      sizes: { type: 'string' },
      threads: { type: 'string' },
      steps: { type: 'string' },
      'no-ratio': { type: 'boolean' },
      'losses-on-main': { type: 'boolean' }
    }
  })
  const custom = [
    ...(values.size ? [values.size] : []),
    ...(values.sizes ? values.sizes.split(/[;\s]+/).filter(Boolean) : [])
  ]
  for (const c of custom) customSize(c) // one clear line for a malformed size, before any work
  const named = positionals.filter((a) => a in SIZES)
  const sizes = custom.length || named.length ? [...named, ...custom] : Object.keys(SIZES)
  const threadList = values.threads ? values.threads.split(',').map(Number) : [Math.min(2, availableParallelism())]
  if (!threadList.every((t) => Number.isInteger(t) && t >= 1))
    throw new Error(`--threads: "${values.threads}" is not a list of positive integers`)
  const steps = values.steps ? Number(values.steps) : 3
  for (const size of sizes) {
    const lines: Record<string, unknown>[] = []
    for (const threads of threadList) {
      const line = await child({ size, backend: 'wasm', threads, steps, lossesOnMain: values['losses-on-main'] })
      lines.push(line)
      process.stdout.write(`${JSON.stringify(line)}\n`)
    }
    if (lines.length > 1) process.stdout.write(`${JSON.stringify(scalingLine(size, lines))}\n`)
  }
  if (values['no-ratio'] || custom.length) return
  // js vs wasm kernels, same run, same small batch (plain js at B=200 takes tens of seconds per step).
  const js = await child({ size: 'pseudodata', backend: 'js', threads: 1, steps: 1, batch: 16 })
  const wasm = await child({ size: 'pseudodata', backend: 'wasm', threads: 1, steps: 1, batch: 16 })
  process.stdout.write(
    `${JSON.stringify({
      name: 'engine-backend-ratio',
      size: 'pseudodata',
      batch: 16,
      threads: 1,
      js_s_per_step: js.s_per_step,
      wasm_s_per_step: wasm.s_per_step,
      js_over_wasm: +((js.s_per_step as number) / (wasm.s_per_step as number)).toFixed(2)
    })}\n`
  )
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})

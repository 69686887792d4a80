// Profiling driver (not a test): times the forward and backward passes of the in-process runner at a given size
// and prints one JSON line with medians and checksums (run by scripts/profile-engine.mjs, optionally under
// --cpu-prof). Checksums let two source trees be compared for identical spikes and gradients.
import { fitConfigSchema } from '@shared/domain/model-config'
import { syntheticFitData } from '../../../src/main/bench/synthetic-data'
import { createKernels } from '../../../src/main/engine/kernels/select'
import { PARAM_NAMES } from '../../../src/main/engine/model/params'
import { finalizeGrad } from '../../../src/main/engine/model/grads'
import { setupFit } from '../../../src/main/engine/train/setup'
import { createLocalRunner } from '../../../src/main/engine/train/local-runner'

interface Args {
  batch: number
  units: number
  bins: number
  warmupMs: number
  reps: number
  backend: 'wasm' | 'js'
  cutoff: number
}

function parseArgs(argv: string[]): Args {
  const a: Args = { batch: 20, units: 250, bins: 250, warmupMs: 100, reps: 3, backend: 'wasm', cutoff: 1e-4 }
  for (let q = 0; q < argv.length; q += 2) {
    const key = argv[q].replace(/^--/, '') as keyof Args
    const v = argv[q + 1]
    if (key === 'backend') a.backend = v === 'js' ? 'js' : 'wasm'
    else if (key in a) (a as unknown as Record<string, number>)[key] = Number(v)
  }
  return a
}

/** FNV-1a over the bytes of a typed array, as 8 hex digits. */
function checksum(x: ArrayBufferView, h = 0x811c9dc5): number {
  const b = new Uint8Array(x.buffer, x.byteOffset, x.byteLength)
  for (let q = 0; q < b.length; q++) h = Math.imul(h ^ b[q], 0x01000193)
  return h >>> 0
}

function median(xs: number[]): number {
  const s = [...xs].sort((p, q) => p - q)
  return s[s.length >> 1]
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2))
  const data = syntheticFitData({
    areas: 2,
    unitsPerArea: a.units,
    sessions: 6,
    trialsPerSession: 40,
    nBins: a.bins,
    dt: 0.002,
    stimBin: 50,
    withJaw: true
  })
  const cfg = fitConfigSchema.parse({
    model: { neuronsPerArea: a.units, nInputs: 200, warmupMs: a.warmupMs },
    optim: { batchSize: a.batch, seed: 1 }
  })
  const s = setupFit(data, cfg)
  const runner = createLocalRunner({
    dims: s.dims,
    dyn: s.dyn,
    motor: s.layout.motor,
    kernels: createKernels(a.backend)
  })
  await runner.setParams(s.params)
  const { n, nBins: T } = s.dims
  const B = a.batch
  const out = { spikes: new Float32Array(B * T * n), jaw: new Float32Array(B * T) }
  const stimulus = Float32Array.from({ length: B }, (_, b) => (b % 2 ? 4 : 0))
  // A dense, deterministic stand-in for dL/dz and dL/djaw (the losses' gradients are dense too).
  const gs = new Float32Array(B * T * n)
  const gj = new Float32Array(B * T)
  // Wall time and process CPU time (user + system): the CPU is shared, so CPU time is the steadier measure.
  const fwd: number[] = []
  const bwd: number[] = []
  const fwdCpu: number[] = []
  const bwdCpu: number[] = []
  const cpu = (): number => {
    const u = process.cpuUsage()
    return (u.user + u.system) / 1e6
  }
  let spikes = 0
  let active = 0
  let sumSpikes = 0
  let sumGrad = 0
  for (let r = 0; r <= a.reps; r++) {
    const c0 = cpu()
    const t0 = performance.now()
    const f = await runner.forward({ key: [1, 1, r], stimulus }, out)
    const t1 = performance.now()
    const c1 = cpu()
    for (let q = 0; q < gs.length; q++) gs[q] = out.spikes[q] - 0.01 + 1e-3 * ((q % 13) - 6)
    for (let q = 0; q < gj.length; q++) gj[q] = 0.01 * out.jaw[q] - 1e-3
    const c2 = cpu()
    const t2 = performance.now()
    const bw = await runner.backward(gs, gj, a.cutoff)
    const t3 = performance.now()
    const c3 = cpu()
    if (r === 0) {
      // Repetition 0 warms the JIT; its outputs give the checksums.
      spikes = f.spikes
      active = bw.activeFraction
      sumSpikes = checksum(out.spikes, checksum(out.jaw))
      const g = finalizeGrad(bw.grad, s.layout, s.dims, true)
      sumGrad = 0x811c9dc5
      for (const k of PARAM_NAMES) sumGrad = checksum(g[k], sumGrad)
      continue
    }
    fwd.push((t1 - t0) / 1000)
    bwd.push((t3 - t2) / 1000)
    fwdCpu.push(c1 - c0)
    bwdCpu.push(c3 - c2)
  }
  await runner.dispose()
  const rateHz = spikes / (B * T * n) / data.dt
  process.stdout.write(
    `${JSON.stringify({
      ...a,
      n,
      forward_s: +median(fwd).toFixed(4),
      backward_s: +median(bwd).toFixed(4),
      forward_cpu_s: +median(fwdCpu).toFixed(4),
      backward_cpu_s: +median(bwdCpu).toFixed(4),
      forward_all: fwd.map((x) => +x.toFixed(3)),
      backward_all: bwd.map((x) => +x.toFixed(3)),
      rate_hz: +rateHz.toFixed(3),
      active_fraction: +active.toFixed(4),
      spikes_sum: sumSpikes.toString(16),
      grad_sum: sumGrad.toString(16),
      rss_mb: Math.round(process.resourceUsage().maxRSS / 1024)
    })}\n`
  )
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})

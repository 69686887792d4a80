// `npm run bench:cutoff`: what the surrogate cutoff (adjoint rows skipped below cutoff × peak derivative) costs in
// gradient accuracy and buys in backward time, at the pseudodata scale with the real losses. For each cutoff the
// batch gradient (all parameter groups, as the optimiser sees it) is compared with the exact one (cutoff 0) of the
// same batch; as the yardstick, the exact gradients of two different batches at the same parameters (lr ≈ 0) are
// compared too. Prints one JSON line per cutoff, then one for the batch-to-batch difference.
import { fitConfigSchema } from '@shared/domain/model-config'
import { createPoolRunner, createTrainer, PARAM_NAMES, type BatchRunner } from '../engine'
import { finalizeGrad } from '../engine/model/grads'
import { setupFit, type FitSetup } from '../engine/train/setup'
import { PSEUDODATA_SHAPE, syntheticFitData } from './synthetic-data'

const CUTOFFS = [0, 1e-4, 1e-3, 1e-2]
const THREADS = 2

interface Probe {
  cutoff: number
  grad: Float64Array
  activeFraction: number
  seconds: number
}

/** The optimiser-facing gradient of all groups as one float64 vector. */
function flatGrad(setup: FitSetup, g: Parameters<typeof finalizeGrad>[0]): Float64Array {
  const p = finalizeGrad(g, setup.layout, setup.dims, true, 'f64')
  const parts = PARAM_NAMES.map((k) => p[k])
  const out = new Float64Array(parts.reduce((a, x) => a + x.length, 0))
  let o = 0
  for (const x of parts) {
    out.set(x, o)
    o += x.length
  }
  return out
}

function relDiff(a: Float64Array, b: Float64Array): number {
  let num = 0
  let den = 0
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2
    den += b[i] ** 2
  }
  return Math.sqrt(num / den)
}

/** Per step: the backward at every cutoff on the same dL/dz (then the trainer's own call). */
function probing(r: BatchRunner, setup: FitSetup, steps: Probe[][]): BatchRunner {
  return {
    backend: r.backend,
    setParams: (p) => r.setParams(p),
    forward: (batch, out) => r.forward(batch, out),
    async backward(gs, gj, cutoff) {
      const probes: Probe[] = []
      for (const c of CUTOFFS) {
        const t = performance.now()
        const res = await r.backward(gs, gj, c)
        const seconds = (performance.now() - t) / 1000
        probes.push({ cutoff: c, grad: flatGrad(setup, res.grad), activeFraction: res.activeFraction, seconds })
      }
      steps.push(probes)
      return r.backward(gs, gj, cutoff)
    },
    ...(r.allocBatchArray
      ? { allocBatchArray: (len: number) => (r.allocBatchArray as (n: number) => Float32Array)(len) }
      : {}),
    dispose: () => r.dispose()
  }
}

async function main(): Promise<void> {
  const data = syntheticFitData(PSEUDODATA_SHAPE)
  const cfg = fitConfigSchema.parse({
    model: { neuronsPerArea: 250, nInputs: 200 },
    loss: { trialMatching: 'hard' },
    // lr 1e-12: the parameters stay put (to ~1e-12), so two steps differ only by their batch
    optim: { batchSize: 200, seed: 1, lr: 1e-12 },
    engine: { backend: 'wasm', threads: THREADS }
  })
  const setup = setupFit(data, cfg)
  const steps: Probe[][] = []
  const trainer = await createTrainer(data, cfg, undefined, {
    createRunner: async (o) =>
      probing(await createPoolRunner({ ...o, backend: 'wasm', threads: THREADS }), setup, steps)
  })
  // The condition cycle is all / stimulus / catch trials: steps 0 and 3 draw two batches of the same condition.
  for (let s = 0; s < 4; s++) await trainer.runStep()
  await trainer.dispose()
  const [a, , , b] = steps
  const exact = a[0].grad
  for (const p of a) {
    const line = {
      name: 'surrogate-cutoff',
      cutoff: p.cutoff,
      rel_grad_error: +relDiff(p.grad, exact).toExponential(2),
      active_fraction: +p.activeFraction.toFixed(3),
      backward_s: +p.seconds.toFixed(3),
      threads: THREADS
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
  }
  const noise = {
    name: 'batch-to-batch',
    rel_grad_difference: +relDiff(b[0].grad, exact).toExponential(2),
    batch: cfg.optim.batchSize
  }
  process.stdout.write(`${JSON.stringify(noise)}\n`)
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})

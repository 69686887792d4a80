// The worker-pool BatchRunner gives exactly the in-process runner's spikes and batch gradient (same kernel
// backend), whatever the number of threads: the gradient tree fixes the summation order.
import { beforeAll, describe, expect, it } from 'vitest'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { createWasmKernels } from '../../../src/main/engine/kernels/wasm'
import { createLocalRunner } from '../../../src/main/engine/train/local-runner'
import { createPoolRunner, planBatch } from '../../../src/main/engine/parallel/pool-runner'
import { nodeTrials } from '../../../src/main/engine/parallel/model-task'
import { setupFit } from '../../../src/main/engine/train/setup'
import { finalizeGrad } from '../../../src/main/engine/model/grads'
import { PARAM_NAMES, type ParamSet } from '../../../src/main/engine/model/params'
import type { BatchRunner } from '../../../src/main/engine/model/shard'
import { allocTally, type SpikeTally } from '../../../src/main/engine/spike-tally'
import type { FactoredSpikeGrad } from '../../../src/main/engine/spike-grad'
import { tinyConfig, tinyData } from '../helpers/tiny-data'
import { buildShardWorker } from './build-worker'

let workerPath = ''
beforeAll(async () => {
  workerPath = await buildShardWorker()
})

const data = tinyData({ withJaw: true })
const cfg = tinyConfig({ model: { inputRateHz: 120 } })
const s = setupFit(data, cfg)
const B = 22 // 6 gradient blocks, the last one partial
const T = s.dims.nBins

async function stepOn(
  runner: BatchRunner,
  shared = false,
  su: typeof s = s
): Promise<{ spikes: number[]; jaw: number[]; g: ParamSet; active: number }> {
  await runner.setParams(su.params)
  // shared: outputs and dL/dz live in the runner's shared memory (no staging copies), as the trainer does.
  const alloc = (len: number): Float32Array =>
    shared && runner.allocBatchArray ? runner.allocBatchArray(len) : new Float32Array(len)
  const out = { spikes: alloc(B * T * su.dims.n), jaw: alloc(B * T) }
  const stimulus = Float32Array.from({ length: B }, (_, b) => (b % 2 ? 4 : 0))
  await runner.forward({ key: [5, 6, 7], stimulus }, out)
  const gs = alloc(out.spikes.length)
  gs.set(Float32Array.from(out.spikes, (z, q) => z - 0.05 + 0.001 * (q % 7)))
  const gj = alloc(out.jaw.length)
  gj.set(Float32Array.from(out.jaw, (j, q) => 0.1 * j + 0.01 * (q % 3)))
  const bw = await runner.backward(gs, gj, 1e-4)
  const g = finalizeGrad(bw.grad, su.layout, su.dims, true)
  // A second forward (as the trainer's evaluate does) must not disturb the next backward's buffers.
  await runner.forward({ key: [5, 6, 8], stimulus }, out)
  const result = { spikes: Array.from(out.spikes), jaw: Array.from(out.jaw), g, active: bw.activeFraction }
  await runner.dispose()
  return result
}

describe.each(['wasm', 'js'] as const)('pool runner (%s)', (backend) => {
  it('matches the in-process runner bit for bit on 1, 2 and 3 threads', async () => {
    const kernels = backend === 'wasm' ? createWasmKernels() : createJsKernels('f32')
    const ref = await stepOn(createLocalRunner({ dims: s.dims, dyn: s.dyn, motor: s.layout.motor, kernels, shards: 1 }))
    expect(ref.spikes.some((z) => z === 1)).toBe(true)
    for (const [threads, nodesPerThread, shared] of [
      [1, undefined, false],
      [2, undefined, true],
      [2, undefined, false],
      [3, 2, true]
    ] as const) {
      const runner = await createPoolRunner({
        dims: s.dims,
        dyn: s.dyn,
        motor: s.layout.motor,
        backend,
        threads,
        workerPath,
        nodesPerThread
      })
      expect(runner.allocBatchArray).toBeTypeOf('function')
      const got = await stepOn(runner, shared)
      expect(got.spikes).toEqual(ref.spikes)
      expect(got.jaw).toEqual(ref.jaw)
      expect(got.active).toBe(ref.active)
      for (const k of PARAM_NAMES)
        expect(Array.from(got.g[k]), `${k} on ${threads} threads`).toEqual(Array.from(ref.g[k]))
    }
  })
})

/** Forward with a spike tally, then backward with a factored dL/dz (as the trainer runs them). */
async function tallyStepOn(runner: BatchRunner): Promise<{ spikes: Float32Array; tally: SpikeTally; g: ParamSet }> {
  await runner.setParams(s.params)
  const n = s.dims.n
  // neuron i in group i % 3 − 1 (−1 = none): two groups, interleaved
  const layout = { groupOf: Int32Array.from({ length: n }, (_, i) => (i % 3) - 1), groups: 2 }
  const tally = allocTally(layout, B, T, n)
  tally.colSum.fill(9) // the forward overwrites it
  const out = { spikes: new Float32Array(B * T * n), jaw: new Float32Array(B * T), tally }
  await runner.forward({ key: [5, 6, 9], stimulus: Float32Array.from({ length: B }, (_, b) => 4 * (b % 2)) }, out)
  const members = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 0)
  members.sort((a, b) => (a % 3) - (b % 3) || a - b)
  const g1 = members.findIndex((i) => i % 3 === 2)
  const factored: FactoredSpikeGrad = {
    shared: Float64Array.from({ length: T * n }, (_, q) => Math.sin(q)),
    perGroup: Float64Array.from({ length: B * T * 2 }, (_, q) => Math.cos(q)),
    groups: 2,
    members,
    start: Int32Array.of(0, g1, members.length)
  }
  const bw = await runner.backward(factored, null, 1e-4)
  const g = finalizeGrad(bw.grad, s.layout, s.dims, true)
  await runner.dispose()
  return { spikes: out.spikes, tally, g }
}

describe('spike tally and factored dL/dz', () => {
  it('count the spikes exactly and give the in-process gradient on 2 threads', async () => {
    const kernels = createWasmKernels()
    const ref = await tallyStepOn(createLocalRunner({ dims: s.dims, dyn: s.dyn, motor: s.layout.motor, kernels }))
    const n = s.dims.n
    const colSum = new Float64Array(T * n)
    const groupSum = new Float64Array(B * T * 2)
    ref.spikes.forEach((z, q) => {
      const i = q % n
      colSum[q % (T * n)] += z
      if (i % 3 > 0) groupSum[Math.floor(q / n) * 2 + (i % 3) - 1] += z
    })
    expect(colSum.reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    expect(ref.tally.colSum).toEqual(colSum)
    expect(ref.tally.groupSum).toEqual(groupSum)
    const runner = await createPoolRunner({
      dims: s.dims,
      dyn: s.dyn,
      motor: s.layout.motor,
      backend: 'wasm',
      threads: 2,
      workerPath
    })
    const got = await tallyStepOn(runner)
    expect(got.tally.colSum).toEqual(colSum)
    expect(got.tally.groupSum).toEqual(groupSum)
    for (const k of PARAM_NAMES) expect(Array.from(got.g[k]), k).toEqual(Array.from(ref.g[k]))
  })
})

describe('pool runner with spike-frequency adaptation', () => {
  it('matches the in-process runner bit for bit on 2 threads', async () => {
    const sa = setupFit(data, tinyConfig({ model: { inputRateHz: 120, adaptiveFraction: 0.5, tauAdaptationMs: 20 } }))
    expect(sa.dims.adaptive).toBe(true)
    const o = { dims: sa.dims, dyn: sa.dyn, motor: sa.layout.motor }
    const ref = await stepOn(createLocalRunner({ ...o, kernels: createWasmKernels() }), false, sa)
    const got = await stepOn(await createPoolRunner({ ...o, backend: 'wasm', threads: 2, workerPath }), true, sa)
    expect(got.spikes).toEqual(ref.spikes)
    expect(ref.spikes.some((z) => z === 1)).toBe(true)
    for (const k of PARAM_NAMES) expect(Array.from(got.g[k]), k).toEqual(Array.from(ref.g[k]))
  })
})

describe('planBatch', () => {
  it('balances the gradient-tree nodes over the threads within 10 %', () => {
    for (const [B, threads] of [
      [200, 2],
      [32, 2],
      [200, 3],
      [64, 4],
      [22, 2]
    ]) {
      const { nodes, assignment } = planBatch(B, threads)
      const trials = nodes.map((nd) => nodeTrials(nd, B)[1] - nodeTrials(nd, B)[0])
      expect(trials.reduce((a, b) => a + b, 0)).toBe(B)
      const loads = assignment.map((l) => l.reduce((a, q) => a + trials[q], 0))
      expect(Math.max(...loads) / (B / threads), `B=${B}, ${threads} threads`).toBeLessThanOrEqual(B < 50 ? 1.3 : 1.1)
      expect(assignment.flat().sort((a, b) => a - b)).toEqual(nodes.map((_, q) => q))
    }
  })
})

describe('pool runner cancellation', () => {
  it('rejects a forward once the shared cancel flag is set', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4))
    const runner = await createPoolRunner({
      dims: s.dims,
      dyn: s.dyn,
      motor: s.layout.motor,
      backend: 'wasm',
      threads: 2,
      workerPath,
      cancelFlag: flag
    })
    await runner.setParams(s.params)
    Atomics.store(flag, 0, 1)
    const out = { spikes: new Float32Array(B * T * s.dims.n), jaw: new Float32Array(B * T) }
    await expect(runner.forward({ key: [1], stimulus: new Float32Array(B) }, out)).rejects.toThrow(/cancelled/)
    await runner.dispose()
  })
})

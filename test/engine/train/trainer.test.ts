// Trainer behaviour with a placeholder loss: determinism by seed and across shard counts, checkpoint round trip,
// constraints (Dale's law, masks, bounds), divergence rollback, abort, and clear errors for bad settings.
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { createTrainerWith, LR_RECOVERY_STEPS } from '../../../src/main/engine/train/loop'
import { buildLayout } from '../../../src/main/engine/model/layout'
import type { Trainer } from '../../../src/main/engine'
import { placeholderDeps } from '../helpers/placeholder-deps'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

const data = tinyData({ withJaw: true })
const cfg = tinyConfig({ optim: { batchSize: 12, lr: 0.01, seed: 3 } })

async function run(t: Trainer, steps: number): Promise<number[]> {
  const losses: number[] = []
  for (let s = 0; s < steps; s++) losses.push((await t.runStep()).losses.total)
  return losses
}

const bytesEqual = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/** The learning rate a trainer holds now (before the schedule's factor), from its checkpoint's header. */
function lrOf(t: Trainer): number {
  const bytes = t.saveState()
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true)
  return (JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as { lr: number }).lr
}

describe('Trainer', () => {
  it('is deterministic by seed, whatever the number of shards', async () => {
    const a = await createTrainerWith(data, cfg, undefined, placeholderDeps({ shards: 1 }))
    const b = await createTrainerWith(data, cfg, undefined, placeholderDeps({ shards: 3 }))
    const c = await createTrainerWith(
      data,
      tinyConfig({ optim: { batchSize: 12, lr: 0.01, seed: 4 } }),
      undefined,
      placeholderDeps()
    )
    const la = await run(a, 3)
    const lb = await run(b, 3)
    const lc = await run(c, 3)
    expect(lb).toEqual(la)
    expect(lc).not.toEqual(la)
    expect(bytesEqual(a.saveState(), b.saveState())).toBe(true)
    expect(bytesEqual(a.saveState(), c.saveState())).toBe(false)
    expect(a.step).toBe(3)
  })

  it('continues bit-identically from saveState()', async () => {
    const a = await createTrainerWith(data, cfg, undefined, placeholderDeps())
    await run(a, 2)
    const saved = a.saveState()
    const tailA = await run(a, 2)
    const b = await createTrainerWith(data, cfg, saved, placeholderDeps())
    expect(b.step).toBe(2)
    const tailB = await run(b, 2)
    expect(tailB).toEqual(tailA)
    expect(bytesEqual(a.saveState(), b.saveState())).toBe(true)
  })

  it('rejects a checkpoint of another model shape', async () => {
    const a = await createTrainerWith(data, cfg, undefined, placeholderDeps())
    const other = tinyConfig({ model: { neuronsPerArea: 8 }, optim: { batchSize: 12 } })
    await expect(createTrainerWith(data, other, a.saveState(), placeholderDeps())).rejects.toMatchObject({
      code: 'BAD_VALUE',
      field: 'checkpoint'
    })
  })

  it('keeps Dale’s law, masks and bounds after every step', async () => {
    const big = tinyConfig({ optim: { batchSize: 12, lr: 0.05 }, loss: { l1Decay: 0.01 } })
    const t = await createTrainerWith(data, big, undefined, placeholderDeps({ target: 0.2 }))
    await run(t, 4)
    const p = t.exportParams()
    const layout = buildLayout(data, big.model)
    const n = layout.n
    for (const name of ['w_rec_d0', 'w_rec_d1'] as const) {
      const w = p.arrays[name].data
      for (let q = 0; q < w.length; q++) {
        expect(w[q]).toBeGreaterThanOrEqual(0)
        if (!layout.recMask[q]) expect(w[q]).toBe(0)
      }
      // inhibitory presynaptic neurons never reach another area
      for (let j = layout.nE; j < n; j++) {
        for (let i = 0; i < n; i++) if (layout.neuronArea[i] !== layout.neuronArea[j]) expect(w[j * n + i]).toBe(0)
      }
    }
    for (const x of p.arrays.w_in.data) expect(x).toBeGreaterThanOrEqual(0)
    for (const x of p.arrays.v_rest.data) expect(Math.abs(x)).toBeLessThanOrEqual(big.model.threshold + 1e-7)
    const motor = new Set(layout.motor)
    p.arrays.w_jaw.data.forEach((x, i) => {
      if (!motor.has(i)) expect(x).toBe(0)
    })
  })

  it('detects divergence under an absurd learning rate and rolls back', async () => {
    const wild = tinyConfig({ optim: { batchSize: 12, lr: 1 } })
    const t = await createTrainerWith(data, wild, undefined, placeholderDeps({ target: 1 }))
    const reports = []
    for (let s = 0; s < 6; s++) reports.push(await t.runStep())
    const rb = reports.filter((r) => r.rolledBack)
    expect(rb.length).toBeGreaterThan(0)
    expect(rb[0].rolledBack?.newLr).toBe(0.5)
    expect(rb[0].rolledBack?.reason).toMatch(/rate|loss|non-finite/)
    const p = t.exportParams()
    for (const a of Object.values(p.arrays)) for (const x of a.data) expect(Number.isFinite(x)).toBe(true)
  })

  it('rolls back a NaN loss to the last good parameters', async () => {
    const t = await createTrainerWith(data, cfg, undefined, placeholderDeps({ nanAtCall: 3 }))
    await run(t, 1)
    // Parameters after step 1: step 2's forward is healthy, so they become the rollback target.
    const good = t.exportParams().arrays.w_in.data.slice()
    await t.runStep()
    expect(Array.from(t.exportParams().arrays.w_in.data)).not.toEqual(Array.from(good))
    const r = await t.runStep()
    expect(r.rolledBack).toEqual({ reason: 'loss is NaN', newLr: 0.005 })
    expect(Array.from(t.exportParams().arrays.w_in.data)).toEqual(Array.from(good))
    const again = await t.runStep()
    expect(again.rolledBack).toBeUndefined()
  })

  it('doubles the halved learning rate back every LR_RECOVERY_STEPS healthy steps, up to the configured rate', async () => {
    const t = await createTrainerWith(data, cfg, undefined, placeholderDeps({ nanAtCall: 3 }))
    await run(t, 2)
    expect((await t.runStep()).rolledBack?.newLr).toBe(0.005)
    await run(t, LR_RECOVERY_STEPS - 1)
    expect(lrOf(t)).toBe(0.005)
    await run(t, 1)
    expect(lrOf(t)).toBe(0.01) // back to optim.lr, and no higher
    await run(t, LR_RECOVERY_STEPS)
    expect(lrOf(t)).toBe(0.01)
  })

  it('resumes the recovery of the learning rate where the checkpoint left it', async () => {
    const deps = (): ReturnType<typeof placeholderDeps> => placeholderDeps({ nanAtCall: 3 })
    const whole = await createTrainerWith(data, cfg, undefined, deps())
    await run(whole, 3 + 10) // the rollback, then 10 healthy steps
    const resumed = await createTrainerWith(data, cfg, whole.saveState(), placeholderDeps())
    await run(whole, LR_RECOVERY_STEPS - 10)
    await run(resumed, LR_RECOVERY_STEPS - 10)
    expect(lrOf(whole)).toBe(0.01)
    expect(lrOf(resumed)).toBe(0.01)
    expect(bytesEqual(resumed.saveState(), whole.saveState())).toBe(true)
  })

  it('rolls back a step whose loss jumps far above the recent ones', async () => {
    const t = await createTrainerWith(data, cfg, undefined, placeholderDeps({ spikeAtCall: 5 }))
    const healthy = []
    for (let s = 0; s < 3; s++) healthy.push(await t.runStep())
    // Step 4's forward is healthy, so the parameters it ran with become the rollback target.
    const good = t.exportParams().arrays.w_in.data.slice()
    healthy.push(await t.runStep())
    expect(healthy.every((r) => r.rolledBack === undefined)).toBe(true)
    const r = await t.runStep()
    expect(r.rolledBack?.reason).toMatch(/^loss .* is over 5× the recent median/)
    expect(r.rolledBack?.newLr).toBe(0.005)
    expect(Array.from(t.exportParams().arrays.w_in.data)).toEqual(Array.from(good))
    expect((await t.runStep()).rolledBack).toBeUndefined()
  })

  it('rolls back a loss spike as early as the second step', async () => {
    const t = await createTrainerWith(data, cfg, undefined, placeholderDeps({ spikeAtCall: 2 }))
    expect((await t.runStep()).rolledBack).toBeUndefined()
    expect((await t.runStep()).rolledBack?.reason).toMatch(/recent median/)
  })

  it('honours an aborted signal without changing the state', async () => {
    const t = await createTrainerWith(data, cfg, undefined, placeholderDeps())
    const before = t.saveState()
    const ac = new AbortController()
    ac.abort()
    await expect(t.runStep({ signal: ac.signal })).rejects.toMatchObject({ name: 'AbortError' })
    expect(t.step).toBe(0)
    expect(bytesEqual(before, t.saveState())).toBe(true)
  })

  it('evaluates with the same draws at every step: unchanged parameters give the same held-out metrics', async () => {
    // the best held-out T'trial and the early stop compare evaluations of different steps: only the parameters may
    // differ between them, not the generated trials' stimuli, noise or the metrics' random subsets
    const seen: { seed: number | undefined; stimulus: number[]; spikes: number }[] = []
    const deps = placeholderDeps({ nanAtCall: 1 })
    deps.evaluateMetrics = (_t, args) => {
      let spikes = 0
      for (const x of args.modelSpikes) spikes += x
      seen.push({ seed: args.seed, stimulus: Array.from(args.modelStimulus), spikes })
      return { t_trial_pearson: spikes } as never
    }
    const t = await createTrainerWith(data, cfg, undefined, deps)
    await t.evaluate()
    // a NaN loss: rolled back to the same parameters, one step on
    expect((await t.runStep()).rolledBack).toBeDefined()
    expect(t.step).toBe(1)
    await t.evaluate()
    expect(seen[0]!.spikes).toBeGreaterThan(0)
    expect(seen[1]).toEqual(seen[0])
  })

  it('simulates deterministically given a seed', async () => {
    const t = await createTrainerWith(data, cfg, undefined, placeholderDeps())
    const stim = Float32Array.from({ length: 15 }, (_, i) => (i % 2) * 4)
    const s1 = await t.simulate(stim, 9)
    const s2 = await t.simulate(stim, 9)
    const s3 = await t.simulate(stim, 10)
    expect(s1.nTrials).toBe(15)
    expect(bytesEqual(s1.spikes, s2.spikes)).toBe(true)
    expect(bytesEqual(s1.spikes, s3.spikes)).toBe(false)
  })
})

describe('bad settings', () => {
  const expectAppError = async (p: Promise<unknown>, code: string, field: string): Promise<void> => {
    const err = await p.then(
      () => null,
      (e: unknown) => e
    )
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code, field })
  }

  it('zero excitatory neurons in an area', async () => {
    const c = tinyConfig({ model: { neuronsPerArea: 2, excFraction: 0.3 } })
    await expectAppError(
      createTrainerWith(data, c, undefined, placeholderDeps()),
      'INVALID_SETTINGS',
      'model.neuronsPerArea'
    )
  })

  it('dt larger than the window', async () => {
    const d = { ...tinyData(), nBins: 0 }
    await expectAppError(createTrainerWith(d, cfg, undefined, placeholderDeps()), 'INVALID_SETTINGS', 'dt')
  })

  it('NaN in the data', async () => {
    const d = tinyData({ withJaw: true })
    const jaw = d.sessions[1].jaw as Float32Array
    jaw[17] = NaN
    await expectAppError(createTrainerWith(d, cfg, undefined, placeholderDeps()), 'BAD_VALUE', 'sessions[1].jaw')
    const d2 = tinyData()
    d2.sessions[0].stimulus[2] = NaN
    await expectAppError(createTrainerWith(d2, cfg, undefined, placeholderDeps()), 'BAD_VALUE', 'sessions[0].stimulus')
  })

  it('an unknown motor area', async () => {
    const c = tinyConfig({ model: { motorAreas: ['ALM'] } })
    await expectAppError(
      createTrainerWith(data, c, undefined, placeholderDeps()),
      'INVALID_SETTINGS',
      'model.motorAreas'
    )
  })
})

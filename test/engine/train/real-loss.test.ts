// createTrainer (engine/index.ts) with the real loss module: a short fit on tiny data runs, stays finite,
// and lowers the training loss.
import { describe, expect, it } from 'vitest'
import { createTrainer } from '../../../src/main/engine'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

describe('createTrainer with the real losses', () => {
  it.each([
    ['fixed thresholds', {}],
    ['spike-frequency adaptation on half the neurons', { adaptiveFraction: 0.5, tauAdaptationMs: 50 }]
  ] as const)('runs a short fit that lowers the loss (%s)', async (_, model) => {
    const data = tinyData({ withJaw: true, trials: 20, nBins: 40 })
    const cfg = tinyConfig({ model, optim: { batchSize: 12, lr: 0.01, seed: 1 }, engine: { backend: 'js' } })
    const t = await createTrainer(data, cfg)
    expect(t.backend.name).toBe('js')
    const first: number[] = []
    const last: number[] = []
    for (let s = 0; s < 30; s++) {
      const r = await t.runStep()
      expect(Number.isFinite(r.losses.total)).toBe(true)
      expect(r.rolledBack).toBeUndefined()
      if (s < 5) first.push(r.losses.total)
      if (s >= 25) last.push(r.losses.total)
    }
    const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length
    expect(mean(last)).toBeLessThan(mean(first))
    await t.dispose()
  })
})

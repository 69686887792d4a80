// bench:fit's fit-time-to-quality line: the first evaluation at which each T'trial ratio reached 80/90/95 %.
import { describe, expect, it } from 'vitest'
import type { FitProgress, Metrics } from '@shared/domain/fit'
import { QualityTimes } from '../../../src/main/bench/quality-times'

function progress(step: number, t: number, neural: number | null): FitProgress {
  const metrics = {
    t_trial_pearson: t,
    t_trial_pearson_ceiling: 0.8,
    t_trial_neural_pearson: neural,
    t_trial_neural_pearson_ceiling: neural === null ? null : 0.5
  } as unknown as Metrics
  return { step, elapsedS: 2 * step, metrics } as unknown as FitProgress
}

describe('QualityTimes', () => {
  it('reports when the T′trial and the neural-only T′trial first reached each fraction of their ceilings', () => {
    const q = new QualityTimes()
    q.see(progress(10, 0.4, 0.3)) // 0.5, 0.6
    q.see(progress(20, 0.66, 0.46)) // 0.825, 0.92
    q.see(progress(20, 0.66, 0.46)) // the same evaluation again: ignored
    q.see(progress(30, 0.6, 0.49)) // 0.75, 0.98
    q.see(progress(40, 0.73, null)) // 0.9125, no neural value (a run stored before it)
    const line = q.line(40, 80, 2, [])
    expect(line).toMatchObject({
      t80_s: 40,
      t90_s: 80,
      t95_s: null,
      t80_step: 20,
      t90_step: 40,
      t95_step: null,
      best_ratio: 0.913,
      t80_neural_s: 40,
      t90_neural_s: 40,
      t95_neural_s: 60,
      t80_neural_step: 20,
      t90_neural_step: 20,
      t95_neural_step: 30,
      best_neural_ratio: 0.98
    })
    expect(typeof line.t95_neural_cpu_s).toBe('number')
    expect(q.evals.map((e) => [e.step, e.ratio, e.neural_ratio])).toEqual([
      [10, 0.5, 0.6],
      [20, 0.825, 0.92],
      [30, 0.75, 0.98],
      [40, 0.913, null]
    ])
  })
})

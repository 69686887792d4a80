// Sweep table rows, sorting, trial-type error and the metric-vs-parameter spread (hand-computed cases).
import { describe, expect, it } from 'vitest'
import type { Metrics } from '@shared/domain/fit'
import type { SweepTaskState } from '@shared/domain/sweep-status'
import {
  metricVsParam,
  numericAxes,
  paramColumns,
  sortRows,
  sweepRows,
  trialTypeError
} from '../../../src/renderer/src/lib/sweep-table'

const metrics = (t: number, model: Record<string, number> = {}, data: Record<string, number> = {}): Metrics =>
  ({
    t_trial_pearson: t,
    t_trial_pearson_ceiling: 0.6,
    psth_pearson: t / 2,
    psth_pearson_ceiling: 0.4,
    psth_pearson_per_area: {},
    trial_type_model: model,
    trial_type_data: data,
    jaw_pearson: null,
    lick_accuracy: null,
    eval_loss: 1
  }) as unknown as Metrics

function task(index: number, coeff: number, latent: number, seed: number, t: number | null): SweepTaskState {
  return {
    index,
    status: t === null ? 'running' : 'completed',
    params: { dataset: 'ex', 'loss.trialCoeff': coeff, 'model.latentDim': latent, seed },
    run: null,
    step: 4,
    targetSteps: 4,
    metrics: t === null ? null : metrics(t),
    jobId: null,
    error: null
  }
}

describe('sweep table', () => {
  const tasks = [
    task(0, 0, 0, 0, 0.1),
    task(1, 0, 0, 1, 0.3),
    task(2, 20, 0, 0, 0.5),
    task(3, 20, 0, 1, 0.7),
    task(4, 20, 5, 0, null)
  ]
  const rows = sweepRows(tasks)

  it('trial-type error is the mean absolute difference of the shares', () => {
    expect(
      trialTypeError(metrics(0, { Hit: 0.5, Miss: 0.1, CR: 0.3, FA: 0.1 }, { Hit: 0.4, Miss: 0.2, CR: 0.3, FA: 0.1 }))
    ).toBeCloseTo(0.05)
    expect(trialTypeError(null)).toBeNull()
  })

  it('columns, sorting by a metric (missing last) and by a parameter', () => {
    expect(paramColumns(tasks, ['loss.trialCoeff', 'model.latentDim'])).toEqual([
      'loss.trialCoeff',
      'model.latentDim',
      'seed'
    ])
    expect(numericAxes(tasks, ['loss.trialCoeff', 'model.latentDim'])).toEqual(['loss.trialCoeff', 'model.latentDim'])
    expect(sortRows(rows, 't_trial_pearson', true).map((r) => r.index)).toEqual([3, 2, 1, 0, 4])
    expect(sortRows(rows, 't_trial_pearson', false).map((r) => r.index)).toEqual([0, 1, 2, 3, 4])
    expect(sortRows(rows, 'param:loss.trialCoeff', true).map((r) => r.index)).toEqual([2, 3, 4, 0, 1])
  })

  it('metric against a parameter: mean ± SD over seeds, one series per other-parameter combination', () => {
    const s = metricVsParam(rows, 'loss.trialCoeff', 't_trial_pearson')
    expect(s).toHaveLength(1) // the latentDim=5 task has no metrics yet
    expect(s[0]!.name).toBe('dataset="ex", model.latentDim=0')
    expect(s[0]!.x).toEqual([0, 20])
    expect(s[0]!.mean[0]).toBeCloseTo(0.2)
    expect(s[0]!.mean[1]).toBeCloseTo(0.6)
    expect(s[0]!.hi[0]! - s[0]!.mean[0]!).toBeCloseTo(Math.sqrt(0.02)) // sample SD of 0.1, 0.3
    expect(s[0]!.n).toEqual([2, 2])
  })
})

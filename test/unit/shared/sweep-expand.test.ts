// Sweep files: validation naming the field, and the deterministic expansion into tasks (grid, random, seeds).
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { expandSweep, parseSweepFile } from '@shared/domain/sweep-expand'

const expand = (json: unknown) => expandSweep(parseSweepFile(json, 'sweep.json'), 'sweep.json')

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (err) {
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).file).toBe('sweep.json')
    return (err as AppError).field
  }
  throw new Error('expected an error')
}

describe('sweep expansion', () => {
  it("expands the issue's example grid: 3 × 2 points × 10 seeds, dataset first, seed last", () => {
    const tasks = expand({
      datasets: ['example'],
      base: { optim: { steps: 2000 } },
      axes: { 'loss.trialCoeff': [0, 5, 20], 'model.latentDim': [0, 5] },
      seeds: 10,
      mode: 'grid'
    })
    expect(tasks).toHaveLength(60)
    expect(tasks.map((t) => t.index)).toEqual(tasks.map((_, i) => i))
    expect(tasks[0]!.params).toEqual({ dataset: 'example', 'loss.trialCoeff': 0, 'model.latentDim': 0, seed: 0 })
    expect(tasks[11]!.params).toEqual({ dataset: 'example', 'loss.trialCoeff': 0, 'model.latentDim': 5, seed: 1 })
    expect(tasks[59]!.params).toEqual({ dataset: 'example', 'loss.trialCoeff': 20, 'model.latentDim': 5, seed: 9 })
    const t = tasks[25]!
    expect(t.config.loss.trialCoeff).toBe(t.params['loss.trialCoeff'])
    expect(t.config.model.latentDim).toBe(t.params['model.latentDim'])
    expect(t.config.optim.seed).toBe(t.params['seed'])
    expect(t.config.optim.steps).toBe(2000)
    expect(t.config.model.neuronsPerArea).toBe(250) // defaults filled in
  })

  it('takes a list of seeds and several datasets; no axes gives one point', () => {
    const tasks = expand({ datasets: ['a', 'b'], seeds: [7, 3] })
    expect(tasks.map((t) => [t.dataset, t.config.optim.seed])).toEqual([
      ['a', 7],
      ['a', 3],
      ['b', 7],
      ['b', 3]
    ])
  })

  it('random mode: count points, the same for the same randomSeed, distinct while the grid allows', () => {
    const sweep = {
      datasets: ['x'],
      axes: {
        'optim.lr': { min: 1e-4, max: 1e-2, log: true },
        'model.neuronsPerArea': { min: 20, max: 80, integer: true }
      },
      mode: 'random',
      count: 6,
      seeds: 2
    }
    const a = expand(sweep)
    expect(a).toHaveLength(12)
    expect(expand(sweep).map((t) => t.params)).toEqual(a.map((t) => t.params))
    expect(expand({ ...sweep, randomSeed: 1 }).map((t) => t.params)).not.toEqual(a.map((t) => t.params))
    for (const t of a) {
      const lr = t.params['optim.lr'] as number
      const n = t.params['model.neuronsPerArea'] as number
      expect(lr).toBeGreaterThanOrEqual(1e-4)
      expect(lr).toBeLessThanOrEqual(1e-2)
      expect(Number.isInteger(n) && n >= 20 && n <= 80).toBe(true)
      expect(t.config.optim.lr).toBe(lr)
    }
    const lists = expand({
      datasets: ['x'],
      axes: { 'loss.trialCoeff': [0, 1, 2], 'model.latentDim': [0, 5] },
      mode: 'random',
      count: 6
    })
    expect(new Set(lists.map((t) => JSON.stringify(t.params))).size).toBe(6) // the whole grid, each point once
  })

  it('refuses bad sweep files with an error naming the field', () => {
    expect(fieldOf(() => expand({ datasets: [] }))).toBe('datasets')
    expect(fieldOf(() => expand({ datasets: ['x'], seeds: 0 }))).toBe('seeds')
    expect(fieldOf(() => expand({ datasets: ['x'], sweeps: 1 }))).toBe('sweep')
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { 'loss.trialCoef': [1] } }))).toBe('axes.loss.trialCoef')
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { loss: [1] } }))).toBe('axes.loss')
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { 'optim.seed': [1] } }))).toBe('axes.optim.seed')
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { 'loss.trialCoeff': [0, 5, -1] } }))).toBe(
      'axes.loss.trialCoeff[2]'
    )
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { 'model.latentDim': [0, 'five'] } }))).toBe(
      'axes.model.latentDim[1]'
    )
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { 'model.latentDim': [] } }))).toBe('axes.model.latentDim')
    expect(fieldOf(() => expand({ datasets: ['x'], base: { optim: { stepz: 3 } } }))).toBe('base.optim.stepz')
    expect(fieldOf(() => expand({ datasets: ['x'], base: { optim: { steps: -3 } } }))).toBe('base.optim.steps')
    expect(fieldOf(() => expand({ datasets: ['x'], mode: 'random' }))).toBe('count')
    expect(fieldOf(() => expand({ datasets: ['x'], count: 3 }))).toBe('count')
    expect(fieldOf(() => expand({ datasets: ['x'], axes: { 'optim.lr': { min: 1, max: 2 } } }))).toBe('axes.optim.lr')
    expect(
      fieldOf(() =>
        expand({ datasets: ['x'], mode: 'random', count: 2, axes: { 'optim.lr': { min: 0, max: 2, log: true } } })
      )
    ).toBe('axes.optim.lr.min')
    expect(
      fieldOf(() =>
        expand({
          datasets: ['x'],
          seeds: 1000,
          axes: { 'loss.trialCoeff': [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] }
        })
      )
    ).toBe('axes')
  })
})

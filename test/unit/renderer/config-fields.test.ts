// The settings form is generated from the fit config schema; presets must be valid configs.
import { describe, expect, it } from 'vitest'
import {
  engineConfigSchema,
  fitConfigSchema,
  lossConfigSchema,
  modelConfigSchema,
  optimConfigSchema
} from '@shared/domain/model-config'
import { configFields, humanLabel, withOverrides } from '../../../src/renderer/src/lib/config-fields'
import { fitPresetsFor } from '../../../src/renderer/src/lib/fit-presets'

describe('configFields', () => {
  const fields = configFields()
  const byKey = (s: string, k: string) => fields.find((f) => f.section === s && f.key === k)

  it('covers every key of every section (optional ones without a default too)', () => {
    const shapes = {
      model: modelConfigSchema.shape,
      loss: lossConfigSchema.shape,
      optim: optimConfigSchema.shape,
      engine: engineConfigSchema.shape
    }
    for (const s of ['model', 'loss', 'optim', 'engine'] as const)
      expect(
        fields
          .filter((f) => f.section === s)
          .map((f) => f.key)
          .sort()
      ).toEqual(Object.keys(shapes[s]).sort())
  })
  it('reads kinds, bounds, options and defaults from the schema', () => {
    expect(byKey('model', 'neuronsPerArea')).toMatchObject({ kind: 'integer', min: 2, max: 5000, default: 250 })
    expect(byKey('loss', 'trialMatching')).toMatchObject({
      kind: 'enum',
      options: ['hard', 'soft', 'none'],
      default: 'hard'
    })
    expect(byKey('model', 'delaysMs')).toMatchObject({ kind: 'pair', default: [2, 4] })
    expect(byKey('model', 'motorAreas')).toMatchObject({ kind: 'list' })
    expect(byKey('model', 'trainNoiseScale')).toMatchObject({ kind: 'boolean', default: true })
    expect(byKey('optim', 'lr')).toMatchObject({ kind: 'number', max: 1 })
  })
  it('labels carry units', () => {
    expect(humanLabel('tauExcMs')).toBe('tau exc (ms)')
    expect(humanLabel('inputRateHz')).toBe('input rate (Hz)')
    expect(humanLabel('batchSize')).toBe('batch size')
  })
})

describe('presets', () => {
  it('are valid fit configs that keep untouched defaults', () => {
    // one session of 240 units, 100 trials, 500 ms at 2 ms
    const sessions = [{ nUnits: 240, nTrials: 100, window: { start: 0, stop: 0.5, dt: 0.002 } }]
    const form = fitConfigSchema.parse({})
    for (const presets of [fitPresetsFor(null, form, 2), fitPresetsFor(sessions, form, 2)])
      for (const p of presets) expect(fitConfigSchema.safeParse(p.config).success, p.id).toBe(true)
    const quick = fitPresetsFor(sessions, form, 2).find((p) => p.id === 'quick')
    expect(quick?.minutes).toBe(2)
    expect(quick?.expected).toBe('≈ 2 min')
    expect(quick?.config.optim.batchSize).toBe(80) // the largest session's training trials
    expect(quick?.config.loss.psthCoeff).toBe(10)
    expect(withOverrides({ optim: { steps: 5 } }).optim.lr).toBe(1e-3)
  })
})

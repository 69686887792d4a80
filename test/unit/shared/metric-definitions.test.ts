// One source of metric text: every metric the app shows has a definition, the CLI help and docs/metrics.md carry it.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { metricsSchema } from '@shared/domain/fit'
import {
  metricDefinition,
  metricHint,
  metricName,
  metricsHelpText,
  metricsMarkdown
} from '@shared/domain/metric-definitions'
import { lickRateError, lickRates } from '@shared/domain/lick-rates'

describe('metric definitions', () => {
  it('define every scalar metric of a run, and the derived lick-rate error', () => {
    const keys = Object.keys(metricsSchema.shape).filter((k) => !k.startsWith('trial_type_'))
    for (const k of [...keys, 'lick_rate_error', 'trial_type_mix']) {
      const d = metricDefinition(k)
      expect(d, k).toBeDefined()
      expect(d!.short.length, k).toBeGreaterThan(30)
      expect(d!.detail.length, k).toBeGreaterThan(d!.short.length)
    }
  })
  it('cite nothing the user does not have', () => {
    expect(metricsHelpText()).not.toMatch(/spec|§/)
  })
  it('give names and hints, falling back to the key in words', () => {
    expect(metricName('t_trial_pearson_ceiling')).toBe('T′trial data ceiling')
    expect(metricName('some_new_metric')).toBe('some new metric')
    expect(metricHint('eval_loss')).toMatch(/^Held-out loss: .*held-out trials/)
    expect(metricHint('nope')).toBe('')
  })
  it('describe lick accuracy as the classifier, not the model', () => {
    expect(metricDefinition('lick_accuracy')?.name).toBe('Lick classifier accuracy')
    expect(metricDefinition('lick_accuracy')?.detail).toMatch(/Not a property of the model/)
  })
  it('are what docs/metrics.md says (regenerate it from metricsMarkdown() when the text changes)', () => {
    expect(readFileSync('docs/metrics.md', 'utf8')).toBe(metricsMarkdown())
  })
})

describe('lick rates', () => {
  it('are the lick share per condition, generated vs recorded, with the largest difference', () => {
    // generated: stimulus trials 0.3 Hit + 0.2 Miss → 0.6; catch 0.1 FA + 0.4 CR → 0.2
    // recorded: stimulus 0.4 / (0.4 + 0.1) = 0.8; catch 0.05 / (0.05 + 0.45) = 0.1
    const rates = lickRates({ Hit: 0.3, Miss: 0.2, CR: 0.4, FA: 0.1 }, { Hit: 0.4, Miss: 0.1, CR: 0.45, FA: 0.05 })
    expect(rates.map((r) => r.condition)).toEqual(['stimulus', 'catch'])
    expect(rates[0]!.generated).toBeCloseTo(0.6, 12)
    expect(rates[0]!.recorded).toBeCloseTo(0.8, 12)
    expect(rates[0]!.difference).toBeCloseTo(-0.2, 12)
    expect(rates[1]!.difference).toBeCloseTo(0.1, 12)
    expect(lickRateError(rates)).toBeCloseTo(0.2, 12)
  })
  it('leave out a condition neither side has, and give null where one side lacks it', () => {
    const rates = lickRates({ Hit: 1, Miss: 0, CR: 0, FA: 0 }, { Hit: 0.5, Miss: 0.25, CR: 0.25, FA: 0 })
    expect(rates).toHaveLength(2)
    expect(rates[1]).toMatchObject({ condition: 'catch', generated: null, recorded: 0, difference: null })
    expect(lickRateError(rates)).toBeCloseTo(1 - 0.5 / 0.75, 12)
    expect(lickRateError(lickRates({}, {}))).toBeNull()
  })
})

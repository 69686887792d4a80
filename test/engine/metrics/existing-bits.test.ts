// The held-out metrics that existed before the neural-only T'trial keep every bit: values recorded from that code.
import { describe, expect, it } from 'vitest'
import { evaluateMetrics } from '../../../src/main/engine/metrics'
import { randomModel, replayOfHeld, twoSessionTargets } from './two-sessions'

const existing = [
  't_trial_pearson',
  't_trial_pearson_ceiling',
  't_trial_pairs',
  'psth_pearson',
  'psth_pearson_ceiling',
  'psth_pearson_per_area',
  'psth_neurons',
  'trial_type_model',
  'trial_type_data',
  'trial_type_method',
  'jaw_pearson',
  'lick_accuracy',
  'eval_loss'
] as const

function existingOf(m: ReturnType<typeof evaluateMetrics>) {
  return Object.fromEntries(existing.map((k) => [k, m[k]]))
}

describe('existing held-out metrics', () => {
  const targets = twoSessionTargets()
  it('are those of the code before the neural T′trial, bit for bit (random model, subsets drawn)', () => {
    expect(existingOf(evaluateMetrics(targets, { ...randomModel(5, 6), seed: 7 }))).toMatchInlineSnapshot(`
      {
        "eval_loss": 52.80327653269259,
        "jaw_pearson": -0.05632973372853219,
        "lick_accuracy": 1,
        "psth_neurons": 8,
        "psth_pearson": -0.04334799344824465,
        "psth_pearson_ceiling": 0.011285569896925089,
        "psth_pearson_per_area": {
          "a1": -0.12032258634355417,
          "a2": 0.03362659944706486,
        },
        "t_trial_pairs": 12,
        "t_trial_pearson": 0.11863000852099086,
        "t_trial_pearson_ceiling": 0.34671973008808865,
        "trial_type_data": {
          "CR": 0,
          "FA": 0,
          "Hit": 0.5,
          "Miss": 0.5,
        },
        "trial_type_method": "lick",
        "trial_type_model": {
          "CR": 0.16666666666666666,
          "FA": 0.3333333333333333,
          "Hit": 0.16666666666666666,
          "Miss": 0.3333333333333333,
        },
      }
    `)
  })
  it('are those of the code before the neural T′trial, bit for bit (replay with a flat jaw)', () => {
    expect(existingOf(evaluateMetrics(targets, replayOfHeld(new Float32Array(8 * 20))))).toMatchInlineSnapshot(`
      {
        "eval_loss": 8.0887335161637,
        "jaw_pearson": NaN,
        "lick_accuracy": 1,
        "psth_neurons": 8,
        "psth_pearson": 1,
        "psth_pearson_ceiling": 0.011285569896925089,
        "psth_pearson_per_area": {
          "a1": 1,
          "a2": 1,
        },
        "t_trial_pairs": 16,
        "t_trial_pearson": 0.8879676280421793,
        "t_trial_pearson_ceiling": 0.39462907535469205,
        "trial_type_data": {
          "CR": 0,
          "FA": 0,
          "Hit": 0.5,
          "Miss": 0.5,
        },
        "trial_type_method": "lick",
        "trial_type_model": {
          "CR": 0.5,
          "FA": 0,
          "Hit": 0,
          "Miss": 0.5,
        },
      }
    `)
  })
  it('are those of the code before the neural T′trial, bit for bit (no model jaw)', () => {
    expect(existingOf(evaluateMetrics(targets, { ...randomModel(6, 10), modelJaw: null, seed: 2 })))
      .toMatchInlineSnapshot(`
      {
        "eval_loss": 42.490195290739436,
        "jaw_pearson": NaN,
        "lick_accuracy": NaN,
        "psth_neurons": 8,
        "psth_pearson": 0.03893722293206258,
        "psth_pearson_ceiling": 0.011285569896925089,
        "psth_pearson_per_area": {
          "a1": 0.0088341056040361,
          "a2": 0.06904034026008905,
        },
        "t_trial_pairs": 16,
        "t_trial_pearson": 0.23875135810222245,
        "t_trial_pearson_ceiling": 0.3187782179007784,
        "trial_type_data": {
          "CR": 0,
          "FA": 0,
          "Hit": 0.5,
          "Miss": 0.5,
        },
        "trial_type_method": "template",
        "trial_type_model": {
          "CR": 0,
          "FA": 0,
          "Hit": 0.4,
          "Miss": 0.6,
        },
      }
    `)
  })
})

// Every fit setting has a label in words, a unit and a line of help; errors name the label; the CLI lists them all.
import { describe, expect, it } from 'vitest'
import { configFieldDocs, configFieldLabel, describeSettingsIssue } from '@shared/domain/config-field-docs'
import { boundsText, configFields, settingsHelpText } from '@shared/domain/config-fields'
import { fitConfigSchema } from '@shared/domain/model-config'

const firstIssue = (input: unknown) => fitConfigSchema.safeParse(input).error!.issues[0]!

describe('settings docs', () => {
  it('cover every field of the config schema, and nothing else', () => {
    const paths = configFields().map((f) => `${f.section}.${f.key}`)
    expect(paths.length).toBeGreaterThanOrEqual(45)
    expect(Object.keys(configFieldDocs).sort()).toEqual([...paths].sort())
    for (const f of configFields()) {
      expect(f.label, f.key).not.toBe(f.key)
      expect(f.help.length, f.key).toBeGreaterThan(20)
    }
  })
  it('give labels with units and ranges in words', () => {
    const byPath = (p: string) => configFields().find((f) => `${f.section}.${f.key}` === p)!
    expect(byPath('model.tauExcMs')).toMatchObject({ label: 'Excitatory membrane time constant', unit: 'ms' })
    expect(boundsText(byPath('model.neuronsPerArea'))).toBe('2 to 5000')
    expect(boundsText(byPath('model.tauExcMs'))).toBe('above 0, at most 1000')
    expect(boundsText(byPath('model.excFraction'))).toBe('above 0, below 1')
    expect(boundsText(byPath('optim.evalEvery'))).toBe('at least 1')
    expect(boundsText(byPath('model.threshold'))).toBe('')
    expect(configFieldLabel('config.model.delaysMs.1')).toBe('Synaptic delays')
  })
  it('name the field by its label in errors, with unit and bound', () => {
    expect(describeSettingsIssue(firstIssue({ optim: { steps: 2e7 } }))).toBe(
      'Optimiser steps must be at most 10,000,000 steps (optim.steps)'
    )
    expect(describeSettingsIssue(firstIssue({ model: { tauExcMs: 0 } }))).toBe(
      'Excitatory membrane time constant must be above 0 ms (model.tauExcMs)'
    )
    expect(describeSettingsIssue(firstIssue({ optim: { batchSize: 2.5 } }))).toBe(
      'Trials per step must be a whole number (optim.batchSize)'
    )
    expect(describeSettingsIssue(firstIssue({ loss: { trialMatching: 'fuzzy' } }))).toBe(
      'Trial matching must be one of hard, soft, none (loss.trialMatching)'
    )
    const nested = { ...firstIssue({ optim: { steps: 0 } }), path: ['config', 'optim', 'steps'] }
    expect(describeSettingsIssue(nested)).toBe('Optimiser steps must be at least 1 steps (optim.steps)')
    expect(describeSettingsIssue({ code: 'custom', path: ['files', 0], message: 'x' })).toBeUndefined()
  })
  it('are listed by the CLI help text, every field with its range and default', () => {
    const text = settingsHelpText()
    for (const f of configFields()) expect(text).toContain(`${f.section}.${f.key}  ${f.label}`)
    expect(text).toContain('range 2 to 5000; default 250')
  })
})

// Compare runs lists the settings that differ between runs, by label, and nothing that is equal.
import { describe, expect, it } from 'vitest'
import { withOverrides } from '../../../src/renderer/src/lib/config-fields'
import { settingsDiff } from '../../../src/renderer/src/lib/analysis/settings-diff'

describe('settingsDiff', () => {
  it('lists only the differing settings, in words, one value per run', () => {
    const a = withOverrides({ model: { neuronsPerArea: 50, delaysMs: [2, 4] }, optim: { steps: 400 } })
    const b = withOverrides({
      model: { neuronsPerArea: 250, delaysMs: [2, 6] },
      optim: { steps: 400 },
      loss: { trialMatching: 'none' }
    })
    const d = settingsDiff([a, b])
    expect(d.map((r) => r.path)).toEqual(['model.neuronsPerArea', 'model.delaysMs', 'loss.trialMatching'])
    expect(d[0]).toMatchObject({ label: 'Neurons per area', unit: 'neurons', values: ['50', '250'] })
    expect(d[1]!.values).toEqual(['2, 4', '2, 6'])
    expect(d[2]!.values).toEqual(['hard', 'none'])
  })
  it("adds the runs' time budgets (minutes) when they differ", () => {
    const [a, b] = [withOverrides({}), withOverrides({})]
    expect(settingsDiff([a, b], [15, null])).toEqual([
      { path: 'run.timeLimitS', label: 'Time budget', unit: 'min', values: ['0.25', 'none'] }
    ])
    expect(settingsDiff([a, b], [120, 120])).toEqual([])
    expect(settingsDiff([a, withOverrides({ optim: { lr: 0.002 } })], [120, 600]).map((r) => r.values)).toEqual([
      ['0.001', '0.002'],
      ['2', '10']
    ])
  })
  it('is empty for equal settings and for a single run', () => {
    expect(settingsDiff([withOverrides({}), withOverrides({})])).toEqual([])
    expect(settingsDiff([withOverrides({ optim: { steps: 3 } })])).toEqual([])
  })
})

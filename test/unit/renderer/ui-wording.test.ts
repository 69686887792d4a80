// The importer's messages in the Import view name its controls, not the CLI's flags.
import { describe, expect, it } from 'vitest'
import { uiWording } from '../../../src/renderer/src/lib/ui-wording'

describe('uiWording', () => {
  it('names the Outcome column and the outcome grid for the code-column warning', () => {
    expect(
      uiWording(
        'trials column "outcome" holds codes 1, 2: to use it as the outcome give --outcome-column outcome --outcome-map Hit=2,Miss=1; until then every trial counts as Hit'
      )
    ).toBe(
      'trials column "outcome" holds codes 1, 2: to use it as the outcome choose "outcome" as the Outcome column and map its values under "Outcome of each value" (e.g. Hit=2,Miss=1); until then every trial counts as Hit'
    )
  })

  it('names the outcome grid and the Trials from picker', () => {
    expect(
      uiWording('outcome column "x" has no value recognisable (a, b): map them with --outcome-map, e.g. Hit=a')
    ).toBe('outcome column "x" has no value recognisable (a, b): map them under "Outcome of each value", e.g. Hit=a')
    expect(
      uiWording(
        'interval tables in the file: /intervals/a (3 rows); choose one with --trials-table NAME (or trials from events with --trials-from-events PATH)'
      )
    ).toBe('interval tables in the file: /intervals/a (3 rows); choose one under "Trials from"')
    expect(
      uiWording(
        'no /intervals/trials: using /intervals/a (3 rows) as the trials table; choose another with --trials-table'
      )
    ).toBe('no /intervals/trials: using /intervals/a (3 rows) as the trials table; choose another under "Trials from"')
    expect(
      uiWording(
        'event series in the file: /acquisition/ttl (9 events); make trials from one with --trials-from-events PATH'
      )
    ).toBe(
      'event series in the file: /acquisition/ttl (9 events); make trials from one under "Trials from" (One trial per event)'
    )
  })

  it('leaves every flag out and other text as it is', () => {
    expect(uiWording('3 trials outside the recording dropped')).toBe('3 trials outside the recording dropped')
    expect(uiWording('excluded values 3 ×2: map them with --outcome-map')).not.toMatch(/--/)
  })
})

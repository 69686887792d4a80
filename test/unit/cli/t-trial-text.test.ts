// The CLI's T'trial phrase: value / ceiling and the neural-only one beside it; '-' for a run stored before it.
import { describe, expect, it } from 'vitest'
import type { Metrics, RunSummary } from '@shared/domain/fit'
import { runLine } from '../../../src/main/cli/runs'
import { tTrialText } from '../../../src/main/cli/t-trial-text'

const metrics = {
  t_trial_pearson: 0.55,
  t_trial_pearson_ceiling: 0.73,
  t_trial_neural_pearson: 0.69,
  t_trial_neural_pearson_ceiling: 0.72,
  psth_pearson: 0.4,
  psth_pearson_ceiling: 0.5
} as Metrics

describe('tTrialText', () => {
  it('puts the neurons-only T′trial and its ceiling beside the T′trial', () => {
    expect(tTrialText(metrics, 2)).toBe("T'trial 0.55 / 0.73 (neurons only 0.69 / 0.72)")
  })
  it('shows - where a run has no neural-only value (stored before it) or no metrics yet', () => {
    const older = { ...metrics, t_trial_neural_pearson: null, t_trial_neural_pearson_ceiling: null }
    expect(tTrialText(older)).toBe("T'trial 0.550 / 0.730 (neurons only - / -)")
    expect(tTrialText(null)).toBe("T'trial - / - (neurons only - / -)")
  })
  it('is what `rsnn runs` prints for a run', () => {
    const run = { id: 'r1', status: 'completed', step: 5, targetSteps: 5, elapsedS: 3, name: 'fit', metrics }
    expect(runLine(run as unknown as RunSummary)).toContain(
      "T'trial 0.550 / 0.730 (neurons only 0.690 / 0.720)  PSTH 0.400/0.500"
    )
  })
})

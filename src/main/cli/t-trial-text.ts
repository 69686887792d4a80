// The held-out T'trial in one phrase for the CLI: value / data ceiling, then the neural-only one (without the jaw
// block), so a fit's neural trial-to-trial fit and what the jaw takes off are read apart.
import type { Metrics } from '@shared/domain/fit'

type TTrialMetrics = Pick<
  Metrics,
  't_trial_pearson' | 't_trial_pearson_ceiling' | 't_trial_neural_pearson' | 't_trial_neural_pearson_ceiling'
>

const fmt = (x: number | null | undefined, digits: number): string => (typeof x === 'number' ? x.toFixed(digits) : '-')

/** "T'trial 0.550 / 0.730 (neurons only 0.690 / 0.720)"; '-' where a value is missing (runs stored before it). */
export function tTrialText(m: Partial<TTrialMetrics> | null | undefined, digits = 3): string {
  const pair = (v: number | null | undefined, c: number | null | undefined): string =>
    `${fmt(v, digits)} / ${fmt(c, digits)}`
  return (
    `T'trial ${pair(m?.t_trial_pearson, m?.t_trial_pearson_ceiling)} ` +
    `(neurons only ${pair(m?.t_trial_neural_pearson, m?.t_trial_neural_pearson_ceiling)})`
  )
}

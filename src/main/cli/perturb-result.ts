// The `perturb-result` JSON line of `rsnn perturb --json` (snake_case, per condition; series left to the store).
import type { ArmSummary, ExperimentResult } from '@shared/domain/perturbation-experiment'

function arm(a: ArmSummary): Record<string, unknown> {
  return {
    hit_rate: a.hitRate,
    hit_rate_ci95: a.hitRateCi95,
    hit_rate_by_seed: a.hitRateBySeed,
    fa_rate: a.faRate,
    mix: a.mix,
    mix_ci95: a.mixCi95,
    lick_probability: a.lickProbability,
    jaw_mean: a.jawMean,
    jaw_sd: a.jawSd,
    area_rate_hz: a.areaRateHz
  }
}

export function perturbResultLine(id: string, r: ExperimentResult): Record<string, unknown> {
  const control = arm(r.control)
  return {
    name: 'perturb-result',
    run: r.runId,
    experiment: id,
    checkpoint_step: r.checkpointStep,
    n_trials: r.nTrials,
    seeds: r.seeds,
    trial_type_method: r.trialTypeMethod,
    seconds: r.seconds,
    control,
    grid: r.grid,
    recorded: r.recorded,
    conditions: r.conditions.map((c) => ({
      label: c.label,
      area: c.area,
      window: c.window,
      window_name: c.windowName,
      n_lit_neurons: c.nLitNeurons,
      ...arm(c.perturbed),
      control_hit_rate: r.control.hitRate,
      control_hit_rate_ci95: r.control.hitRateCi95,
      delta_hit_rate: c.deltaHitRate,
      delta_hit_rate_ci95: c.deltaHitRateCi95,
      control_mix: r.control.mix,
      delta_mix: c.deltaMix,
      control_lick_probability: r.control.lickProbability,
      control_jaw_mean: r.control.jawMean,
      control_jaw_sd: r.control.jawSd,
      delta_area_rate_hz: c.deltaAreaRateHz,
      perturbations: c.perturbations
    }))
  }
}

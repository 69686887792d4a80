// Step schedules of a fit (all off in the reference configuration): learning-rate warm-up and cosine decay, a
// batch that grows from a few trials to the full batch, and the trial-matching term phased in. Pure functions of the step, so a resumed fit replays them.
import type { OptimConfig } from '@shared/domain/model-config'

type Schedules = Pick<
  OptimConfig,
  | 'lrWarmupSteps'
  | 'lrDecaySteps'
  | 'lrFinalFraction'
  | 'batchStart'
  | 'batchRampSteps'
  | 'batchSize'
  | 'trialStartStep'
  | 'trialRampSteps'
>

/** Factor on the learning rate at `step`: linear warm-up from 10 %, then cosine down to lrFinalFraction. */
export function lrFactor(step: number, o: Schedules): number {
  const w = o.lrWarmupSteps
  if (w > 0 && step < w) return 0.1 + (0.9 * (step + 1)) / w
  if (o.lrDecaySteps <= 0) return 1
  const x = Math.min(1, (step - w) / o.lrDecaySteps)
  return o.lrFinalFraction + (1 - o.lrFinalFraction) * 0.5 * (1 + Math.cos(Math.PI * x))
}

/** Trials in the batch at `step`: batchStart growing linearly to batchSize over batchRampSteps (0 = always full). */
export function batchAt(step: number, o: Schedules): number {
  const full = o.batchSize
  if (o.batchStart <= 0 || o.batchStart >= full) return full
  if (o.batchRampSteps <= 0) return full
  const x = Math.min(1, step / o.batchRampSteps)
  return Math.min(full, Math.max(2, Math.round(o.batchStart + (full - o.batchStart) * x)))
}

/**
 * Factor on the trial-matching coefficient at `step`: 0 before trialStartStep, then linear to 1 over
 * trialRampSteps (reaching 1 at step trialStartStep + trialRampSteps − 1); 1 throughout when both are 0.
 */
export function trialFactor(step: number, o: Schedules): number {
  if (step < o.trialStartStep) return 0
  if (o.trialRampSteps <= 0) return 1
  return Math.min(1, (step - o.trialStartStep + 1) / o.trialRampSteps)
}

// The one estimate of a fit's time per step before it starts: the preset line, "What this fit will use" (runs.plan)
// and `rsnn fit` (--plan, --preset) all call stepSeconds with the fit's own settings (its time step's bins, neurons,
// batch, evaluation cadence, threads), so they agree. Earlier runs are not mixed in: their measured s/step depends
// on how loaded the machine was then; the fit's own figure shows after its first steps.

/**
 * Seconds per (trial × bin × neuron²) of one training step on one thread: wall seconds × threads of the full-batch
 * steps of real fits (Standard preset, 2 threads, 2-core AMD EPYC, December 8), so what a fitted network's activity and
 * two threads' overheads cost is in it. Fits at N = 500 … 2,106 gave 0.89–1.46·10⁻¹⁰ (median 1.05), B·T·N² within
 * ± 30 %; the step is dominated by the recurrent adjoint over the active rows (docs/fit-speed.md, "The step-time
 * estimate").
 */
const THREAD_S_PER_UNIT = 1.1e-10
/** A held-out evaluation (a batch-sized forward + the metrics) costs about this many training steps. */
export const EVAL_COST_IN_STEPS = 0.3

/** Seconds per training step on `threads` cores (wall clock, an idle machine like the bench's). */
export function estimateStepSeconds(n: number, batch: number, nBins: number, threads: number): number {
  return (THREAD_S_PER_UNIT * batch * nBins * n * n) / Math.max(1, threads)
}

/** What a step's time depends on, as the fit will run. */
export interface StepSize {
  /** Model neurons, all areas. */
  neurons: number
  /** Generated trials per step. */
  batch: number
  /** Time bins per trial at the fit's time step (not the import's bins). */
  nBins: number
  /** Threads the fit computes on (FitConfig.engine.threads, 0 resolved to the cores). */
  threads: number
  /** Steps between held-out evaluations. */
  evalEvery: number
  /** Batch ramp (optim.batchStart, optim.batchRampSteps): the first steps run fewer trials; absent or 0 = none. */
  batchStart?: number
  batchRampSteps?: number
}

/** Expected seconds per step, the held-out evaluations' share included. */
export function stepSeconds(s: StepSize): number {
  return (
    estimateStepSeconds(s.neurons, s.batch, s.nBins, s.threads) * (1 + EVAL_COST_IN_STEPS / Math.max(1, s.evalEvery))
  )
}

/**
 * The batch ramp as the trainer runs it (engine/train/schedule.ts batchAt: batchStart growing linearly to the batch
 * over batchRampSteps), without its rounding to whole trials; null when there is none.
 */
function rampOf(s: StepSize): { start: number; steps: number } | null {
  const start = s.batchStart ?? 0
  const steps = s.batchRampSteps ?? 0
  return start > 0 && start < s.batch && steps > 0 ? { start, steps } : null
}

/**
 * Expected seconds of a fit's first `steps` steps: a step's cost is in proportion to its trials, so a batch ramp's
 * steps are cheaper; the held-out evaluations run full batches throughout.
 */
export function fitSeconds(steps: number, s: StepSize): number {
  const full = estimateStepSeconds(s.neurons, s.batch, s.nBins, s.threads)
  const evalS = (full * EVAL_COST_IN_STEPS) / Math.max(1, s.evalEvery)
  const ramp = rampOf(s)
  if (!ramp) return steps * (full + evalS)
  const k = Math.min(steps, ramp.steps)
  // Σ_{j<k} (start + (batch − start)·j/rampSteps) trials, at full/batch seconds each
  const rampTrials = ramp.start * k + ((s.batch - ramp.start) * k * (k - 1)) / (2 * ramp.steps)
  return (full * rampTrials) / s.batch + k * evalS + (steps - k) * (full + evalS)
}

/** Expected steps within `seconds` (fitSeconds solved for the steps, rounded down). */
export function stepsWithin(seconds: number, s: StepSize): number {
  const perStep = stepSeconds(s)
  const ramp = rampOf(s)
  if (!ramp) return Math.floor(seconds / perStep)
  const rampS = fitSeconds(ramp.steps, s)
  if (rampS <= seconds) return ramp.steps + Math.floor((seconds - rampS) / perStep)
  // within the ramp fitSeconds(k) = a·k² + b·k, a quadratic in k
  const full = estimateStepSeconds(s.neurons, s.batch, s.nBins, s.threads)
  const perTrial = full / s.batch
  const a = (perTrial * (s.batch - ramp.start)) / (2 * ramp.steps)
  const b = perTrial * ramp.start - a + (full * EVAL_COST_IN_STEPS) / Math.max(1, s.evalEvery)
  return Math.floor((-b + Math.sqrt(b * b + 4 * a * seconds)) / (2 * a) + 1e-9)
}

/** Threads a fit computes on: the setting, 0 = one per core (as the engine worker resolves it). */
export function fitThreads(setting: number, cores: number): number {
  return setting > 0 ? setting : Math.max(1, cores)
}

/** "0.42 s/step", "3.8 s/step": the same rounding everywhere. */
export function stepSecondsText(s: number): string {
  return `${s.toFixed(s < 1 ? 2 : 1)} s/step`
}

/** Where the figure comes from, in words. */
export function stepSecondsBasis(threads: number): string {
  return `rough: the cost per trial × bin × neuron² of measured fits, on ${threads} thread${threads === 1 ? '' : 's'}; this machine’s figure shows after the first steps`
}

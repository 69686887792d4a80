// The one estimate of a fit's time per step before it starts: the preset line, "What this fit will use" (runs.plan)
// and `rsnn fit` (--plan, --preset) all call stepSeconds with the fit's own settings (its time step's bins, neurons,
// batch, evaluation cadence, threads), so they agree. Earlier runs are not mixed in: their measured s/step depends
// on how loaded the machine was then; the fit's own figure shows after its first steps.

/**
 * CPU seconds per (trial × bin × neuron²) of one training step, wasm kernels, measured by `npm run bench -- --sizes
 * 1000,200,250;1000,100,250` on a 2-core AMD EPYC (1.39e-10 and 1.46e-10): the step is dominated by the recurrent
 * adjoint, linear in B·T and quadratic in N.
 */
const CPU_S_PER_UNIT = 1.45e-10
/** A held-out evaluation (a batch-sized forward + the metrics) costs about this many training steps. */
export const EVAL_COST_IN_STEPS = 0.3

/** Seconds per training step on `threads` cores (wall clock, an idle machine like the bench's). */
export function estimateStepSeconds(n: number, batch: number, nBins: number, threads: number): number {
  return (CPU_S_PER_UNIT * batch * nBins * n * n) / Math.max(1, threads)
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
}

/** Expected seconds per step, the held-out evaluations' share included. */
export function stepSeconds(s: StepSize): number {
  return (
    estimateStepSeconds(s.neurons, s.batch, s.nBins, s.threads) * (1 + EVAL_COST_IN_STEPS / Math.max(1, s.evalEvery))
  )
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
  return `rough: the benchmark’s cost model on ${threads} thread${threads === 1 ? '' : 's'}; this machine’s figure shows after the first steps`
}

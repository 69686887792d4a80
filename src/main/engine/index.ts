// Public API of the fitting engine (the only file code outside the engine imports, spelt `…/engine`): createTrainer
// and its types, the worker-pool runner for multi-threaded hosts, and the analysis building blocks the views
// share with the losses and metrics. Internals (shards, kernels, gradient tree) are imported by path in tests only.
import type { FitConfig } from '@shared/domain/model-config'
import { selectKernels } from './kernels/select'
import {
  computeLosses,
  computeLossesOn,
  installLossShards,
  lossReportOn,
  prepareLossTargets,
  tallyLayout
} from './losses'
import type { LossTargets } from './losses/types'
import { evaluateMetrics } from './metrics'
import { classifyGenerated } from './metrics/classify-generated'
import { matchTrialSets } from './losses/match-sets'
import type { BatchRunner } from './model/shard'
import type { Dims, Dynamics } from './model/params'
import { createLocalRunner } from './train/local-runner'
import { createTrainerWith } from './train/loop'
import type { FitData, Trainer } from './types'

export type * from './types'
export { OUTCOME } from './types'
/** What CreateTrainerOptions.createRunner supplies (benches time it directly). */
export type { BatchRunner } from './model/shard'
/** A runner's threads for the losses' shards (BatchRunner.executor; benches time it). */
export type { ShardExecutor } from './parallel/executor'
/** The model's sizes and dynamics constants, as createRunner receives them. */
export type { Dims, Dynamics } from './model/params'
/** Names of the trained parameter tensors, in the checkpoint's order. */
export { PARAM_NAMES } from './model/params'
/** Healthy steps after which a rollback's halved learning rate doubles back (the fit's log says so). */
export { LR_RECOVERY_STEPS } from './train/loop'

export interface CreateTrainerOptions {
  /**
   * Supplies the batch runner (e.g. the worker pool of engine/parallel). Default: the in-process runner on the
   * backend chosen by config.engine.backend ('auto' = wasm-SIMD when available, else js), one thread.
   */
  createRunner?: (o: { dims: Dims; dyn: Dynamics; motor: Int32Array }) => Promise<BatchRunner>
}

/**
 * Starts (or, with `state` from Trainer.saveState(), resumes) a fit of `data` with `config`.
 * Deterministic: same data, config and seed → same numbers, whatever the number of threads.
 * @throws AppError naming the field for bad data or settings (INVALID_SETTINGS, BAD_VALUE, SHAPE_MISMATCH, …)
 */
export function createTrainer(
  data: FitData,
  config: FitConfig,
  state?: Uint8Array,
  opts: CreateTrainerOptions = {}
): Promise<Trainer> {
  const createRunner =
    opts.createRunner ??
    ((o: { dims: Dims; dyn: Dynamics; motor: Int32Array }): Promise<BatchRunner> => {
      const choice = selectKernels({ backend: config.engine.backend, threads: 1 }, 1)
      return Promise.resolve(createLocalRunner({ ...o, kernels: choice.kernels }))
    })
  return createTrainerWith<LossTargets>(data, config, state, {
    prepareTargets: (d, map, cfg) => prepareLossTargets(d, map, cfg),
    computeLosses,
    computeLossesOn,
    installLossShards,
    lossReportOn,
    evaluateMetrics,
    createRunner,
    targetNotes: (t) => t.notes,
    tallyLayout,
    classifyTrials: classifyGenerated,
    matchTrialSet: matchTrialSets
  })
}

export { resolveNeuronsPerArea, splitEI, type NeuronsPerArea } from './model/layout'
// For hosts that run fits on several threads (fit-host/engine-worker.ts, perturbations) and report the backends.
export { createPoolRunner } from './parallel/pool-runner'
export { availableKernelBackends } from './kernels/select'
/** What Trainer.compileLight returns (in-silico optogenetics: perturbations as light currents). */
export type { LightPlan } from './perturb/light'

// Analysis building blocks for the comparison views (the same code the losses and metrics use, so views and
// metrics agree). Trial classification and matching need the fit's own loss targets: Trainer.classifyTrials and
// Trainer.matchTrialSet.
export { lossFilters, applyFilter } from './losses/index'
/** The engine's small seeded PRNG (mulberry32), for reproducible shuffles outside the engine (held-out split). */
export { mulberry32 } from './losses/subsample'
export type { BandFilter, ReducedSession } from './losses/index'
/** ceilingLadder(data, loss, batchSize) — the data's own split-half ceilings at a ladder of smoothing widths. */
export { ceilingLadder, CEILING_LADDER_MS } from './metrics/ceiling-ladder'
export { pca, areaResponses, pearson } from './metrics/index'

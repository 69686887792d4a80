// Public API of the loss module (spec §3): data targets once per fit, then losses + dL/dz for each training step.
export type {
  AreaGroup,
  DataPsth,
  LossBatch,
  LossResult,
  LossTargets,
  PrepareOptions,
  ReducedSession,
  SessionLossInfo,
  SessionTargets
} from './types'
export type { BandFilter } from './filters'
export type { FeatureLayout } from './features'
export type { MatchResult } from './trial-matching'
/**
 * prepareLossTargets(data, map, cfg, opts?) — once per fit: filters, per-session z-scored trial features of every
 * recorded trial (per qualifying area + jaw), training-rate targets. Areas need ≥ opts.minAreaNeurons (default 10)
 * mapped neurons; when no area of any session qualifies, falls back to ≥ 1 and records it in `notes`.
 * Throws AppError (SHAPE_MISMATCH, INDEX_OUT_OF_RANGE, BAD_VALUE, EMPTY_RESULT) naming the session and field.
 */
export { prepareLossTargets, DEFAULT_MIN_AREA_NEURONS } from './targets'
/**
 * computeLosses(targets, batch) — one training step: PSTH loss (spec §3.2) + trial matching per session (§3.3,
 * hard or soft) + rate regulariser, coefficients applied, with exact dL/dz [B, T, N] and dL/djaw [B, T]
 * (hard: assignment held fixed; soft: envelope theorem at the Sinkhorn potentials).
 */
export { computeLosses } from './compute'
/**
 * computeLossesOn(exec, targets, batch) — computeLosses with the trial-matching sessions as shards on a worker pool
 * (BatchRunner.executor) after installLossShards(exec, targets): the same numbers, bit for bit.
 */
export { computeLossesOn, installLossShards, lossReportOn } from './compute'
/** tallyLayout(targets) — the neuron groups a forward counts spikes of, so computeLosses can skip its pass. */
export { tallyLayout } from './batch-sums'
/** lossReport(targets, input) — the same losses without gradients (evaluation loss; spikes may be bytes). */
export { lossReport, type LossInput } from './compute'
// Building blocks shown by the UI (filters, per-trial features, trial matching between two sets of trials).
export { applyFilter, applyFilterTransposeAdd, boxFilter, composeFilters, lossFilters } from './filters'
export { featureDim, modelFeatures, sessionLayout } from './features'
export { dataPsth, trialMean } from './psth'
export { hardMatch, softMatch } from './trial-matching'
export { meanSquaredCost, selectRows } from './trial-cost'
export { matchTrialSets } from './match-sets'

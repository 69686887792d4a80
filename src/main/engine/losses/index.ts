// Public API of the loss module (spec §3): data targets once per fit, then losses + dL/dz for each training step.
import type { LossConfig } from '@shared/domain/model-config'
import type { FitData, NeuronMap } from '../types'
import type { LossBatch, LossResult, LossTargets, PrepareOptions } from './types'

export type {
  AreaGroup,
  DataPsth,
  LossBatch,
  LossResult,
  LossTargets,
  PrepareOptions,
  SessionLossInfo,
  SessionTargets
} from './types'
export type { BandFilter } from './filters'
export { applyFilter, applyFilterTransposeAdd, boxFilter, composeFilters, lossFilters } from './filters'

/**
 * Once per fit: filters, per-session z-scored trial features of every recorded trial (per qualifying area +
 * jaw), training-rate targets. Areas need ≥ opts.minAreaNeurons (default 10) mapped neurons; when no area of
 * any session qualifies, falls back to ≥ 1 and records it in `notes`. Throws AppError on inconsistent shapes.
 */
export function prepareLossTargets(
  data: FitData,
  map: NeuronMap,
  cfg: LossConfig,
  opts: PrepareOptions = {}
): LossTargets {
  void data
  void map
  void cfg
  void opts
  throw new Error('prepareLossTargets: implementation lands in the next commit')
}

/**
 * One training step: PSTH loss (spec §3.2) + trial matching per session (§3.3, hard or soft) + rate regulariser,
 * coefficients applied, with exact gradients dL/dz [B, T, N] and dL/djaw [B, T].
 */
export function computeLosses(targets: LossTargets, batch: LossBatch): LossResult {
  void targets
  void batch
  throw new Error('computeLosses: implementation lands in the next commit')
}

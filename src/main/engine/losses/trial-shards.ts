// The trial-matching term as one independent shard per session (spec §3.3 step 4), so a worker pool can run the
// sessions side by side: a shard reads the batch's group means, computes its session's features, the matching
// (Hungarian or Sinkhorn) and, with a gradient, writes its own columns of dL/dpop and its own dL/djaw rows. The
// caller adds the dL/djaw rows into the batch's in session order (reduceTrialShards): the same additions, in the
// same order, as one loop over the sessions, so the bits do not depend on where the shards ran.
import { featuresFromPop, featuresFromPopBackward, type FeatureLayout } from './features'
import type { BandFilter } from './filters'
import { mulberry32 } from './subsample'
import { selectRows } from './trial-cost'
import { hardMatch, softMatch } from './trial-matching'
import type { LossTargets, SessionLossInfo, SessionTargets } from './types'

/** The pool task name of the per-session shards (parallel/tasks.ts registers it). */
export const TRIAL_SHARD_TASK = 'trial-matching'

/** What every shard needs of the data, once per fit (installed on each pool thread). */
export interface TrialShardInit {
  /** By session index; null for a session that never takes part (no qualifying area). */
  sessions: Array<Pick<SessionTargets, 'groups' | 'useJaw' | 'jawMean' | 'jawStd' | 'featureDim' | 'features'> | null>
  filter: BandFilter
  matching: 'hard' | 'soft'
  blur: number
  nBins: number
}

/** One step's shards: shard q is sessions[q]. Arrays the shards write are visible to every thread. */
export interface TrialShardPayload {
  sessions: Array<{ index: number; g0: number; trials: Int32Array }>
  /** Group means B × T × G of the sessions' groups, session after session (columns g0 …). */
  pop: Float64Array
  G: number
  B: number
  jaw: ArrayLike<number> | null
  /** Hard matching's subset seed: session s draws from mulberry32(seed + 7919·s). */
  seed: number
  /** dL/dpop (zeroed, B × T × G) when a gradient is wanted, else null. */
  gpop: Float64Array | null
  /** dL/djaw rows of shard q at q·B·T (B × T each) when a gradient and a jaw are wanted, else null. */
  jawParts: Float64Array | null
  /** trialCoeff / sessions taking part: the gradient's scale. */
  weight: number
}

export interface TrialShardResult {
  loss: number
  /** Matched data row (index into the session's trials) of each model trial, −1 = none. */
  modelToData: Int32Array
  iterations?: number
  marginalError?: number
}

/** The per-fit shard data of the targets. */
export function trialShardInit(targets: LossTargets): TrialShardInit {
  return {
    sessions: targets.sessions.map((s) =>
      s.groups.length === 0
        ? null
        : {
            groups: s.groups,
            useJaw: s.useJaw,
            jawMean: s.jawMean,
            jawStd: s.jawStd,
            featureDim: s.featureDim,
            features: s.features
          }
    ),
    filter: targets.featureFilter,
    matching: targets.cfg.trialMatching === 'soft' ? 'soft' : 'hard',
    blur: targets.cfg.sinkhornBlur,
    nBins: targets.nBins
  }
}

/** Shard q: session p.sessions[q]'s matching loss, and its gradient parts when asked. */
export function runTrialShard(init: TrialShardInit, p: TrialShardPayload, q: number): TrialShardResult {
  const a = p.sessions[q]
  const s = init.sessions[a.index]
  if (!s) throw new Error(`trial shard: session ${a.index} takes no part in trial matching`)
  const T = init.nBins
  const layout: FeatureLayout = {
    groups: s.groups,
    jaw: s.useJaw && p.jaw !== null ? { mean: s.jawMean, std: s.jawStd } : null,
    filter: init.filter
  }
  const X = featuresFromPop(layout, p.pop, p.G, a.g0, p.jaw, p.B, T)
  const D = X.length / p.B
  const Y = selectRows(s.features, s.featureDim, a.trials, D)
  const r =
    init.matching === 'soft'
      ? softMatch(X, p.B, Y, a.trials.length, D, init.blur)
      : hardMatch(X, p.B, Y, a.trials.length, D, mulberry32(p.seed + 7919 * a.index))
  if (p.gpop) {
    for (let i = 0; i < r.gradModel.length; i++) r.gradModel[i] *= p.weight
    const rows = layout.jaw && p.jawParts ? p.jawParts.subarray(q * p.B * T, (q + 1) * p.B * T).fill(0) : null
    featuresFromPopBackward(layout, r.gradModel, p.G, a.g0, p.B, T, p.gpop, rows)
  }
  const out: TrialShardResult = { loss: r.loss, modelToData: r.modelToData }
  if (r.iterations !== undefined) out.iterations = r.iterations
  if (r.marginalError !== undefined) out.marginalError = r.marginalError
  return out
}

/**
 * The shards' results combined in session order: the term's mean loss, the matched data trial of each model trial
 * per session, the per-session details, and dL/djaw rows added into gradJaw (sessions with a jaw block only).
 */
export function reduceTrialShards(
  init: TrialShardInit,
  p: TrialShardPayload,
  results: TrialShardResult[],
  assignments: Int32Array[],
  gradJaw: Float32Array | null
): { value: number; sessions: SessionLossInfo[] } {
  const T = init.nBins
  const BT = p.B * T
  let total = 0
  const infos: SessionLossInfo[] = []
  p.sessions.forEach((a, q) => {
    const r = results[q]
    total += r.loss
    r.modelToData.forEach((c, b) => (assignments[a.index][b] = c >= 0 ? a.trials[c] : -1))
    const info: SessionLossInfo = { session: a.index, trial: r.loss, nModel: p.B, nData: a.trials.length }
    if (r.iterations !== undefined) info.iterations = r.iterations
    if (r.marginalError !== undefined) info.marginalError = r.marginalError
    infos.push(info)
    if (gradJaw && p.jawParts && p.gpop && init.sessions[a.index]?.useJaw && p.jaw !== null) {
      for (let i = 0; i < BT; i++) gradJaw[i] += p.jawParts[q * BT + i]
    }
  })
  return { value: total / p.sessions.length, sessions: infos }
}

// Trial-matching assignment between recorded and generated trials of one session, for views (matched pairs).
import { hungarian } from '../ot/hungarian'
import { modelFeatures, sessionLayout } from './features'
import { meanSquaredCost, selectRows } from './trial-cost'
import type { LossTargets } from './types'

export interface MatchedPair {
  /** Row in the generated batch. */
  model: number
  /** Trial index in the session. */
  data: number
  /** Mean squared difference of the z-scored features. */
  cost: number
}

export interface TrialSetMatch {
  pairs: MatchedPair[]
  /** Feature length D and the features themselves (model B × D, data |trials| × D), z-scored with the training stats. */
  dim: number
  modelFeatures: Float64Array
  dataFeatures: Float64Array
}

/**
 * Optimal one-to-one matching (Hungarian, all min(B, |trials|) pairs, no subsampling) between the generated trials
 * (spikes B × T × N, jaw B × T or null) and the recorded `trials` of session `session`, on the features of the
 * trial-matching loss. Pairs are sorted by model row. Empty when the session has no qualifying area.
 */
export function matchTrialSets(
  targets: LossTargets,
  session: number,
  modelSpikes: ArrayLike<number>,
  modelJaw: ArrayLike<number> | null,
  nModel: number,
  trials: Int32Array
): TrialSetMatch {
  const s = targets.sessions[session]
  if (!s) throw new RangeError(`matchTrialSets: no session ${session}`)
  const layout = sessionLayout(s, targets.featureFilter, modelJaw !== null)
  const X = modelFeatures(layout, modelSpikes, modelJaw, nModel, targets.nBins, targets.nNeurons)
  const D = nModel > 0 ? X.length / nModel : 0
  const Y = selectRows(s.features, s.featureDim, trials, D)
  if (D === 0 || s.groups.length === 0) return { pairs: [], dim: D, modelFeatures: X, dataFeatures: Y }
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i)
  const C = meanSquaredCost(X, all(nModel), Y, all(trials.length), D)
  const a = hungarian(C, nModel, trials.length)
  const pairs: MatchedPair[] = []
  a.rowToCol.forEach((j, i) => {
    if (j >= 0) pairs.push({ model: i, data: trials[j], cost: C[i * trials.length + j] })
  })
  return { pairs, dim: D, modelFeatures: X, dataFeatures: Y }
}

// Trial-matching features of the generated trials for every session, computed once per evaluation and shared.
import { allGroups, batchSums, sumsFromTally } from '../losses/batch-sums'
import { featuresFromPop, sessionLayout } from '../losses/features'
import type { LossTargets } from '../losses/types'
import type { SpikeTally } from '../spike-tally'

/**
 * Per session: the z-scored features (B × D, equal to modelFeatures') of the B generated trials (spikes B × T × N,
 * jaw B × T or null), or null for a session without trial features. The group means of all sessions come from one
 * sparse pass over the spikes, or from the forward's `tally` of them (the same bits); T'trial Pearson and the template
 * classifier both read the result.
 */
export function sessionModelFeatures(
  targets: LossTargets,
  spikes: ArrayLike<number>,
  jaw: ArrayLike<number> | null,
  B: number,
  tally?: SpikeTally
): (Float64Array | null)[] {
  const groups = allGroups(targets)
  const G = groups.length
  const { pop } = tally
    ? sumsFromTally(tally, groups, groups, B, targets.nBins)
    : batchSums(spikes, groups, B, targets.nBins, targets.nNeurons)
  let g0 = 0
  return targets.sessions.map((s) => {
    if (s.groups.length === 0) return null
    const layout = sessionLayout(s, targets.featureFilter, jaw !== null)
    const X = featuresFromPop(layout, pop, G, g0, jaw, B, targets.nBins)
    g0 += s.groups.length
    return X
  })
}

// T'trial on the neural features alone (the per-area population means, without the jaw block). Where the jaw is
// not carried by the recorded neurons (the generated example data), the full T'trial of a model whose neurons match
// the recorded ones levels off well below its ceiling; this one shows how well the neural trial-to-trial variability
// is reproduced, and the gap between the two is what the behaviour block takes off.
import { sessionLayout } from '../losses/features'
import { mulberry32 } from '../losses/subsample'
import { selectRows } from '../losses/trial-cost'
import type { LossTargets } from '../losses/types'
import type { DataSideCache } from './psth-metrics'
import { concatSessions, sessionTTrial, type TTrialResult } from './t-trial'

/** Seed offset of the neural T'trial's own random stream (the shared stream of the other metrics is left as it is). */
const NEURAL_STREAM = 0x6e657572

/**
 * The neural-only T'trial: the same construction as tTrialPearson (Hungarian matching within stimulus conditions,
 * equal-size random subsets, a training-vs-held-out ceiling at the same sizes, cached under its own keys) on the
 * neural columns of the model's and the recorded features. A session whose features have no jaw block scores the
 * same thing in both: its pairs are `full`'s, reused; when no session has one, the result is `full` itself.
 * `features` are the model's per-session features (sessionModelFeatures); `seed` the evaluation's seed.
 */
export function tTrialNeural(
  targets: LossTargets,
  full: TTrialResult,
  features: (Float64Array | null)[],
  withJaw: boolean,
  stimulus: Float32Array,
  heldOut: Int32Array[],
  seed: number,
  cache: DataSideCache
): TTrialResult {
  const jawBlock = (index: number): boolean =>
    sessionLayout(targets.sessions[index], targets.featureFilter, withJaw).jaw !== null
  if (!full.sessions.some((r) => jawBlock(r.index))) return full
  const rnd = mulberry32((seed ^ NEURAL_STREAM) >>> 0)
  const B = stimulus.length
  const sessions = full.sessions.map((r) => {
    if (!jawBlock(r.index)) return r
    const s = targets.sessions[r.index]
    const X = features[r.index]
    if (!X) throw new Error(`tTrialNeural: no model features for session ${s.name}`)
    const Dn = targets.featureFilter.outLen * s.groups.length
    const Xn = selectRows(
      X,
      X.length / B,
      Int32Array.from({ length: B }, (_, b) => b),
      Dn
    )
    const Yn = selectRows(
      s.features,
      s.featureDim,
      Int32Array.from({ length: s.nTrials }, (_, k) => k),
      Dn
    )
    return sessionTTrial(targets, s, Xn, Yn, Dn, stimulus, heldOut[r.index], rnd, cache, 'tt-neural-ceiling')
  })
  return concatSessions(sessions)
}

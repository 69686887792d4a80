// Trial-matching term over sessions (spec §3.3 step 4): features of all sessions from one pass over the spikes.
import { featuresFromPop, featuresFromPopBackward, groupMeans, sessionLayout } from './features'
import { hashSeed, mulberry32 } from './subsample'
import { selectRows } from './trial-cost'
import { hardMatch, softMatch } from './trial-matching'
import type { AreaGroup, LossTargets, SessionLossInfo, SessionTargets } from './types'

/** What the trial term reads of a batch (spikes B × T × N, jaw B × T). */
export interface TrialInput {
  spikes: ArrayLike<number>
  jaw: ArrayLike<number> | null
  trials: Int32Array[]
  seed?: number
  /** Factor on loss.trialCoeff (the phase-in schedule); default 1. */
  trialScale?: number
}

/** dL/dz of the trial term in factored form: dL/dz[b,t,n] = gpop[(b·T + t)·G + g] / n_g for n in groups[g]. */
export interface PopGradient {
  groups: AreaGroup[]
  gpop: Float64Array
}

/** The sessions that take part in trial matching this step: ≥ 1 qualifying area and ≥ 1 data trial. */
export function activeSessions(targets: LossTargets, trials: Int32Array[]): SessionTargets[] {
  return targets.sessions.filter((s) => s.groups.length > 0 && trials[s.index].length > 0)
}

/**
 * L_trial = mean over the sessions that take part (≥ 1 qualifying area and ≥ 1 data trial this step) of the
 * session's matching loss. With `withGrad`, returns its gradient (scaled by trialCoeff / sessions) w.r.t. the
 * group means and adds dL/djaw into gradJaw. Returns the unweighted mean, the matched data trial of each model
 * trial per session, and per-session details. `pop`, when given, holds the group means of the active sessions'
 * groups in order (as batchSums computes them), which saves the pass over the spikes.
 */
export function trialLoss(
  targets: LossTargets,
  batch: TrialInput,
  B: number,
  withGrad: boolean,
  gradJaw: Float32Array | null,
  precomputedPop?: Float64Array
): { value: number; assignments: Int32Array[]; sessions: SessionLossInfo[]; grad: PopGradient | null } {
  const cfg = targets.cfg
  const T = targets.nBins
  const N = targets.nNeurons
  const assignments = targets.sessions.map(() => new Int32Array(B).fill(-1))
  const active = activeSessions(targets, batch.trials)
  const infos: SessionLossInfo[] = []
  if (active.length === 0 || B === 0) return { value: 0, assignments, sessions: infos, grad: null }
  // every active session's groups as columns of one B × T × G population array
  const groups: AreaGroup[] = active.flatMap((s) => s.groups)
  const G = groups.length
  const pop = precomputedPop ?? groupMeans(groups, batch.spikes, B, T, N)
  const gpop = withGrad ? new Float64Array(pop.length) : null
  const seed = batch.seed ?? hashSeed(batch.trials, B)
  let total = 0
  let g0 = 0
  for (const s of active) {
    const layout = sessionLayout(s, targets.featureFilter, batch.jaw !== null)
    const X = featuresFromPop(layout, pop, G, g0, batch.jaw, B, T)
    const D = X.length / B
    const trials = batch.trials[s.index]
    const Y = selectRows(s.features, s.featureDim, trials, D)
    const r =
      cfg.trialMatching === 'soft'
        ? softMatch(X, B, Y, trials.length, D, cfg.sinkhornBlur)
        : hardMatch(X, B, Y, trials.length, D, mulberry32(seed + 7919 * s.index))
    total += r.loss
    r.modelToData.forEach((c, b) => (assignments[s.index][b] = c >= 0 ? trials[c] : -1))
    const info: SessionLossInfo = { session: s.index, trial: r.loss, nModel: B, nData: trials.length }
    if (r.iterations !== undefined) info.iterations = r.iterations
    if (r.marginalError !== undefined) info.marginalError = r.marginalError
    infos.push(info)
    if (gpop) {
      const w = (cfg.trialCoeff * (batch.trialScale ?? 1)) / active.length
      for (let i = 0; i < r.gradModel.length; i++) r.gradModel[i] *= w
      featuresFromPopBackward(layout, r.gradModel, G, g0, B, T, gpop, gradJaw)
    }
    g0 += s.groups.length
  }
  const grad = gpop ? { groups, gpop } : null
  return { value: total / active.length, assignments, sessions: infos, grad }
}

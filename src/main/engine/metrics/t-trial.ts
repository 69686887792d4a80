// T'trial Pearson (spec §5.1, done right): true Pearson of Hungarian-matched trial features, random equal-size
// subsets, within stimulus conditions; the ceiling matches training against held-out trials at the same sizes.
import { modelFeatures, sessionLayout } from '../losses/features'
import { mulberry32, randomSubset } from '../losses/subsample'
import { meanSquaredCost, selectRows } from '../losses/trial-cost'
import type { LossTargets, SessionTargets } from '../losses/types'
import { hungarian } from '../ot/hungarian'
import { byStimulus, pickRows, trainingTrials } from './conditions'
import { pearson } from './pearson'
import type { DataSideCache } from './psth-metrics'

/**
 * Pearson r over features of each Hungarian-matched pair between rows of X (· × D) and Y (· × D), after drawing
 * m = min(|rows|, |cols|) of each uniformly at random. Appends one r per pair.
 */
export function matchedPearson(
  X: Float64Array,
  rows: Int32Array,
  Y: Float64Array,
  cols: Int32Array,
  D: number,
  rnd: () => number,
  out: number[]
): void {
  const m = Math.min(rows.length, cols.length)
  if (m === 0 || D < 2) return
  const r = pickRows(rows, randomSubset(rows.length, m, rnd))
  const c = pickRows(cols, randomSubset(cols.length, m, rnd))
  const C = meanSquaredCost(X, r, Y, c, D)
  const a = hungarian(C, m, m)
  for (let i = 0; i < m; i++) {
    const v = pearson(X, Y, D, r[i] * D, c[a.rowToCol[i]] * D)
    if (Number.isFinite(v)) out.push(v)
  }
}

export interface TTrialResult {
  /** One r per matched (model, held-out) pair, all sessions and conditions. */
  model: number[]
  /** One r per matched (training, held-out) pair at the model's sample sizes. */
  ceiling: number[]
  /** The sessions scored, in order, each with its own pairs (model and ceiling above are these, concatenated). */
  sessions: SessionTTrial[]
}

export interface SessionTTrial {
  index: number
  model: number[]
  ceiling: number[]
}

/**
 * For every session with trial features and every stimulus condition: model trials with that stimulus vs the
 * condition's held-out trials; ceiling: a pool of min(|train_c|, |model_c|) training trials vs the held-out trials.
 * `features` (per session, from sessionModelFeatures) saves recomputing the model features when the caller has them.
 */
export function tTrialPearson(
  targets: LossTargets,
  spikes: ArrayLike<number>,
  jaw: ArrayLike<number> | null,
  stimulus: Float32Array,
  heldOut: Int32Array[],
  rnd: () => number,
  features?: (Float64Array | null)[],
  cache: DataSideCache = new Map()
): TTrialResult {
  const B = stimulus.length
  const sessions: SessionTTrial[] = []
  for (const s of tTrialSessions(targets, heldOut, B)) {
    const layout = sessionLayout(s, targets.featureFilter, jaw !== null)
    const X = features?.[s.index] ?? modelFeatures(layout, spikes, jaw, B, targets.nBins, targets.nNeurons)
    const D = X.length / B
    const Y = selectRows(
      s.features,
      s.featureDim,
      Int32Array.from({ length: s.nTrials }, (_, k) => k),
      D
    )
    sessions.push(sessionTTrial(targets, s, X, Y, D, stimulus, heldOut[s.index], rnd, cache, 'tt-ceiling'))
  }
  return concatSessions(sessions)
}

/** The sessions a T'trial scores: those with trial features and held-out trials (none when there is no model trial). */
export function tTrialSessions(targets: LossTargets, heldOut: Int32Array[], B: number): SessionTargets[] {
  return targets.sessions.filter((s) => s.groups.length > 0 && (heldOut[s.index]?.length ?? 0) > 0 && B > 0)
}

/** The flat model and ceiling lists of per-session results, in session order. */
export function concatSessions(sessions: SessionTTrial[]): TTrialResult {
  return { model: sessions.flatMap((s) => s.model), ceiling: sessions.flatMap((s) => s.ceiling), sessions }
}

/**
 * One session's T'trial pairs: model features X (B × D) vs recorded features Y (all the session's trials, K × D),
 * condition by condition; the data-only ceiling of each condition is cached under `${ceilingKey}:session:c:B:D`.
 */
export function sessionTTrial(
  targets: LossTargets,
  s: SessionTargets,
  X: Float64Array,
  Y: Float64Array,
  D: number,
  stimulus: Float32Array,
  held: Int32Array,
  rnd: () => number,
  cache: DataSideCache,
  ceilingKey: string
): SessionTTrial {
  const B = stimulus.length
  const out: SessionTTrial = { index: s.index, model: [], ceiling: [] }
  const sess = targets.data.sessions[s.index]
  const train = trainingTrials(sess.heldOut)
  const trainByCond = byStimulus(sess.stimulus, train)
  const modelByCond = byStimulus(stimulus)
  for (const [c, heldC] of byStimulus(sess.stimulus, held)) {
    const modelC = modelByCond.get(c)
    if (!modelC) continue
    matchedPearson(X, modelC, Y, heldC, D, rnd, out.model)
    const trainC = trainByCond.get(c)
    if (!trainC) continue
    // Data only (fixed for a fit and a batch size): computed at the first evaluation, then reused.
    const key = `${ceilingKey}:${s.index}:${c}:${B}:${D}`
    let rs = cache.get(key) as number[] | undefined
    if (!rs) {
      rs = []
      conditionCeiling(Y, D, s.index, c, trainC, train.length, heldC, B, rs)
      cache.set(key, rs)
    }
    for (const r of rs) out.ceiling.push(r)
  }
  return out
}

/**
 * The T'trial ceiling of one session and stimulus condition: a pool of the condition's training trials vs its
 * held-out trials (features Y, K × D). The ceiling is a property of the data and its split: its own fixed-seed
 * draws and a pool size set by the condition's expected share of a batch of B (not one batch's draws), so it is
 * the same at every evaluation.
 */
function conditionCeiling(
  Y: Float64Array,
  D: number,
  session: number,
  c: number,
  trainC: Int32Array,
  nTrain: number,
  heldC: Int32Array,
  B: number,
  out: number[]
): void {
  const ceilRnd = mulberry32(0x7e11 + 7919 * session + Math.round(1000 * c))
  const expected = Math.max(1, Math.round((B * trainC.length) / Math.max(1, nTrain)))
  const pool = pickRows(trainC, randomSubset(trainC.length, Math.min(trainC.length, expected), ceilRnd))
  matchedPearson(Y, pool, Y, heldC, D, ceilRnd, out)
}

/**
 * The T'trial ceiling alone (no model): the same per-condition draws as tTrialPearson's ceiling for a batch of B
 * generated trials that holds every stimulus condition of the held-out trials. One r per matched pair.
 */
export function tTrialCeiling(targets: LossTargets, B: number, heldOut: Int32Array[]): number[] {
  const out: number[] = []
  for (const s of targets.sessions) {
    const held = heldOut[s.index] ?? new Int32Array(0)
    if (s.groups.length === 0 || held.length === 0 || B === 0) continue
    const sess = targets.data.sessions[s.index]
    const Y = s.features
    const train = trainingTrials(sess.heldOut)
    const trainByCond = byStimulus(sess.stimulus, train)
    for (const [c, heldC] of byStimulus(sess.stimulus, held)) {
      const trainC = trainByCond.get(c)
      if (trainC) conditionCeiling(Y, s.featureDim, s.index, c, trainC, train.length, heldC, B, out)
    }
  }
  return out
}

// computeLosses: one step's PSTH + trial-matching + rate losses with coefficients, and exact dL/dz, dL/djaw.
import type { LossReport } from '../types'
import { modelFeatures, modelFeaturesBackward, sessionLayout } from './features'
import { psthLoss } from './psth'
import { hashSeed, mulberry32 } from './subsample'
import { selectRows } from './trial-cost'
import { hardMatch, softMatch } from './trial-matching'
import type { LossBatch, LossResult, LossTargets, SessionLossInfo } from './types'

/** Rate floor of the relative rate penalty, Hz (keeps silent data neurons from dominating it). */
const RATE_FLOOR_HZ = 1

/** Generated trials as the loss functions read them (spikes may be 0/1 bytes when no gradient is taken). */
export interface LossInput {
  spikes: ArrayLike<number>
  jaw: ArrayLike<number> | null
  stimulus: Float32Array
  trials: Int32Array[]
  seed?: number
}

/** See losses/index.ts. */
export function computeLosses(targets: LossTargets, batch: LossBatch): LossResult {
  const { B, T, N } = checkBatch(targets, batch)
  return lossesWith(targets, batch, new Float32Array(B * T * N), batch.jaw ? new Float32Array(B * T) : null)
}

/** The loss report alone (no gradient), e.g. the evaluation loss on held-out trials. */
export function lossReport(targets: LossTargets, input: LossInput): LossReport {
  checkBatch(targets, input)
  return lossesWith(targets, input, null, null).report
}

function lossesWith(
  targets: LossTargets,
  batch: LossInput,
  gradSpikes: Float32Array | null,
  gradJaw: Float32Array | null
): LossResult {
  const B = batch.stimulus.length
  const cfg = targets.cfg
  const { spikes, jaw, trials } = batch
  const psth =
    cfg.psthCoeff > 0
      ? psthLoss(targets, spikes, jaw, B, trials, cfg.psthCoeff, gradSpikes, gradJaw)
      : 0
  const tm =
    cfg.trialMatching === 'none' || cfg.trialCoeff === 0
      ? null
      : trialLoss(targets, batch, B, gradSpikes, gradJaw)
  const reg =
    cfg.rateRegCoeff > 0
      ? rateLoss(targets, spikes, B, trials, cfg.rateRegCoeff, gradSpikes)
      : 0
  const report: LossReport = {
    psth: cfg.psthCoeff * psth,
    trial: tm ? cfg.trialCoeff * tm.value : 0,
    reg: cfg.rateRegCoeff * reg,
    total: 0
  }
  report.total = report.psth + report.trial + report.reg
  return {
    report,
    gradSpikes: gradSpikes ?? new Float32Array(0), // empty when no gradient was asked for
    gradJaw,
    assignments: tm ? tm.assignments : targets.sessions.map(() => new Int32Array(B).fill(-1)),
    sessions: tm ? tm.sessions : []
  }
}

function checkBatch(targets: LossTargets, batch: LossInput): { B: number; T: number; N: number } {
  const B = batch.stimulus.length
  const T = targets.nBins
  const N = targets.nNeurons
  if (batch.spikes.length !== B * T * N) {
    const got = batch.spikes.length
    throw new Error(`computeLosses: spikes has ${got} values, expected B×T×N = ${B}×${T}×${N}`)
  }
  if (batch.jaw && batch.jaw.length !== B * T) {
    throw new Error(`computeLosses: jaw has ${batch.jaw.length} ≠ ${B}×${T} values`)
  }
  if (batch.trials.length !== targets.sessions.length) {
    const S = targets.sessions.length
    throw new Error(`computeLosses: ${batch.trials.length} trial lists for ${S} sessions`)
  }
  return { B, T, N }
}

/**
 * L_trial = mean over sessions that take part (≥ 1 qualifying area and ≥ 1 data trial) of the session's matching
 * loss; gradients scaled by trialCoeff / sessions. Returns the unweighted mean.
 */
export function trialLoss(
  targets: LossTargets,
  batch: LossInput,
  B: number,
  gradSpikes: Float32Array | null,
  gradJaw: Float32Array | null
): { value: number; assignments: Int32Array[]; sessions: SessionLossInfo[] } {
  const cfg = targets.cfg
  const T = targets.nBins
  const N = targets.nNeurons
  const assignments = targets.sessions.map(() => new Int32Array(B).fill(-1))
  const active = targets.sessions.filter((s) => s.groups.length > 0 && batch.trials[s.index].length > 0)
  const infos: SessionLossInfo[] = []
  if (active.length === 0 || B === 0) return { value: 0, assignments, sessions: infos }
  const seed = batch.seed ?? hashSeed(batch.trials, B)
  let total = 0
  for (const s of active) {
    const layout = sessionLayout(s, targets.featureFilter, batch.jaw !== null)
    const X = modelFeatures(layout, batch.spikes, batch.jaw, B, T, N)
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
    if (gradSpikes) {
      const w = cfg.trialCoeff / active.length
      for (let i = 0; i < r.gradModel.length; i++) r.gradModel[i] *= w
      modelFeaturesBackward(layout, r.gradModel, B, T, N, gradSpikes, gradJaw)
    }
  }
  return { value: total / active.length, assignments, sessions: infos }
}

/**
 * Rate regulariser: mean over recorded neurons (of sessions with trials this step) of ((r̂ − r)/(r + 1 Hz·dt))²,
 * r̂ = model mean spikes per bin over the batch, r = the unit's training mean. Adds its gradient × weight.
 */
function rateLoss(
  targets: LossTargets,
  spikes: ArrayLike<number>,
  B: number,
  trials: Int32Array[],
  weight: number,
  gradSpikes: Float32Array | null
): number {
  const T = targets.nBins
  const N = targets.nNeurons
  const floor = RATE_FLOOR_HZ * targets.dt
  const used = targets.sessions.filter((s) => s.neurons.length > 0 && trials[s.index].length > 0)
  const count = used.reduce((a, s) => a + s.neurons.length, 0)
  if (count === 0 || B === 0) return 0
  let loss = 0
  for (const s of used) {
    s.neurons.forEach((n, q) => {
      let sum = 0
      for (let i = n; i < spikes.length; i += N) sum += spikes[i]
      const r = s.meanRate[q]
      const e = (sum / (B * T) - r) / (r + floor)
      loss += e * e
      const g = (weight * 2 * e) / (r + floor) / count / (B * T)
      if (gradSpikes) for (let i = n; i < gradSpikes.length; i += N) gradSpikes[i] += g
    })
  }
  return loss / count
}

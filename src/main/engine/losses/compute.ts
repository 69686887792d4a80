// computeLosses: one step's PSTH + trial-matching + rate losses with coefficients, and exact dL/dz, dL/djaw.
import type { LossReport } from '../types'
import { batchSums } from './batch-sums'
import { groupIndex } from './features'
import { psthLoss } from './psth'
import { rateLoss } from './rate'
import { activeSessions, trialLoss, type PopGradient } from './trial-loss'
import type { LossBatch, LossResult, LossTargets } from './types'

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
  const out = batch.gradBuffer
  if (out && out.length !== B * T * N) throw new Error('computeLosses: gradBuffer is not B × T × N')
  const gradJaw = batch.jaw ? new Float32Array(B * T) : null
  const gShared = new Float64Array(T * N)
  const r = lossesWith(targets, batch, gShared, gradJaw)
  const gradSpikes = out ?? new Float32Array(B * T * N)
  assemble(gradSpikes, gShared, r.pop, B, T, N)
  return { ...r.result, gradSpikes, gradJaw }
}

/** The loss report alone (no gradient), e.g. the evaluation loss on held-out trials. */
export function lossReport(targets: LossTargets, input: LossInput): LossReport {
  checkBatch(targets, input)
  return lossesWith(targets, input, null, null).result.report
}

function lossesWith(
  targets: LossTargets,
  batch: LossInput,
  gShared: Float64Array | null,
  gradJaw: Float32Array | null
): { result: Omit<LossResult, 'gradSpikes' | 'gradJaw'>; pop: PopGradient | null } {
  const B = batch.stimulus.length
  const cfg = targets.cfg
  const { spikes, jaw, trials } = batch
  const withTm = !(cfg.trialMatching === 'none' || cfg.trialCoeff === 0)
  // one pass over the spikes feeds all three terms
  const groups = withTm ? activeSessions(targets, trials).flatMap((s) => s.groups) : []
  const sums =
    cfg.psthCoeff > 0 || cfg.rateRegCoeff > 0 || groups.length > 0
      ? batchSums(spikes, groups, B, targets.nBins, targets.nNeurons)
      : null
  const psth =
    cfg.psthCoeff > 0
      ? psthLoss(targets, spikes, jaw, B, trials, cfg.psthCoeff, gShared, gradJaw, sums?.colSum)
      : 0
  const tm = withTm ? trialLoss(targets, batch, B, gShared !== null, gradJaw, sums?.pop) : null
  const reg =
    cfg.rateRegCoeff > 0
      ? rateLoss(targets, spikes, B, trials, cfg.rateRegCoeff, gShared, sums?.colSum)
      : 0
  const report: LossReport = {
    psth: cfg.psthCoeff * psth,
    trial: tm ? cfg.trialCoeff * tm.value : 0,
    reg: cfg.rateRegCoeff * reg,
    total: 0
  }
  report.total = report.psth + report.trial + report.reg
  const assignments = tm ? tm.assignments : targets.sessions.map(() => new Int32Array(B).fill(-1))
  return { result: { report, assignments, sessions: tm ? tm.sessions : [] }, pop: tm?.grad ?? null }
}

/**
 * Writes dL/dz[b,t,n] = gShared[t·N + n] + gpop[(b·T + t)·G + g(n)] / n_g(n) (the per-trial-constant PSTH/rate part
 * and the factored trial-matching part); overwrites `out`. Each row starts as a copy of the float32-rounded shared
 * row, then only the grouped neurons are rewritten with the same float64 sum as before rounding.
 */
function assemble(
  out: Float32Array,
  gShared: Float64Array,
  pop: PopGradient | null,
  B: number,
  T: number,
  N: number
): void {
  const shared32 = Float32Array.from(gShared)
  const G = pop ? pop.groups.length : 0
  const { idx, start } = groupIndex(pop ? pop.groups : [])
  const inv = Float64Array.from(pop ? pop.groups : [], (g) => 1 / g.neurons.length)
  const gpop = pop ? pop.gpop : new Float64Array(0)
  for (let b = 0; b < B; b++) {
    out.set(shared32, b * T * N)
    if (G === 0) continue
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * N
      const sh = t * N
      const pr = (b * T + t) * G
      for (let g = 0; g < G; g++) {
        const v = gpop[pr + g] * inv[g]
        for (let q = start[g]; q < start[g + 1]; q++) {
          const n = idx[q]
          out[row + n] = gShared[sh + n] + v
        }
      }
    }
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

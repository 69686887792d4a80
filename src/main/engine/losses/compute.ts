// computeLosses: one step's PSTH + trial-matching + rate losses with coefficients, and exact dL/dz, dL/djaw.
import type { FactoredSpikeGrad } from '../spike-grad'
import type { SpikeTally } from '../spike-tally'
import type { LossReport } from '../types'
import { allGroups, batchSums, sumsFromTally, type BatchSums } from './batch-sums'
import { groupIndex } from './features'
import { installPsthShards, psthLoss, psthLossOn } from './psth-loss'
import { rateLoss } from './rate'
import type { ShardExecutor } from '../parallel/executor'
import {
  activeSessions,
  installTrialShards,
  trialLoss,
  trialLossOn,
  type PopGradient,
  type TrialTerm
} from './trial-loss'
import type { LossBatch, LossResult, LossTargets } from './types'

/** Generated trials as the loss functions read them (spikes may be 0/1 bytes when no gradient is taken). */
export interface LossInput {
  spikes: ArrayLike<number>
  jaw: ArrayLike<number> | null
  stimulus: Float32Array
  trials: Int32Array[]
  seed?: number
  /** Spike counts tallied by the forward over the layout tallyLayout(targets): saves the pass over the spikes. */
  tally?: SpikeTally
  /** Factor on loss.trialCoeff (see LossBatch.trialScale); default 1. */
  trialScale?: number
}

/** See losses/index.ts. */
export function computeLosses(targets: LossTargets, batch: LossBatch): LossResult {
  const { B, T, N } = checkBatch(targets, batch)
  const gradJaw = batch.jaw ? new Float32Array(B * T) : null
  const gShared = new Float64Array(T * N)
  const r = lossesWith(targets, batch, gShared, gradJaw)
  return { ...r.result, gradSpikes: factor(gShared, r.pop), gradJaw }
}

/**
 * computeLosses with the PSTH term's and the trial-matching term's sessions as shards on `exec` (a worker pool where
 * installLossShards ran): the same numbers, bit for bit, the sessions computed side by side.
 */
export async function computeLossesOn(
  exec: ShardExecutor,
  targets: LossTargets,
  batch: LossBatch
): Promise<LossResult> {
  const { B, T, N } = checkBatch(targets, batch)
  const gradJaw = batch.jaw ? new Float32Array(B * T) : null
  const gShared = new Float64Array(T * N)
  const plan = planLosses(targets, batch, (n) => exec.alloc64(n))
  const { spikes, jaw, trials } = batch
  const colSum = plan.sums?.colSum
  const weight = targets.cfg.psthCoeff
  const psth = plan.withPsth
    ? await psthLossOn(exec, targets, spikes, jaw, B, trials, weight, gShared, gradJaw, colSum)
    : 0
  const tm = plan.withTm ? await trialLossOn(exec, targets, batch, B, true, gradJaw, plan.sums?.pop) : null
  const r = plan.finish(psth, tm, gShared)
  return { ...r.result, gradSpikes: factor(gShared, r.pop), gradJaw }
}

/** lossReport with the sessions' shards on `exec` (installLossShards ran): the same numbers, bit for bit. */
export async function lossReportOn(exec: ShardExecutor, targets: LossTargets, input: LossInput): Promise<LossReport> {
  const { B } = checkBatch(targets, input)
  const plan = planLosses(targets, input, (n) => exec.alloc64(n))
  const { spikes, jaw, trials } = input
  const colSum = plan.sums?.colSum
  const weight = targets.cfg.psthCoeff
  const psth = plan.withPsth ? await psthLossOn(exec, targets, spikes, jaw, B, trials, weight, null, null, colSum) : 0
  const tm = plan.withTm ? await trialLossOn(exec, targets, input, B, false, null, plan.sums?.pop) : null
  return plan.finish(psth, tm, null).result.report
}

/** Installs what computeLossesOn's shards need of the targets on every thread of `exec` (once per fit). */
export async function installLossShards(exec: ShardExecutor, targets: LossTargets): Promise<void> {
  await installPsthShards(exec, targets)
  await installTrialShards(exec, targets)
}

/** The loss report alone (no gradient), e.g. the evaluation loss on held-out trials. */
export function lossReport(targets: LossTargets, input: LossInput): LossReport {
  checkBatch(targets, input)
  return lossesWith(targets, input, null, null).result.report
}

type LossesOut = { result: Omit<LossResult, 'gradSpikes' | 'gradJaw'>; pop: PopGradient | null }

function lossesWith(
  targets: LossTargets,
  batch: LossInput,
  gShared: Float64Array | null,
  gradJaw: Float32Array | null
): LossesOut {
  const B = batch.stimulus.length
  const plan = planLosses(targets, batch, (n) => new Float64Array(n))
  const { spikes, jaw, trials } = batch
  const colSum = plan.sums?.colSum
  const weight = targets.cfg.psthCoeff
  const psth = plan.withPsth ? psthLoss(targets, spikes, jaw, B, trials, weight, gShared, gradJaw, colSum) : 0
  const tm = plan.withTm ? trialLoss(targets, batch, B, gShared !== null, gradJaw, plan.sums?.pop) : null
  return plan.finish(psth, tm, gShared)
}

/**
 * The terms in their fixed order: one pass over the spikes (or the forward's tally); then, by the caller, the PSTH
 * term and the trial term over plan.sums; then the rate term in finish(). The group means are allocated by `alloc`
 * (shared memory when the trial term runs on a pool).
 */
function planLosses(
  targets: LossTargets,
  batch: LossInput,
  alloc: (n: number) => Float64Array
): {
  sums: BatchSums | null
  withPsth: boolean
  withTm: boolean
  finish(psth: number, tm: TrialTerm | null, gShared: Float64Array | null): LossesOut
} {
  const B = batch.stimulus.length
  const cfg = targets.cfg
  const { spikes, trials } = batch
  const trialCoeff = cfg.trialCoeff * (batch.trialScale ?? 1)
  const withTm = !(cfg.trialMatching === 'none' || trialCoeff === 0)
  // one pass over the spikes feeds all three terms
  const groups = withTm ? activeSessions(targets, trials).flatMap((s) => s.groups) : []
  const T = targets.nBins
  const needSums = cfg.psthCoeff > 0 || cfg.rateRegCoeff > 0 || groups.length > 0
  const sums = !needSums
    ? null
    : batch.tally
      ? sumsFromTally(batch.tally, allGroups(targets), groups, B, T, alloc)
      : batchSums(spikes, groups, B, T, targets.nNeurons, alloc)
  return {
    sums,
    withPsth: cfg.psthCoeff > 0,
    withTm,
    finish(psth, tm, gShared) {
      const reg =
        cfg.rateRegCoeff > 0 ? rateLoss(targets, spikes, B, trials, cfg.rateRegCoeff, gShared, sums?.colSum) : 0
      const report: LossReport = {
        psth: cfg.psthCoeff * psth,
        trial: tm ? trialCoeff * tm.value : 0,
        reg: cfg.rateRegCoeff * reg,
        total: 0
      }
      report.total = report.psth + report.trial + report.reg
      const assignments = tm ? tm.assignments : targets.sessions.map(() => new Int32Array(B).fill(-1))
      return { result: { report, assignments, sessions: tm ? tm.sessions : [] }, pop: tm?.grad ?? null }
    }
  }
}

/**
 * dL/dz in factored form (spike-grad.ts): the per-trial-constant PSTH/rate part gShared (T × N) plus, per trial, step
 * and trial-matching group, gpop / n_g (scaled here in place) for each neuron of the group.
 */
function factor(gShared: Float64Array, pop: PopGradient | null): FactoredSpikeGrad {
  const groups = pop ? pop.groups : []
  const G = groups.length
  const perGroup = pop ? pop.gpop : new Float64Array(0)
  const inv = Float64Array.from(groups, (g) => 1 / g.neurons.length)
  for (let q = 0; q < perGroup.length; q += G) for (let g = 0; g < G; g++) perGroup[q + g] *= inv[g]
  const { idx, start } = groupIndex(groups)
  return { shared: gShared, perGroup, groups: G, members: idx, start }
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

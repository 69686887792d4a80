// Trial-matching term over sessions (spec §3.3 step 4): features of all sessions from one pass over the spikes, one
// matching per session (trial-shards.ts), run here one after another or by a worker pool side by side.
import type { ShardExecutor } from '../parallel/executor'
import { groupMeans } from './features'
import { hashSeed } from './subsample'
import {
  reduceTrialShards,
  runTrialShard,
  TRIAL_SHARD_TASK,
  trialShardInit,
  type TrialShardInit,
  type TrialShardPayload,
  type TrialShardResult
} from './trial-shards'
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

export interface TrialTerm {
  value: number
  assignments: Int32Array[]
  sessions: SessionLossInfo[]
  grad: PopGradient | null
}

/** The sessions that take part in trial matching this step: ≥ 1 qualifying area and ≥ 1 data trial. */
export function activeSessions(targets: LossTargets, trials: Int32Array[]): SessionTargets[] {
  return targets.sessions.filter((s) => s.groups.length > 0 && trials[s.index].length > 0)
}

/** Per-fit shard data, kept with the targets (the sync path builds it once too). */
const shardInits = new WeakMap<LossTargets, TrialShardInit>()
function initOf(targets: LossTargets): TrialShardInit {
  let init = shardInits.get(targets)
  if (!init) shardInits.set(targets, (init = trialShardInit(targets)))
  return init
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
): TrialTerm {
  const plan = planTrialTerm(targets, batch, B, withGrad, gradJaw, precomputedPop, (n) => new Float64Array(n))
  if (!plan.payload) return plan.empty
  const init = initOf(targets)
  const results = plan.payload.sessions.map((_, q) => runTrialShard(init, plan.payload!, q))
  return plan.finish(init, results)
}

/**
 * trialLoss with the sessions' shards on `exec` (a worker pool with TRIAL_SHARD_TASK installed by
 * installTrialShards): the same numbers, bit for bit. `precomputedPop` should live in exec.alloc64 memory.
 */
export async function trialLossOn(
  exec: ShardExecutor,
  targets: LossTargets,
  batch: TrialInput,
  B: number,
  withGrad: boolean,
  gradJaw: Float32Array | null,
  precomputedPop?: Float64Array
): Promise<TrialTerm> {
  const plan = planTrialTerm(targets, batch, B, withGrad, gradJaw, precomputedPop, (n) => exec.alloc64(n))
  if (!plan.payload) return plan.empty
  const results = await exec.run<TrialShardResult>(TRIAL_SHARD_TASK, plan.payload.sessions.length, plan.payload)
  return plan.finish(initOf(targets), results)
}

/** Installs the trial-matching shards' per-fit data on every thread of `exec`. */
export function installTrialShards(exec: ShardExecutor, targets: LossTargets): Promise<void> {
  const init = initOf(targets)
  // the features are read by every thread: shared memory, posted once without copies
  const shared = {
    ...init,
    sessions: init.sessions.map((s) =>
      s ? { ...s, features: copyInto(exec.alloc64(s.features.length), s.features) } : null
    )
  }
  return exec.install(TRIAL_SHARD_TASK, shared)
}

function copyInto(dst: Float64Array, src: Float64Array): Float64Array {
  dst.set(src)
  return dst
}

function planTrialTerm(
  targets: LossTargets,
  batch: TrialInput,
  B: number,
  withGrad: boolean,
  gradJaw: Float32Array | null,
  precomputedPop: Float64Array | undefined,
  alloc: (n: number) => Float64Array
): {
  empty: TrialTerm
  payload: TrialShardPayload | null
  finish(init: TrialShardInit, results: TrialShardResult[]): TrialTerm
} {
  const T = targets.nBins
  const N = targets.nNeurons
  const assignments = targets.sessions.map(() => new Int32Array(B).fill(-1))
  const active = activeSessions(targets, batch.trials)
  const empty: TrialTerm = { value: 0, assignments, sessions: [], grad: null }
  if (active.length === 0 || B === 0) return { empty, payload: null, finish: () => empty }
  // every active session's groups as columns of one B × T × G population array
  const groups: AreaGroup[] = active.flatMap((s) => s.groups)
  const G = groups.length
  const pop = precomputedPop ?? groupMeans(groups, batch.spikes, B, T, N)
  const gpop = withGrad ? alloc(pop.length) : null
  const withJawRows = gpop !== null && gradJaw !== null && batch.jaw !== null
  let g0 = 0
  const payload: TrialShardPayload = {
    sessions: active.map((s) => {
      const a = { index: s.index, g0, trials: batch.trials[s.index] }
      g0 += s.groups.length
      return a
    }),
    pop,
    G,
    B,
    jaw: batch.jaw,
    seed: batch.seed ?? hashSeed(batch.trials, B),
    gpop,
    jawParts: withJawRows ? alloc(active.length * B * T) : null,
    weight: (targets.cfg.trialCoeff * (batch.trialScale ?? 1)) / active.length
  }
  return {
    empty,
    payload,
    finish(init, results) {
      const r = reduceTrialShards(init, payload, results, assignments, gradJaw)
      return { ...r, assignments, grad: gpop ? { groups, gpop } : null }
    }
  }
}

// The PSTH loss of spec §3.2 and its gradient, as one shard per session (so a worker pool can run the sessions side
// by side): a shard filters its neurons' trial-mean spikes, writes each bin's squared error into its own slots and
// its neurons' columns of dL/d(trial mean); the caller sums the errors and adds the jaw rows in the fixed order of
// one loop over the sessions, so the bits do not depend on where the shards ran.
import type { ShardExecutor } from '../parallel/executor'
import { applyFilter, applyFilterTransposeAdd, type BandFilter } from './filters'
import { dataPsth, trialMean } from './psth'
import type { DataPsth, LossTargets } from './types'

/** The pool task name of the PSTH shards (parallel/tasks.ts registers it). */
export const PSTH_SHARD_TASK = 'psth'

/** What every shard needs, once per fit: the filter, the sizes and each session's model neurons. */
export interface PsthShardInit {
  filter: BandFilter
  nBins: number
  nNeurons: number
  /** By session index: the model neuron of each recorded unit column. */
  neurons: Int32Array[]
}

/** One step's shards: shard q is sessions[q]. Arrays the shards write are visible to every thread. */
export interface PsthShardPayload {
  sessions: Array<{ index: number; data: DataPsth; jaw: boolean; errAt: number }>
  /** Trial-mean spikes T × N and jaw (T, or null). */
  zMean: Float64Array
  jMean: Float64Array | null
  /** Terms of the loss (recorded neurons, + jaws) over every session: the gradient's normaliser. */
  terms: number
  /** dL/d(trial-mean z), T × N, unscaled (zeroed), or null without a gradient. */
  gMean: Float64Array | null
  /** Squared errors: shard q's from errAt, L per neuron column, then L for the jaw. */
  err: Float64Array
  /** Return the jaw's dL/d(trial-mean jaw) rows (a gradient and a jaw output are wanted). */
  jawGrad: boolean
}

/** The jaw's gradient row (T) of shard q, or null. */
export type PsthShardResult = Float64Array | null

export function psthShardInit(targets: LossTargets): PsthShardInit {
  return {
    filter: targets.filter1,
    nBins: targets.nBins,
    nNeurons: targets.nNeurons,
    neurons: targets.sessions.map((s) => s.neurons)
  }
}

/** Shard q: squared errors and gradient columns of session p.sessions[q]'s neurons (and its jaw). */
export function runPsthShard(init: PsthShardInit, p: PsthShardPayload, q: number): PsthShardResult {
  const f = init.filter
  const L = f.outLen
  const N = init.nNeurons
  const a = p.sessions[q]
  const d = a.data
  const neurons = init.neurons[a.index]
  const pm = new Float64Array(L)
  const g = new Float64Array(L)
  let at = a.errAt
  const term = (target: Float64Array, tOff: number, tStride: number, scale: number): void => {
    for (let l = 0; l < L; l++) {
      const e = (pm[l] - target[tOff + l * tStride]) / scale
      p.err[at++] = e * e
      g[l] = (2 * e) / scale / (p.terms * L)
    }
  }
  const C = neurons.length
  for (let c = 0; c < C; c++) {
    const n = neurons[c]
    applyFilter(f, p.zMean, n, N, pm, 0, 1)
    term(d.psth, c, C, d.scale[c])
    if (p.gMean) applyFilterTransposeAdd(f, g, 0, 1, p.gMean, n, N)
  }
  if (!a.jaw || !d.jaw || !p.jMean) return null
  applyFilter(f, p.jMean, 0, 1, pm, 0, 1)
  term(d.jaw, 0, 1, d.jawScale)
  if (!p.jawGrad) return null
  const gT = new Float64Array(init.nBins)
  applyFilterTransposeAdd(f, g, 0, 1, gT, 0, 1)
  return gT
}

interface PsthPlan {
  payload: PsthShardPayload | null
  /** The unweighted loss, gradients added into gShared and gradJaw. */
  finish(results: PsthShardResult[]): number
}

/**
 * L_psth = mean over (bins l, terms) of ((P_model − P_data)/s)² where the terms are the recorded neurons of every
 * session with trials in `trials` (and each such session's jaw when used and `jaw` is given); P_model pools all
 * B model trials. dL/dz is the same for every trial: weight·dL/dz[b,t,n] is added to gShared[t·N + n]; dL/djaw
 * (× weight) is added to gradJaw. `colSum` (Σ_b z, T × N), when the caller has it, saves the pass over the spikes.
 * Returns the unweighted loss.
 */
export function psthLoss(
  targets: LossTargets,
  spikes: ArrayLike<number>,
  jaw: ArrayLike<number> | null,
  B: number,
  trials: Int32Array[],
  weight: number,
  gShared: Float64Array | null,
  gradJaw: Float32Array | null,
  colSum?: Float64Array
): number {
  const args = { spikes, jaw, B, trials, weight, gShared, gradJaw, colSum }
  const plan = planPsth(
    targets,
    args,
    (n) => new Float64Array(n),
    (d) => d
  )
  if (!plan.payload) return 0
  const init = psthShardInit(targets)
  return plan.finish(plan.payload.sessions.map((_, q) => runPsthShard(init, plan.payload!, q)))
}

/** psthLoss with the sessions' shards on `exec` (PSTH_SHARD_TASK installed by installPsthShards): the same bits. */
export async function psthLossOn(
  exec: ShardExecutor,
  targets: LossTargets,
  spikes: ArrayLike<number>,
  jaw: ArrayLike<number> | null,
  B: number,
  trials: Int32Array[],
  weight: number,
  gShared: Float64Array | null,
  gradJaw: Float32Array | null,
  colSum?: Float64Array
): Promise<number> {
  const args = { spikes, jaw, B, trials, weight, gShared, gradJaw, colSum }
  const plan = planPsth(
    targets,
    args,
    (n) => exec.alloc64(n),
    (d) => sharedPsth(exec, d)
  )
  if (!plan.payload) return 0
  return plan.finish(await exec.run<PsthShardResult>(PSTH_SHARD_TASK, plan.payload.sessions.length, plan.payload))
}

export function installPsthShards(exec: ShardExecutor, targets: LossTargets): Promise<void> {
  return exec.install(PSTH_SHARD_TASK, psthShardInit(targets))
}

/** Data PSTHs copied once into memory every thread sees (they are cached per session and trial set). */
const sharedCopies = new WeakMap<DataPsth, DataPsth>()
function sharedPsth(exec: ShardExecutor, d: DataPsth): DataPsth {
  let s = sharedCopies.get(d)
  if (!s) {
    const copy = (x: Float64Array): Float64Array => {
      const y = exec.alloc64(x.length)
      y.set(x)
      return y
    }
    s = { ...d, psth: copy(d.psth), mean: copy(d.mean), scale: copy(d.scale), jaw: d.jaw ? copy(d.jaw) : null }
    sharedCopies.set(d, s)
  }
  return s
}

function planPsth(
  targets: LossTargets,
  a: {
    spikes: ArrayLike<number>
    jaw: ArrayLike<number> | null
    B: number
    trials: Int32Array[]
    weight: number
    gShared: Float64Array | null
    gradJaw: Float32Array | null
    colSum?: Float64Array
  },
  alloc: (n: number) => Float64Array,
  visible: (d: DataPsth) => DataPsth
): PsthPlan {
  const T = targets.nBins
  const N = targets.nNeurons
  const L = targets.filter1.outLen
  const used = targets.sessions.filter((s) => s.neurons.length > 0 && a.trials[s.index].length > 0)
  let terms = 0
  for (const s of used) terms += s.neurons.length + (s.useJaw && a.jaw ? 1 : 0)
  if (terms === 0 || a.B === 0) return { payload: null, finish: () => 0 }
  const zMean = alloc(T * N)
  if (a.colSum) for (let i = 0; i < T * N; i++) zMean[i] = a.colSum[i] / a.B
  else zMean.set(trialMean(a.spikes, a.B, T, N))
  // dL/d(trial-mean z) is accumulated unscaled, then × weight / B into gShared
  const gMean = a.gShared ? alloc(T * N) : null
  let errAt = 0
  const sessions = used.map((s) => {
    const data = visible(dataPsth(targets, s, a.trials[s.index]))
    const jaw = s.useJaw && a.jaw !== null
    const at = errAt
    errAt += L * (s.units.length + (jaw && data.jaw ? 1 : 0))
    return { index: s.index, data, jaw, errAt: at }
  })
  const payload: PsthShardPayload = {
    sessions,
    zMean,
    jMean: a.jaw ? trialMean(a.jaw, a.B, T, 1) : null,
    terms,
    gMean,
    err: alloc(errAt),
    jawGrad: a.gradJaw !== null
  }
  return {
    payload,
    finish(results) {
      let loss = 0
      for (let i = 0; i < errAt; i++) loss += payload.err[i]
      const { gradJaw, weight, B } = a
      results.forEach((gT) => {
        if (!gT || !gradJaw) return
        for (let b = 0; b < B; b++) for (let t = 0; t < T; t++) gradJaw[b * T + t] += (weight * gT[t]) / B
      })
      if (a.gShared && gMean) for (let i = 0; i < T * N; i++) a.gShared[i] += (gMean[i] * weight) / B
      return loss / (terms * L)
    }
  }
}

// Data preparation of a fit: stored SessionData[] → the engine's FitData (areas, unit types, outcome codes,
// stimulus, normalised jaw) with a fixed, seeded, stratified held-out split per session.
import { AppError } from '@shared/contract/errors'
import type { SessionData } from '@shared/domain/dataset'
import type { SessionSplit } from '@shared/domain/fit'
import { OUTCOME, mulberry32, type EngineSession, type FitData } from '../../engine'
import { trialCounts } from '../../io/trial-counts'
import { rebinSessions } from './rebin'

/**
 * Seed of the held-out split. Fixed, and not the fit's seed, so that every run on a dataset is scored on the
 * same held-out trials and runs can be compared (the reference does the same with random_state = 1).
 */
export const SPLIT_SEED = 1
/** A session whose jaw is NaN on more than this fraction of trials is fitted without its jaw. */
const MAX_NAN_JAW_FRACTION = 0.5

/**
 * Stratified held-out split: within each class, a seeded shuffle and round(fraction × n) trials held out
 * (at least 1 when the class has ≥ 2 trials; a lone trial stays in training).
 * @param classes class label per trial (e.g. outcome), length K
 * @param candidates trial indices that may be used at all (others are excluded)
 * @returns sorted held-out trial indices
 */
export function stratifiedHeldOut(
  classes: readonly string[],
  candidates: readonly number[],
  fraction: number,
  seed: number
): number[] {
  const byClass = new Map<string, number[]>()
  for (const k of candidates) {
    const c = classes[k] ?? ''
    const list = byClass.get(c) ?? []
    list.push(k)
    byClass.set(c, list)
  }
  const rand = mulberry32(seed)
  const out: number[] = []
  for (const c of [...byClass.keys()].sort()) {
    const idx = byClass.get(c) ?? []
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      const tmp = idx[i] as number
      idx[i] = idx[j] as number
      idx[j] = tmp
    }
    const n = idx.length < 2 ? 0 : Math.min(idx.length - 1, Math.max(1, Math.round(fraction * idx.length)))
    out.push(...idx.slice(0, n))
  }
  return out.sort((a, b) => a - b)
}

/**
 * Jaw normalisation of one session (spec §1.3, done right): each trial minus its own mean over the
 * pre-stimulus bins, then divided by sqrt(mean over time of the across-trial variance) of the training trials.
 * @param jaw K × T (row-major), finite
 * @returns a new K × T array
 */
export function normaliseJaw(
  jaw: Float32Array,
  nTrials: number,
  nBins: number,
  stimBin: number,
  training: readonly number[]
): Float32Array {
  const base = Math.max(1, Math.min(nBins, stimBin))
  const out = new Float32Array(nTrials * nBins)
  for (let k = 0; k < nTrials; k++) {
    let m = 0
    for (let t = 0; t < base; t++) m += jaw[k * nBins + t] as number
    m /= base
    for (let t = 0; t < nBins; t++) out[k * nBins + t] = (jaw[k * nBins + t] as number) - m
  }
  let meanVar = 0
  if (training.length >= 2) {
    for (let t = 0; t < nBins; t++) {
      let s = 0
      let s2 = 0
      for (const k of training) {
        const v = out[k * nBins + t] as number
        s += v
        s2 += v * v
      }
      const mu = s / training.length
      meanVar += Math.max(0, s2 / training.length - mu * mu)
    }
    meanVar /= nBins
  }
  const scale = meanVar > 1e-12 ? Math.sqrt(meanVar) : 1
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / scale
  return out
}

export interface PreparedFit {
  data: FitData
  split: SessionSplit[]
  /** Human-readable notes about what was dropped or changed. */
  notes: string[]
}

/**
 * Builds the engine's FitData. With `split` given (a resumed run) the stored split is reused as is.
 * @param sessions the dataset's sessions (same binning)
 * @param heldOutFraction fraction of each session's trials held out (FitConfig.optim.heldOutFraction)
 * @param dtMs the model's time step (FitConfig.model.dtMs), ms; undefined = the dataset's bin width
 * @param opts.spikes false: the sessions' spikes are left empty (the ceilings sum them a block of trials at a time)
 */
export function prepareFitData(
  stored: readonly SessionData[],
  heldOutFraction: number,
  split: readonly SessionSplit[] | null = null,
  datasetFile = 'dataset',
  dtMs?: number,
  opts: { spikes?: boolean } = {}
): PreparedFit {
  // the model's time step (FitConfig.model.dtMs): the data are re-binned to it; left out = as imported
  const sessions = dtMs === undefined ? stored : rebinSessions(stored, dtMs / 1000, datasetFile)
  const first = sessions[0]
  if (!first) throw new AppError('EMPTY_RESULT', 'The dataset has no sessions.', { file: datasetFile })
  const { dt, start } = first.binning
  const nBins = first.nBins
  const stimBin = Math.max(0, Math.min(nBins, Math.round(-start / dt)))
  const areas: string[] = []
  for (const s of sessions) for (const u of s.units) if (!areas.includes(u.area)) areas.push(u.area)
  const notes: string[] = []
  const out: EngineSession[] = []
  const splits: SessionSplit[] = []
  for (const s of sessions) {
    if (s.nBins !== nBins || Math.abs(s.binning.dt - dt) > 1e-12 || Math.abs(s.binning.start - start) > 1e-9) {
      throw new AppError('SHAPE_MISMATCH', `Session ${s.name} is binned differently from session ${first.name}.`, {
        file: datasetFile,
        field: `sessions/${s.name}/binning`
      })
    }
    const K = s.trials.length
    const U = s.units.length
    if (K === 0 || U === 0) {
      notes.push(`Session ${s.name} has no ${K === 0 ? 'trials' : 'units'}: left out.`)
      continue
    }
    const stored = split?.find((x) => x.session === s.name)
    const rawJaw = s.behaviour['jaw'] ?? null
    let jawOk = rawJaw !== null && rawJaw.length === K * nBins
    const finiteTrial = (k: number): boolean => {
      if (!rawJaw) return true
      for (let t = 0; t < nBins; t++) if (!Number.isFinite(rawJaw[k * nBins + t])) return false
      return true
    }
    let keep = Array.from({ length: K }, (_, k) => k)
    if (jawOk) {
      const finite = keep.filter(finiteTrial)
      if (finite.length < (1 - MAX_NAN_JAW_FRACTION) * K) {
        jawOk = false
        notes.push(`Session ${s.name}: the jaw is missing on ${K - finite.length} of ${K} trials; fitted without it.`)
      } else if (finite.length < K) {
        notes.push(`Session ${s.name}: ${K - finite.length} trials without a jaw trace left out.`)
        keep = finite
      }
    }
    // Trials with a recorded perturbation test the model's causal predictions: never fitted, never held out.
    const perturbed = s.trials.filter((t) => t.perturbation).length
    if (!stored && perturbed > 0) {
      keep = keep.filter((k) => !s.trials[k]?.perturbation)
      notes.push(
        `Session ${s.name}: ${perturbed} trials with a recorded perturbation kept out of the fit (compared with in-silico perturbations).`
      )
    }
    const excluded = stored ? stored.excluded : Array.from({ length: K }, (_, k) => k).filter((k) => !keep.includes(k))
    if (stored) keep = Array.from({ length: K }, (_, k) => k).filter((k) => !stored.excluded.includes(k))
    const heldOutSet = new Set(
      stored
        ? stored.heldOut
        : stratifiedHeldOut(
            s.trials.map((t) => t.outcome),
            keep,
            heldOutFraction,
            SPLIT_SEED
          )
    )
    splits.push({ session: s.name, nTrials: K, heldOut: [...heldOutSet].sort((a, b) => a - b), excluded })
    out.push(buildSession(s, keep, heldOutSet, areas, nBins, stimBin, jawOk ? rawJaw : null, opts.spikes !== false))
  }
  if (out.length === 0)
    throw new AppError('EMPTY_RESULT', 'No session has both units and trials.', { file: datasetFile })
  return { data: { areas, dt, nBins, stimBin, sessions: out }, split: splits, notes }
}

function buildSession(
  s: SessionData,
  keep: readonly number[],
  heldOut: ReadonlySet<number>,
  areas: readonly string[],
  nBins: number,
  stimBin: number,
  rawJaw: Float32Array | null,
  withSpikes: boolean
): EngineSession {
  const K = keep.length
  // The kept trials' counts at the fit's bins, binned straight into the engine's array (for a stored session too
  // large to hold whole, and at another dt, nothing else of that size is made: K × T × U bytes is what a fit uses).
  const spikes = withSpikes ? trialCounts(s, keep) : new Uint8Array(0)
  const outcome = new Uint8Array(K)
  const stimulus = new Float32Array(K)
  const held = new Uint8Array(K)
  const jawKept = rawJaw ? new Float32Array(K * nBins) : null
  keep.forEach((k, i) => {
    const trial = s.trials[k]
    if (!trial) return
    outcome[i] = OUTCOME[trial.outcome]
    stimulus[i] = trial.stimulus
    held[i] = heldOut.has(k) ? 1 : 0
    if (jawKept && rawJaw) jawKept.set(rawJaw.subarray(k * nBins, (k + 1) * nBins), i * nBins)
  })
  const training = Array.from({ length: K }, (_, i) => i).filter((i) => held[i] === 0)
  return {
    name: s.name,
    unitArea: Int32Array.from(s.units, (u) => areas.indexOf(u.area)),
    unitInhibitory: Uint8Array.from(s.units, (u) => (u.type === 'I' ? 1 : 0)),
    spikes,
    outcome,
    stimulus,
    jaw: jawKept ? normaliseJaw(jawKept, K, nBins, stimBin, training) : null,
    heldOut: held
  }
}

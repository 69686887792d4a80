// Lick/no-lick classifier on the filtered jaw (spec §5.4): a linear discriminant fitted on training trials.
import { applyFilter, type BandFilter } from '../losses/filters'
import { OUTCOME, type FitData } from '../types'
import { trainingTrials } from './conditions'

export interface LickClassifier {
  /** Discriminant direction over the L2 filtered jaw bins, and the score threshold (lick when score > it). */
  w: Float64Array
  threshold: number
  /** Training accuracy (fraction). */
  trainAccuracy: number
}

/** Hit and FA trials are the lick trials. */
export function isLick(outcome: number): boolean {
  return outcome === OUTCOME.Hit || outcome === OUTCOME.FA
}

function jawFeature(f: BandFilter, jaw: ArrayLike<number>, trial: number, T: number): Float64Array {
  const x = new Float64Array(f.outLen)
  applyFilter(f, jaw, trial * T, 1, x, 0, 1)
  return x
}

function score(c: { w: Float64Array }, x: Float64Array): number {
  let s = 0
  for (let i = 0; i < x.length; i++) s += c.w[i] * x[i]
  return s
}

/**
 * Fits w = mean(lick) − mean(no lick) of the filtered jaw (raw units, pooled over sessions' training trials) and
 * the threshold on w·x that maximises training accuracy. Null when no session has a jaw; with one class only,
 * the threshold puts every trial in it.
 */
export function fitLickClassifier(data: FitData, filter: BandFilter): LickClassifier | null {
  const xs: Float64Array[] = []
  const ys: boolean[] = []
  for (const s of data.sessions) {
    if (!s.jaw) continue
    for (const k of trainingTrials(s.heldOut)) {
      xs.push(jawFeature(filter, s.jaw, k, data.nBins))
      ys.push(isLick(s.outcome[k]))
    }
  }
  if (xs.length === 0) return null
  const L = filter.outLen
  const w = new Float64Array(L)
  const nLick = ys.filter(Boolean).length
  const nNo = ys.length - nLick
  xs.forEach((x, i) => {
    for (let l = 0; l < L; l++) w[l] += ys[i] ? x[l] / Math.max(1, nLick) : -x[l] / Math.max(1, nNo)
  })
  const c = { w, threshold: 0, trainAccuracy: 0 }
  const scored = xs.map((x, i) => ({ s: score(c, x), y: ys[i] })).sort((a, b) => a.s - b.s)
  // threshold between consecutive scores: everything above it is "lick"; start with all trials above
  let correct = nLick
  let best = correct
  let threshold = scored[0].s - 1
  scored.forEach((p, i) => {
    correct += p.y ? -1 : 1
    const next = i + 1 < scored.length ? scored[i + 1].s : p.s + 1
    if (correct > best && next > p.s) {
      best = correct
      threshold = (p.s + next) / 2
    }
  })
  return { w, threshold, trainAccuracy: best / xs.length }
}

/** Lick (true) or not for each of B jaw traces (B × T). */
export function predictLicks(
  c: LickClassifier,
  filter: BandFilter,
  jaw: ArrayLike<number>,
  B: number,
  T: number
): boolean[] {
  return Array.from({ length: B }, (_, b) => score(c, jawFeature(filter, jaw, b, T)) > c.threshold)
}

/** Accuracy of the classifier on the given recorded trials of sessions with a jaw; NaN when there are none. */
export function lickAccuracy(c: LickClassifier, filter: BandFilter, data: FitData, trials: Int32Array[]): number {
  let right = 0
  let n = 0
  data.sessions.forEach((s, si) => {
    if (!s.jaw) return
    for (const k of trials[si] ?? []) {
      const pred = score(c, jawFeature(filter, s.jaw, k, data.nBins)) > c.threshold
      if (pred === isLick(s.outcome[k])) right++
      n++
    }
  })
  return n > 0 ? right / n : NaN
}

// Behaviour view data: jaw mean ± sd per outcome (recorded held-out vs generated), matched single-trial jaw
// traces, and the trial-type mix of generated vs recorded trials.
import { outcomes } from '@shared/domain/dataset'
import type { MeanSd, OutcomeMix } from '@shared/domain/comparison'
import type { FitData, Simulation } from '../engine'
import type { RecordedRows } from './trial-rows'

/** Mean and sample sd over the trials selected by `pick`, per bin; n = 0 gives NaN traces. */
export function meanSd(T: number, trials: number[], trace: (i: number) => ArrayLike<number>): MeanSd {
  const mean = new Float32Array(T)
  const sd = new Float32Array(T)
  const n = trials.length
  for (let t = 0; t < T; t++) {
    let s = 0
    for (const i of trials) s += trace(i)[t]!
    const m = s / n
    let v = 0
    for (const i of trials) v += (trace(i)[t]! - m) ** 2
    mean[t] = n ? m : NaN
    sd[t] = n > 1 ? Math.sqrt(v / (n - 1)) : n === 1 ? 0 : NaN
  }
  return { n, mean, sd }
}

/** Fractions of each outcome among `codes` (zeros when empty). */
export function outcomeMix(codes: Uint8Array): OutcomeMix {
  const c = [0, 0, 0, 0]
  for (const o of codes) c[o] = (c[o] ?? 0) + 1
  const n = codes.length || 1
  return { Hit: c[0]! / n, Miss: c[1]! / n, CR: c[2]! / n, FA: c[3]! / n }
}

/** Recorded jaw trace of a row (normalised, K × T of its session), or null when the session has no jaw. */
export function recordedJaw(data: FitData, rows: RecordedRows, r: number): Float32Array | null {
  const jaw = data.sessions[rows.session[r]!]!.jaw
  if (!jaw) return null
  const k = rows.trial[r]!
  return jaw.subarray(k * data.nBins, (k + 1) * data.nBins)
}

export interface JawSummary {
  perOutcome: { outcome: (typeof outcomes)[number]; recorded: MeanSd; generated: MeanSd }[]
  matched: { recordedRows: Int32Array; generatedRows: Int32Array; recorded: Float32Array; generated: Float32Array }
}

/**
 * Jaw per outcome and for matched pairs (pairs whose recorded row has a jaw; at most `maxPairs`).
 * @param pairs [nPairs × 2] (recorded row, generated trial)
 */
export function jawSummary(
  data: FitData,
  rows: RecordedRows,
  sim: Simulation,
  genOutcome: Uint8Array,
  pairs: Int32Array,
  maxPairs = 12
): JawSummary {
  const T = data.nBins
  const withJaw: number[] = []
  for (let r = 0; r < rows.session.length; r++) if (recordedJaw(data, rows, r)) withJaw.push(r)
  const genTrace = (b: number): Float32Array => sim.jaw.subarray(b * T, (b + 1) * T)
  const perOutcome = outcomes.map((name, o) => ({
    outcome: name,
    recorded: meanSd(
      T,
      withJaw.filter((r) => rows.outcome[r] === o),
      (r) => recordedJaw(data, rows, r)!
    ),
    generated: meanSd(
      T,
      [...genOutcome.keys()].filter((b) => genOutcome[b] === o),
      genTrace
    )
  }))
  const recRows: number[] = []
  const genRows: number[] = []
  for (let i = 0; i < pairs.length / 2 && recRows.length < maxPairs; i++) {
    if (!recordedJaw(data, rows, pairs[2 * i]!)) continue
    recRows.push(pairs[2 * i]!)
    genRows.push(pairs[2 * i + 1]!)
  }
  const recorded = new Float32Array(recRows.length * T)
  const generated = new Float32Array(recRows.length * T)
  recRows.forEach((r, i) => {
    recorded.set(recordedJaw(data, rows, r)!, i * T)
    generated.set(genTrace(genRows[i]!), i * T)
  })
  return {
    perOutcome,
    matched: { recordedRows: Int32Array.from(recRows), generatedRows: Int32Array.from(genRows), recorded, generated }
  }
}

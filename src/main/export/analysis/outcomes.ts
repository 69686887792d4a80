// Trial type of generated trials (spec §5.4, done simply and explainably): with a recorded jaw, lick / no lick
// by a threshold on the post-event jaw peak calibrated on the recorded training trials; without one, the
// nearest recorded outcome template of per-area population activity. Stimulus → Hit/Miss, none → FA/CR.
import { OUTCOME, type FitData, type Simulation } from '../../engine/types'
import type { AreaTraces } from './population'
import type { RecordedRows } from './trial-rows'

export interface Classified {
  outcome: Uint8Array
  /** 1 = lick, per generated trial (Hit or FA). */
  lick: Uint8Array
  method: string
}

const isLick = (o: number): boolean => o === OUTCOME.Hit || o === OUTCOME.FA

/** Outcome code from stimulus presence and lick. */
export function outcomeOf(stimulus: number, lick: boolean): number {
  if (stimulus > 0) return lick ? OUTCOME.Hit : OUTCOME.Miss
  return lick ? OUTCOME.FA : OUTCOME.CR
}

/** Peak of a jaw trace over the bins at or after the event (stimBin). */
export function postPeak(jaw: ArrayLike<number>, o: number, T: number, stimBin: number): number {
  let m = -Infinity
  for (let t = Math.min(stimBin, T - 1); t < T; t++) m = Math.max(m, jaw[o + t]!)
  return m
}

/**
 * The jaw threshold that best separates recorded lick (Hit/FA) from no-lick (Miss/CR) training trials by
 * their post-event peak, or null when there is no jaw or only one class.
 */
export function lickThreshold(data: FitData): number | null {
  const peaks: { v: number; lick: boolean }[] = []
  for (const s of data.sessions) {
    if (!s.jaw) continue
    for (let k = 0; k < s.outcome.length; k++) {
      if (s.heldOut[k] === 1) continue
      peaks.push({ v: postPeak(s.jaw, k * data.nBins, data.nBins, data.stimBin), lick: isLick(s.outcome[k]!) })
    }
  }
  const nLick = peaks.filter((p) => p.lick).length
  if (nLick === 0 || nLick === peaks.length) return null
  peaks.sort((a, b) => a.v - b.v)
  // Sweep: threshold between consecutive peaks; correct = no-licks below + licks above.
  let below = 0
  let licksBelow = 0
  let best = { acc: -1, thr: 0 }
  for (let i = 0; i <= peaks.length; i++) {
    const correct = below - licksBelow + (nLick - licksBelow)
    const thr = i === 0 ? peaks[0]!.v - 1 : i === peaks.length ? peaks[i - 1]!.v + 1 : (peaks[i - 1]!.v + peaks[i]!.v) / 2
    if (correct > best.acc) best = { acc: correct, thr }
    if (i < peaks.length) {
      below++
      if (peaks[i]!.lick) licksBelow++
    }
  }
  return best.thr
}

/** Classifies every generated trial; see the file header for the two methods. */
export function classifyGenerated(data: FitData, sim: Simulation, rows: RecordedRows, traces: AreaTraces[]): Classified {
  const B = sim.nTrials
  const outcome = new Uint8Array(B)
  const lick = new Uint8Array(B)
  const thr = lickThreshold(data)
  if (thr !== null && sim.jaw.length === B * data.nBins) {
    for (let b = 0; b < B; b++) {
      lick[b] = postPeak(sim.jaw, b * data.nBins, data.nBins, data.stimBin) > thr ? 1 : 0
      outcome[b] = outcomeOf(sim.stimulus[b]!, lick[b] === 1)
    }
    return { outcome, lick, method: `jaw peak after the event > ${thr.toFixed(3)} (threshold fitted on recorded training trials)` }
  }
  const L = traces[0] ? traces[0].generated.length / Math.max(1, B) : 0
  const templates = outcomeTemplates(rows, traces, L)
  for (let b = 0; b < B; b++) {
    const allowed = sim.stimulus[b]! > 0 ? [OUTCOME.Hit, OUTCOME.Miss] : [OUTCOME.CR, OUTCOME.FA]
    let best: number = allowed[0]!
    let bestD = Infinity
    for (const o of allowed) {
      const d = templateDistance(templates, traces, o, b)
      if (d < bestD) [best, bestD] = [o, d]
    }
    outcome[b] = best
    lick[b] = isLick(best) ? 1 : 0
  }
  return { outcome, lick, method: 'nearest recorded outcome template of per-area population activity (no jaw recorded)' }
}

/** Per area and outcome: mean filtered trace [L] of the recorded rows of that outcome (null when none). */
function outcomeTemplates(rows: RecordedRows, traces: AreaTraces[], L: number): (Float64Array | null)[][] {
  return traces.map((tr) =>
    [0, 1, 2, 3].map((o) => {
      const acc = new Float64Array(L)
      let n = 0
      tr.recordedRows.forEach((row, i) => {
        if (rows.outcome[row] !== o) return
        for (let l = 0; l < L; l++) acc[l] += tr.recorded[i * L + l]!
        n++
      })
      return n ? acc.map((v) => v / n) : null
    })
  )
}

function templateDistance(templates: (Float64Array | null)[][], traces: AreaTraces[], o: number, b: number): number {
  let d = 0
  let used = 0
  traces.forEach((tr, a) => {
    const t = templates[a]![o]
    if (!t) return
    for (let l = 0; l < t.length; l++) d += (tr.generated[b * t.length + l]! - t[l]!) ** 2
    used++
  })
  return used ? d : Infinity
}

// Area-to-area input currents per task period and trial type (spec §5.5, the reference's Hit vs Miss analysis):
// how much recurrent input each area receives from each area, from the spikes the source area's neurons emit
// during a period, averaged over the generated trials of one outcome. Which area drives which, when, and how
// that differs between Hit and Miss trials.
import type { NamedWindow } from '@shared/domain/perturbation-experiment'
import { outcomes, type Outcome } from '@shared/domain/dataset'
import type { ModelParams } from '../engine'
import { recurrentGroups } from './connectivity'

export interface OutcomeCurrents {
  outcome: Outcome
  nTrials: number
  /** [period × target area × source area], mean input per target neuron per second (weight units × spikes / s). */
  values: Float32Array
}

/** Generated trials: spikes [trial × bin × neuron] (0/1) and an outcome code per trial (index into `outcomes`). */
export interface GeneratedTrials {
  spikes: Uint8Array
  nTrials: number
  nBins: number
  outcome: Uint8Array
}

/**
 * The signed weight neuron j sends to each area, delays summed: out[j·A + b] = ±Σ_g Σ_{i∈b} W_g[j, i]
 * (weights are stored ≥ 0, presynaptic-major; the sign is j's type).
 */
export function outgoingByArea(
  p: Pick<ModelParams, 'arrays' | 'neuronArea' | 'neuronInhibitory' | 'areas'>
): Float64Array {
  const n = p.neuronArea.length
  const A = p.areas.length
  const out = new Float64Array(n * A)
  for (const w of recurrentGroups(p as ModelParams)) {
    for (let j = 0; j < n; j++) {
      const sign = p.neuronInhibitory[j] === 1 ? -1 : 1
      for (let i = 0; i < n; i++) out[j * A + p.neuronArea[i]!] += sign * w[j * n + i]!
    }
  }
  return out
}

/**
 * I[period, b, a] = Σ_{j∈a} out[j, b] · (spikes of j in the period, mean over the outcome's trials) / (|b| · duration).
 * A spike reaches its targets 1–2 steps later; at the scale of a task period that shift is left out, so the current
 * is the one caused by the spikes emitted in the period. Outcomes without trials are left out.
 * @param axis bin width dt (s) and the bin of the alignment event; bin t covers [(t − stimBin)·dt, +dt)
 */
export function inputCurrents(
  p: Pick<ModelParams, 'arrays' | 'neuronArea' | 'neuronInhibitory' | 'areas'>,
  trials: GeneratedTrials,
  windows: NamedWindow[],
  axis: { dt: number; stimBin: number }
): OutcomeCurrents[] {
  const n = p.neuronArea.length
  const A = p.areas.length
  const P = windows.length
  const { nTrials: B, nBins: T } = trials
  const periodOf = Int32Array.from({ length: T }, (_, t) => {
    const s = (t - axis.stimBin) * axis.dt + 1e-9
    return windows.findIndex((w) => s >= w.window[0] && s < w.window[1])
  })
  const binsIn = windows.map((_, k) => periodOf.filter((q) => q === k).length)
  // Spike counts per outcome × period × neuron, summed over trials.
  const counts = new Float64Array(outcomes.length * P * n)
  const nByOutcome = new Int32Array(outcomes.length)
  for (let b = 0; b < B; b++) {
    const o = trials.outcome[b]!
    nByOutcome[o]++
    for (let t = 0; t < T; t++) {
      const k = periodOf[t]!
      if (k < 0) continue
      const row = (b * T + t) * n
      const base = (o * P + k) * n
      for (let j = 0; j < n; j++) if (trials.spikes[row + j]) counts[base + j]++
    }
  }
  const out = outgoingByArea(p)
  const size = new Float64Array(A)
  for (let i = 0; i < n; i++) size[p.neuronArea[i]!]++
  const result: OutcomeCurrents[] = []
  outcomes.forEach((outcome, o) => {
    const nt = nByOutcome[o]!
    if (nt === 0) return
    const values = new Float64Array(P * A * A)
    for (let k = 0; k < P; k++) {
      const seconds = binsIn[k]! * axis.dt
      if (seconds <= 0) continue
      for (let j = 0; j < n; j++) {
        const c = counts[(o * P + k) * n + j]!
        if (c === 0) continue
        const a = p.neuronArea[j]!
        for (let tb = 0; tb < A; tb++)
          values[(k * A + tb) * A + a] += (out[j * A + tb]! * c) / (nt * size[tb]! * seconds)
      }
    }
    result.push({ outcome, nTrials: nt, values: Float32Array.from(values) })
  })
  return result
}

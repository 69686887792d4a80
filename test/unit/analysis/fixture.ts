// Synthetic prepared data + a "model" whose generated trials are exact copies of the held-out recorded trials
// in a known permuted order, so matching, classification and features have known answers.
import { resolveFitConfig } from '@shared/domain/model-config'
import { OUTCOME, type FitData, type ModelParams, type Simulation, type Trainer } from '../../../src/main/engine'
import { prepareLossTargets } from '../../../src/main/engine/losses'
import { matchTrialSets } from '../../../src/main/engine/losses/match-sets'
import { classifyGenerated } from '../../../src/main/engine/metrics/classify-generated'
import { generatedStimuli, heldOutRows, type RecordedRows } from '../../../src/main/analysis/trial-rows'

export const T = 40
export const STIM_BIN = 10
const K = 8

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32
}

/** Session 0 records area 0 (units 0, 1) and area 1 (units 2, 3); session 1 records area 1 only (units 0, 1). */
export function fixtureData(): FitData {
  const rnd = lcg(3)
  const session = (name: string, unitArea: number[]) => {
    const U = unitArea.length
    const spikes = new Uint8Array(K * T * U)
    const outcome = new Uint8Array(K)
    const jaw = new Float32Array(K * T)
    for (let k = 0; k < K; k++) {
      const hit = k % 2 === 0
      outcome[k] = hit ? OUTCOME.Hit : OUTCOME.Miss
      for (let t = 0; t < T; t++) {
        for (let u = 0; u < U; u++) {
          const p =
            0.1 +
            (hit && unitArea[u] === 1 && t >= STIM_BIN + 4 && t < STIM_BIN + 12 ? 0.6 : 0) +
            (unitArea[u] === 0 && t >= STIM_BIN + 2 && t < STIM_BIN + 6 ? 0.5 : 0)
          spikes[(k * T + t) * U + u] = rnd() < p ? 1 : 0
        }
        jaw[k * T + t] = hit && t > STIM_BIN + 15 ? 2 + rnd() * 0.2 : rnd() * 0.2
      }
    }
    return {
      name,
      unitArea: Int32Array.from(unitArea),
      unitInhibitory: new Uint8Array(U),
      spikes,
      outcome,
      stimulus: new Float32Array(K).fill(1),
      jaw,
      heldOut: Uint8Array.from({ length: K }, (_, k) => (k < 4 ? 1 : 0))
    }
  }
  return {
    areas: ['A', 'B'],
    dt: 0.002,
    nBins: T,
    stimBin: STIM_BIN,
    sessions: [session('s0', [0, 0, 1, 1]), session('s1', [1, 1])]
  }
}

/** Neurons 0–1 ↔ s0 units 0–1 (area A), 2–3 ↔ s0 units 2–3 (B), 4–5 ↔ s1 units 0–1 (B), 6 inhibitory unmapped (B). */
export function fixtureModel(): Pick<ModelParams, 'neuronArea' | 'neuronMap' | 'areas' | 'neuronInhibitory'> {
  return {
    areas: ['A', 'B'],
    neuronArea: Int32Array.from([0, 0, 1, 1, 1, 1, 1]),
    neuronInhibitory: Uint8Array.from([0, 0, 0, 0, 0, 0, 1]),
    neuronMap: { session: Int32Array.from([0, 0, 0, 0, 1, 1, -1]), unit: Int32Array.from([0, 1, 2, 3, 0, 1, -1]) }
  }
}

/**
 * Generated trial perm[r] is an exact copy of recorded row r (its session's mapped neurons, jaw); other neurons
 * are silent, or with `allSessions` copy the same trial index of their own session (same outcome there).
 */
export function copySimulation(data: FitData, rows: RecordedRows, perm: number[], allSessions = false): Simulation {
  const m = fixtureModel()
  const N = m.neuronArea.length
  const B = perm.length
  const spikes = new Uint8Array(B * T * N)
  const jaw = new Float32Array(B * T)
  const stim = generatedStimuli(rows, 1)
  const stimulus = new Float32Array(B)
  perm.forEach((b, r) => {
    const s = data.sessions[rows.session[r]!]!
    const k = rows.trial[r]!
    for (let t = 0; t < T; t++) {
      for (let n = 0; n < N; n++) {
        const ns = m.neuronMap.session[n]!
        if (ns < 0 || (ns !== rows.session[r] && !allSessions)) continue
        const src = data.sessions[ns]!
        spikes[(b * T + t) * N + n] = src.spikes[(k * T + t) * src.unitArea.length + m.neuronMap.unit[n]!]!
      }
      jaw[b * T + t] = s.jaw![k * T + t]!
    }
    stimulus[b] = stim[r]!
  })
  return { nTrials: B, nBins: T, nNeurons: N, spikes, jaw, stimulus }
}

export const config = resolveFitConfig({ loss: { filterMs: 8, resample: 2 } })
export { heldOutRows }

/**
 * The trained model's analyses (Trainer.classifyTrials / matchTrialSet) over the fixture's loss targets, without
 * fitting: the same engine functions the trainer is wired to, given the targets it would prepare.
 */
export function fixtureTrainedModel(data: FitData): Pick<Trainer, 'classifyTrials' | 'matchTrialSet'> {
  const targets = prepareLossTargets(data, fixtureModel().neuronMap, config.loss)
  return {
    classifyTrials: (sim) => classifyGenerated(targets, data, sim),
    matchTrialSet: (session, spikes, jaw, nModel, dataTrials) =>
      matchTrialSets(targets, session, spikes, jaw, nModel, dataTrials)
  }
}

// Ground-truth fit harness: two-area example data (area 2 responds on Hit trials only) → FitData, a short fit
// that records both losses, and the per-trial area-2 response of recorded and generated trials.
import { fitConfigSchema, type FitConfig } from '@shared/domain/model-config'
import { createTrainer, OUTCOME, type FitData, type Trainer } from '../../../src/main/engine'
import { lossFilters, prepareLossTargets } from '../../../src/main/engine/losses/index'
import { areaResponses, classifyByTemplate } from '../../../src/main/engine/metrics/index'
import { generateExample } from '../../../src/main/io/example/generate'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'

export interface RecoveryDataOptions {
  seed: number
  unitsPerSession: number
  trialsPerSession: number
  /** Window around the stimulus, s (default −0.05 … 0.15). */
  start?: number
  stop?: number
}

/**
 * One example session recording both areas, binned at 2 ms and split (20 % held out) as the fit workflow prepares
 * it. The jaw is dropped: these tests are about area 2's spikes, and without a jaw the generated trials are typed
 * by the neural templates (the same rule as the metric trial_type_model).
 */
export function recoveryData(o: RecoveryDataOptions): FitData {
  const ex = generateExample({
    seed: o.seed,
    sessions: 1,
    unitsPerSession: o.unitsPerSession,
    trialsPerSession: o.trialsPerSession,
    binning: { dt: 0.002, start: o.start ?? -0.05, stop: o.stop ?? 0.15 },
    pHit: 0.8
  })
  const { data } = prepareFitData(ex.sessions, 0.2)
  for (const s of data.sessions) s.jaw = null
  return data
}

type Over = {
  model?: Partial<FitConfig['model']>
  loss?: Partial<FitConfig['loss']>
  optim?: Partial<FitConfig['optim']>
}

/** A small, fast fit config: wasm kernels on one thread, short warm-up, high learning rate. */
export function recoveryConfig(over: Over = {}): FitConfig {
  return fitConfigSchema.parse({
    model: { neuronsPerArea: 30, nInputs: 40, warmupMs: 40, ...over.model },
    loss: { ...over.loss },
    optim: { batchSize: 80, lr: 0.02, seed: 1, ...over.optim },
    engine: { backend: 'auto', threads: 1 }
  })
}

/** A fit's per-step losses and its generated trials' mix, averaged over evaluation checkpoints. */
export interface FitRun {
  psth: number[]
  trial: number[]
  rollbacks: number
  /** Mix of the untrained model (step 0). */
  initial: TrialMix
  /** Mean over the checkpoints of each TrialMix field (perTrial from the last checkpoint). */
  mix: TrialMix
}

/**
 * Measures the untrained model's mix, then runs `steps` optimiser steps, recording both losses; from step `from` on, every `every` steps, generates
 * `nSim` trials and measures their mix. Single checkpoints fluctuate with the step (the PSTH-only fit
 * oscillates), so the mix is averaged over checkpoints.
 */
export async function runFit(
  data: FitData,
  cfg: FitConfig,
  steps: number,
  from: number,
  every: number,
  nSim: number
): Promise<FitRun> {
  const trainer = await createTrainer(data, cfg)
  const psth: number[] = []
  const trial: number[] = []
  const mixes: TrialMix[] = []
  let rollbacks = 0
  let initial: TrialMix
  try {
    initial = await generatedMix(trainer, data, cfg, nSim, 999)
    for (let s = 1; s <= steps; s++) {
      const r = await trainer.runStep()
      if (r.rolledBack) rollbacks++
      psth.push(r.losses.psth)
      trial.push(r.losses.trial)
      if (s >= from && (s - from) % every === 0) mixes.push(await generatedMix(trainer, data, cfg, nSim, 1000 + s))
    }
  } finally {
    await trainer.dispose()
  }
  const avg = (k: 'hitFraction' | 'hitAmplitudeHz' | 'missAmplitudeHz'): number => mean(mixes.map((m) => m[k]))
  const last = mixes[mixes.length - 1]
  if (!last) throw new Error('runFit: no checkpoint in range')
  const mix = {
    hitFraction: avg('hitFraction'),
    hitAmplitudeHz: avg('hitAmplitudeHz'),
    missAmplitudeHz: avg('missAmplitudeHz'),
    perTrial: last.perTrial
  }
  return { psth, trial, rollbacks, initial, mix }
}

export const mean = (a: ArrayLike<number>): number => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]
  return a.length > 0 ? s / a.length : NaN
}

/** Per-trial area-2 response: filter1 population rate (Hz) peak after the stimulus and pre-stimulus baseline. */
export interface Area2Response {
  peakHz: Float64Array
  baselineHz: Float64Array
}

function area2(
  spikes: ArrayLike<number>,
  nTrials: number,
  unitArea: Int32Array,
  data: FitData,
  cfg: FitConfig
): Area2Response {
  const { filter1 } = lossFilters(data.nBins, data.dt, cfg.loss.filterMs, cfg.loss.resample)
  const r = areaResponses(spikes, nTrials, data.nBins, unitArea, data.areas.length, data.dt, data.stimBin, filter1)
  const a = data.areas.indexOf('area2')
  const A = data.areas.length
  const pick = (x: Float64Array): Float64Array => Float64Array.from({ length: nTrials }, (_, k) => x[k * A + a])
  return { peakHz: pick(r.peakHz), baselineHz: pick(r.baselineHz) }
}

/** The mean over trials `rows` of K × T × U spikes: one T × U pseudo-trial. */
function meanTrial(spikes: ArrayLike<number>, rows: number[], block: number): Float64Array {
  const out = new Float64Array(block)
  for (const k of rows) for (let q = 0; q < block; q++) out[q] += spikes[k * block + q]
  for (let q = 0; q < block; q++) out[q] /= Math.max(1, rows.length)
  return out
}

/**
 * Area-2 response amplitude (Hz) of the trial-averaged population rate over `rows`: peak after the stimulus minus
 * the pre-stimulus baseline. Averaging first keeps single-trial noise out of the peak. NaN without rows.
 */
function averagedAmplitude(
  spikes: ArrayLike<number>,
  rows: number[],
  unitArea: Int32Array,
  data: FitData,
  cfg: FitConfig
): number {
  if (rows.length === 0) return NaN
  const r = area2(meanTrial(spikes, rows, data.nBins * unitArea.length), 1, unitArea, data, cfg)
  return r.peakHz[0] - r.baselineHz[0]
}

/** Recorded trials of one session: Hit fraction, trial-averaged area-2 amplitude on Hit and on Miss trials. */
export interface TrialMix {
  hitFraction: number
  hitAmplitudeHz: number
  missAmplitudeHz: number
  perTrial: Area2Response
}

/** The data's mix and area-2 responses in session `s` (all its trials, outcomes as recorded). */
export function dataMix(data: FitData, cfg: FitConfig, s = 0): TrialMix {
  const sess = data.sessions[s]
  const K = sess.outcome.length
  const hit = [...Array(K).keys()].filter((k) => sess.outcome[k] === OUTCOME.Hit)
  const miss = [...Array(K).keys()].filter((k) => sess.outcome[k] === OUTCOME.Miss)
  return {
    hitFraction: hit.length / K,
    hitAmplitudeHz: averagedAmplitude(sess.spikes, hit, sess.unitArea, data, cfg),
    missAmplitudeHz: averagedAmplitude(sess.spikes, miss, sess.unitArea, data, cfg),
    perTrial: area2(sess.spikes, K, sess.unitArea, data, cfg)
  }
}

/**
 * `nTrials` generated trials (the data's stimulus), typed Hit/Miss by the engine's template classifier (the
 * `trial_type_model` rule without jaw), and their area-2 response over the model neurons mapped to session `s`'s
 * units (the population the data response is measured on).
 */
export async function generatedMix(
  trainer: Trainer,
  data: FitData,
  cfg: FitConfig,
  nTrials: number,
  seed: number,
  s = 0
): Promise<TrialMix> {
  const stim = new Float32Array(nTrials).fill(data.sessions[s].stimulus[0])
  const sim = await trainer.simulate(stim, seed)
  const p = trainer.exportParams()
  const targets = prepareLossTargets(data, p.neuronMap, cfg.loss)
  const types = classifyByTemplate(targets, sim.spikes, null, stim)
  const hit = [...Array(nTrials).keys()].filter((b) => types[b] === OUTCOME.Hit)
  const miss = [...Array(nTrials).keys()].filter((b) => types[b] === OUTCOME.Miss)
  const unitArea = Int32Array.from(p.neuronMap.session, (ss, n) => (ss === s ? p.neuronArea[n] : -1))
  return {
    hitFraction: hit.length / nTrials,
    hitAmplitudeHz: averagedAmplitude(sim.spikes, hit, unitArea, data, cfg),
    missAmplitudeHz: averagedAmplitude(sim.spikes, miss, unitArea, data, cfg),
    perTrial: area2(sim.spikes, nTrials, unitArea, data, cfg)
  }
}

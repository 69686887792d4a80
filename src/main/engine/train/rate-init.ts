// Resting potentials from the recorded firing rates (model.initRatesFromData): a few short simulations, each
// followed by a per-neuron shift of v_rest in logit space towards the target rate, before the first step.
import type { FitConfig } from '@shared/domain/model-config'
import type { Layout } from '../model/layout'
import type { Dynamics, ParamSet } from '../model/params'
import type { BatchRunner } from '../model/shard'
import { PURPOSE, Rng } from '../rng'
import type { FitData, NeuronMap } from '../types'
import { drawStimuli } from './batcher'

/** Simulations of the calibration and their size: a small fraction of one training step. */
const ITERATIONS = 6
const MAX_TRIALS = 48
/** Rates are clamped to [FLOOR, 0.5] spikes per bin before the logit (silent neurons would give −∞). */
const FLOOR = 1e-4
/** Fraction of the estimated correction applied per iteration (the recurrent input also moves with the rates). */
const DAMPING = 0.8

/**
 * Target rate (spikes per bin, over the training trials' whole window) per model neuron: its recorded unit's,
 * or, for a hidden neuron, the mean of the recorded neurons of its area and type; NaN when there is none.
 */
export function targetRates(data: FitData, map: NeuronMap, layout: Layout): Float64Array {
  const n = layout.n
  const out = new Float64Array(n).fill(NaN)
  const T = data.nBins
  for (let i = 0; i < n; i++) {
    const s = map.session[i]
    if (s < 0) continue
    const sess = data.sessions[s]
    const U = sess.unitArea.length
    const u = map.unit[i]
    let spikes = 0
    let trials = 0
    for (let k = 0; k < sess.outcome.length; k++) {
      if (sess.heldOut[k] === 1) continue
      trials++
      for (let t = 0; t < T; t++) spikes += sess.spikes[(k * T + t) * U + u]
    }
    if (trials > 0) out[i] = spikes / (trials * T)
  }
  // hidden neurons: mean of their (area, type) group
  const groups = new Map<number, { sum: number; count: number }>()
  const key = (i: number): number => layout.neuronArea[i] * 2 + layout.neuronInhibitory[i]
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(out[i])) continue
    const g = groups.get(key(i)) ?? { sum: 0, count: 0 }
    g.sum += out[i]
    g.count++
    groups.set(key(i), g)
  }
  // then their area's mean (a type with no recorded unit there), then the mean of all recorded neurons
  const areaMean = (a: number): number => {
    const e = groups.get(a * 2)
    const h = groups.get(a * 2 + 1)
    const count = (e?.count ?? 0) + (h?.count ?? 0)
    return count ? ((e?.sum ?? 0) + (h?.sum ?? 0)) / count : NaN
  }
  let sum = 0
  let count = 0
  for (const g of groups.values()) {
    sum += g.sum
    count += g.count
  }
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(out[i])) continue
    const g = groups.get(key(i))
    out[i] = g ? g.sum / g.count : areaMean(layout.neuronArea[i])
    if (!Number.isFinite(out[i]) && count > 0) out[i] = sum / count
  }
  return out
}

/**
 * dV (of v_rest) per unit of logit of the mean spike probability, per neuron. The membrane fluctuates around its
 * mean with the stationary std of its noise, σ_v = noiseStd·scale·(thr − v_rest)/√(1 − α²), and the mean of a
 * sigmoid of slope k = temperature/(thr − vr0) over N(μ, σ_v²) is ≈ σ(k·μ / √(1 + π·k²·σ_v²/8)) (probit
 * approximation): the mean rate's logit moves with v_rest at that reduced slope.
 */
export function restGain(
  dyn: Pick<Dynamics, 'alpha' | 'thr' | 'vr0' | 'temperature' | 'noiseStd'>,
  params: Pick<ParamSet, 'v_rest' | 'noise_scale'>,
  i: number
): number {
  const k = dyn.temperature / (dyn.thr - dyn.vr0)
  const a = dyn.alpha[i]
  const sigma =
    (dyn.noiseStd * params.noise_scale[i] * Math.max(0, dyn.thr - params.v_rest[i])) /
    Math.sqrt(Math.max(1e-9, 1 - a * a))
  return Math.sqrt(1 + (Math.PI * k * k * sigma * sigma) / 8) / k
}

const logit = (p: number): number => {
  const q = Math.min(0.5, Math.max(FLOOR, p))
  return Math.log(q / (1 - q))
}

/**
 * Moves params.v_rest so that the simulated mean rates approach targetRates, with the sigmoid's slope as the gain
 * (restGain; damped, at most a third of the rest-to-threshold gap per iteration, inside the v_rest clamp). Deterministic in
 * (data, config). `spikes`/`jaw` are scratch batch arrays of at least MAX_TRIALS trials. Returns a one-line note.
 */
export async function calibrateRestingPotentials(o: {
  data: FitData
  cfg: FitConfig
  dyn: Dynamics
  layout: Layout
  map: NeuronMap
  params: ParamSet
  runner: BatchRunner
  trials: Int32Array[]
  spikes: Float32Array
  jaw: Float32Array
  maxTrials: number
}): Promise<string> {
  const { data, cfg, dyn, layout, params, runner } = o
  const n = layout.n
  const T = data.nBins
  // targets and simulated rates as the sigmoid's mean: spikes per bin / probScale (p = probScale·σ(·))
  const target = targetRates(data, o.map, layout).map((r) => r / dyn.probScale)
  const { threshold: thr, vRest: vr0 } = cfg.model
  const gap = thr - vr0
  const lo = 2 * vr0 - thr
  const B = Math.max(2, Math.min(MAX_TRIALS, o.maxTrials))
  const seed = cfg.optim.seed
  let before = NaN
  let after = NaN
  for (let it = 0; it <= ITERATIONS; it++) {
    const stimulus = drawStimuli(data, o.trials, B, new Rng(seed, PURPOSE.calibrate, 2 * it))
    const spikes = o.spikes.subarray(0, B * T * n)
    await runner.forward(
      { key: [seed, PURPOSE.calibrate, 2 * it + 1], stimulus },
      { spikes, jaw: o.jaw.subarray(0, B * T) }
    )
    const rate = new Float64Array(n)
    for (let q = 0; q < spikes.length; q += n) for (let i = 0; i < n; i++) rate[i] += spikes[q + i]
    let err = 0
    let counted = 0
    for (let i = 0; i < n; i++) {
      rate[i] /= B * T * dyn.probScale
      if (!Number.isFinite(target[i])) continue
      err += Math.abs(logit(rate[i]) - logit(target[i]))
      counted++
    }
    const meanErr = counted ? err / counted : 0
    if (it === 0) before = meanErr
    after = meanErr
    if (it === ITERATIONS) break
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(target[i])) continue
      const dv = DAMPING * restGain(dyn, params, i) * (logit(target[i]) - logit(rate[i]))
      const step = Math.max(-gap / 3, Math.min(gap / 3, dv))
      params.v_rest[i] = Math.min(thr, Math.max(lo, params.v_rest[i] + step))
    }
    await runner.setParams(params)
  }
  return `resting potentials set from the recorded rates (mean |logit error| ${before.toFixed(2)} → ${after.toFixed(2)})`
}

// `npm run bench:trial-structure`: what the held-out T'trial / ceiling ratio asks of a model. Batches of recorded
// training trials, recombined so that they keep chosen parts of the data's trial structure, are scored as if a
// model had generated them, by the fit's own evaluator (evaluateMetrics, the fit's split, batch and smoothing):
//   whole-trials   each generated trial is one recorded trial (all units and the jaw): the ceiling's construction
//   same-outcome   each unit (and the jaw) from its own recorded trial of the trial's drawn outcome: every PSTH and
//                  the Hit/Miss mix right, nothing else shared between units (onset jitter, shared variability)
//   independent    each unit (and the jaw) from its own recorded trial of the condition: every unit's PSTH right,
//                  no trial-to-trial co-variation at all (what a model that fits only the PSTH loss can reach)
//   hits-only      whole recorded Hit trials only: right trials, wrong trial-type mix
//   readout-jaw    whole recorded trials, the jaw replaced by the least-squares readout of the trial's recorded
//                  motor-area excitatory units (jaw-readout.ts): a model that reproduces its units, with a jaw that is
//                  a readout of them, as a model's jaw is (sessions that recorded no such unit keep the trial's jaw)
//   independent-readout-jaw   units as in independent, the jaw read out from them the same way
// Prints one JSON line per surrogate and repeat, then "trial-structure-summary" (mean and spread over repeats);
// `ratio_motor` is the ratio over the sessions that recorded motor-area excitatory units only. `--lick-units F`
// generates the data with that fraction of lick-carrying area-2 units (make-example's option).
import { parseArgs } from 'node:util'
import { resolveFitConfig } from '@shared/domain/model-config'
import { generateExample } from '../io/example/generate'
import { prepareLossTargets } from '../engine/losses/index'
import { evaluateMetrics } from '../engine/metrics/index'
import { identityNeuronMap } from '../engine/metrics/ceiling-ladder'
import { heldOutTrials } from '../engine/train/batcher'
import type { EngineSession, FitData } from '../engine/types'
import { prepareFitData } from '../services/runs/fit-data'
import { fitJawReadout, type JawReadout } from './jaw-readout'

const SURROGATES = [
  'whole-trials',
  'same-outcome',
  'independent',
  'hits-only',
  'mean-jaw',
  'no-jaw',
  'rates-0.8',
  'readout-jaw',
  'independent-readout-jaw'
] as const
type Surrogate = (typeof SURROGATES)[number]
const HIT = 0 // OUTCOME code of Hit (shared/domain/conditions.ts order)

const r3 = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null)
const line = (o: Record<string, unknown>): void => void process.stdout.write(JSON.stringify(o) + '\n')

/** Small deterministic generator (mulberry32) for the recombination draws. */
function rng(seed: number): (n: number) => number {
  let a = seed >>> 0
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n)
  }
}

/**
 * B "generated" trials of one session built from its training trials: spikes B × T × U, jaw B × T, the stimulus
 * of each. Every generated trial draws its condition (and outcome) from a random training trial, then its units
 * and jaw from trials chosen as the surrogate says.
 */
function recombine(
  s: EngineSession,
  T: number,
  B: number,
  kind: Surrogate,
  draw: (n: number) => number,
  readout: JawReadout | null
): { spikes: Uint8Array; jaw: Float32Array | null; stimulus: Float32Array } {
  const U = s.unitArea.length
  let train = Array.from({ length: s.outcome.length }, (_, k) => k).filter((k) => s.heldOut[k] === 0)
  if (kind === 'hits-only') train = train.filter((k) => s.outcome[k] === HIT)
  const spikes = new Uint8Array(B * T * U)
  const jaw = s.jaw ? new Float32Array(B * T) : null
  const stimulus = new Float32Array(B)
  for (let b = 0; b < B; b++) {
    const lead = train[draw(train.length)]!
    stimulus[b] = s.stimulus[lead]!
    const same =
      kind === 'same-outcome'
        ? train.filter((k) => s.stimulus[k] === s.stimulus[lead] && s.outcome[k] === s.outcome[lead])
        : train.filter((k) => s.stimulus[k] === s.stimulus[lead])
    const whole = kind === 'whole-trials' || kind === 'hits-only' || kind === 'readout-jaw'
    const pick = (): number => (whole ? lead : same[draw(same.length)]!)
    for (let u = 0; u < U; u++) {
      const k = pick()
      for (let t = 0; t < T; t++) spikes[(b * T + t) * U + u] = s.spikes[(k * T + t) * U + u]!
      if (kind === 'rates-0.8') for (let t = 0; t < T; t++) if (draw(5) === 0) spikes[(b * T + t) * U + u] = 0
    }
    if (jaw && readout && (kind === 'readout-jaw' || kind === 'independent-readout-jaw')) {
      jaw.set(readout.apply(spikes, b), b * T)
    } else if (jaw && s.jaw && kind === 'mean-jaw') {
      for (const k of same) for (let t = 0; t < T; t++) jaw[b * T + t] += s.jaw[k * T + t]! / same.length
    } else if (jaw && s.jaw && kind === 'no-jaw') {
      jaw.fill(0, b * T, (b + 1) * T)
    } else if (jaw && s.jaw) {
      const k = pick()
      jaw.set(s.jaw.subarray(k * T, (k + 1) * T), b * T)
    }
  }
  return { spikes, jaw, stimulus }
}

/**
 * T'trial and its ceiling over all sessions (pooled over matched pairs, as the fit's evaluation pools them), and the
 * same of the neural-only T'trial (the features without the jaw block, from the same evaluation); `tMotor` and
 * `ceilingMotor` pool only the sessions with a jaw readout.
 */
function score(
  data: FitData,
  B: number,
  kind: Surrogate,
  seed: number,
  loss: { matchJaw: boolean; filterMs: number },
  readouts: (JawReadout | null)[]
): { t: number; ceiling: number; neural: number; neuralCeiling: number; tMotor: number; ceilingMotor: number } {
  const cfg = resolveFitConfig({ loss })
  let [sumT, sumC, sumN, sumNC, pairs] = [0, 0, 0, 0, 0]
  let [sumTM, sumCM, pairsM] = [0, 0, 0]
  data.sessions.forEach((s, si) => {
    // One session at a time: a generated trial here is one recorded trial, whose jaw belongs to its own session.
    const one: FitData = { ...data, sessions: [s] }
    const targets = prepareLossTargets(one, identityNeuronMap(one), cfg.loss)
    const g = recombine(s, data.nBins, B, kind, rng(seed * 7919 + si), readouts[si] ?? null)
    const m = evaluateMetrics(targets, {
      modelSpikes: g.spikes,
      modelJaw: g.jaw,
      modelStimulus: g.stimulus,
      heldOut: heldOutTrials(one),
      seed
    })
    if (!(m.t_trial_pairs > 0)) return
    sumT += m.t_trial_pearson * m.t_trial_pairs
    sumC += m.t_trial_pearson_ceiling * m.t_trial_pairs
    sumN += m.t_trial_neural_pearson * m.t_trial_pairs
    sumNC += m.t_trial_neural_pearson_ceiling * m.t_trial_pairs
    pairs += m.t_trial_pairs
    if (!readouts[si]) return
    sumTM += m.t_trial_pearson * m.t_trial_pairs
    sumCM += m.t_trial_pearson_ceiling * m.t_trial_pairs
    pairsM += m.t_trial_pairs
  })
  return {
    t: sumT / pairs,
    ceiling: sumC / pairs,
    neural: sumN / pairs,
    neuralCeiling: sumNC / pairs,
    tMotor: sumTM / pairsM,
    ceilingMotor: sumCM / pairsM
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      sessions: { type: 'string' },
      units: { type: 'string' },
      trials: { type: 'string' },
      'batch-size': { type: 'string', default: '64' },
      /** loss.filterMs and model.dtMs of the fit to score (default: 12 ms and the data's bin width). */
      smoothing: { type: 'string', default: '12' },
      dt: { type: 'string' },
      repeats: { type: 'string', default: '5' },
      'lick-units': { type: 'string', default: '0' }
    }
  })
  const opt = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v))
  const ex = generateExample({
    seed: Number(values.seed),
    ...(opt(values.sessions) ? { sessions: opt(values.sessions) } : {}),
    ...(opt(values.units) ? { unitsPerSession: opt(values.units) } : {}),
    ...(opt(values.trials) ? { trialsPerSession: opt(values.trials) } : {}),
    lickUnitFraction: Number(values['lick-units'])
  })
  const cfg = resolveFitConfig({})
  const dtMs = opt(values.dt)
  const filterMs = Number(values.smoothing)
  const { data } = prepareFitData(ex.sessions, cfg.optim.heldOutFraction, null, 'generated', dtMs)
  // The model's default motor area (model.motorAreas empty = the last area) and jaw filter.
  const readouts = data.sessions.map((s) =>
    fitJawReadout(s, data.nBins, data.dt, data.stimBin, data.areas.length - 1, cfg.model.tauJawMs / 1000)
  )
  const B = Number(values['batch-size'])
  const repeats = Number(values.repeats)
  const summary: Record<string, unknown> = {}
  // features: 'jaw' = the fit's (per-area means + the jaw where recorded), 'neural' = per-area means only
  for (const features of ['jaw', 'neural'] as const) {
    for (const kind of SURROGATES) {
      // Without the jaw in the features these surrogates are 'independent' or 'whole-trials'.
      if (features === 'neural' && !['whole-trials', 'same-outcome', 'independent', 'hits-only'].includes(kind))
        continue
      const ratios: number[] = []
      const neuralRatios: number[] = []
      const motorRatios: number[] = []
      for (let r = 0; r < repeats; r++) {
        const loss = { matchJaw: features === 'jaw', filterMs }
        const { t, ceiling, neural, neuralCeiling, tMotor, ceilingMotor } = score(data, B, kind, r + 1, loss, readouts)
        ratios.push(t / ceiling)
        neuralRatios.push(neural / neuralCeiling)
        motorRatios.push(tMotor / ceilingMotor)
        const ratio = r3(t / ceiling)
        line({
          name: 'trial-structure',
          features,
          surrogate: kind,
          repeat: r,
          t_trial: r3(t),
          ceiling: r3(ceiling),
          ratio,
          // the same evaluation's neural-only T'trial / its ceiling (= ratio where the features have no jaw)
          neural_ratio: r3(neural / neuralCeiling),
          ratio_motor: r3(tMotor / ceilingMotor)
        })
      }
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length
      summary[`${features}:${kind}`] = {
        ratio_mean: r3(mean(ratios)),
        neural_ratio_mean: r3(mean(neuralRatios)),
        min: r3(Math.min(...ratios)),
        max: r3(Math.max(...ratios)),
        ratio_motor_mean: r3(mean(motorRatios))
      }
    }
  }
  line({
    name: 'trial-structure-summary',
    dataset: {
      seed: Number(values.seed),
      sessions: data.sessions.length,
      units: ex.sessions[0]?.units.length,
      lick_units: Number(values['lick-units'])
    },
    // the readout's training-trial fit: sessions with one, and the recorded units it reads in each
    readout_units: readouts.map((r) => r?.units.length ?? 0),
    batch_size: B,
    smoothing_ms: filterMs,
    dt_ms: data.dt * 1000,
    repeats,
    ...summary
  })
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:trial-structure failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

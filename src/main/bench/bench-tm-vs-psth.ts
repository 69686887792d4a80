// `node out/main/bench-tm-vs-psth.js`: fits the two-area example (area 2 responds on Hit trials only) twice with
// the same seed and steps, hard trial matching vs the PSTH loss alone, within a wall-clock budget, and compares the
// generated trials' trial-type mix and area-2 response bimodality with the data's. Last line: JSON "tm-vs-psth".
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { fitConfigSchema, type FitConfig } from '@shared/domain/model-config'
import { createPoolRunner, createTrainer, OUTCOME, type FitData, type Trainer } from '../engine'
import { lossFilters, prepareLossTargets } from '../engine/losses/index'
import { areaResponses, classifyByTemplate } from '../engine/metrics/index'
import { generateExample } from '../io/example/generate'
import { prepareFitData } from '../services/runs/fit-data'

/** What is measured on a set of trials (recorded or generated) of session 0, area 2. */
interface Summary {
  /** Fraction typed Hit (data: recorded outcome; model: the engine's template classifier). */
  hitFraction: number
  /** Fraction whose area-2 peak exceeds the data's Hit/Miss midpoint (the paper's Figure 2 rule). */
  respondingFraction: number
  /** Trial-averaged area-2 amplitude (peak − baseline, Hz) of the trials typed Hit and typed Miss. */
  hitAmplitudeHz: number
  missAmplitudeHz: number
  /** Bimodality coefficient of the per-trial area-2 peak ((skew² + 1)/kurtosis; > 0.555 suggests two modes). */
  bimodality: number
  peakHz: Float64Array
}

const r3 = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null)
function mean(a: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]
  return a.length > 0 ? s / a.length : NaN
}

/** Sample bimodality coefficient (SAS definition) of `x`; NaN for fewer than 4 values. */
export function bimodalityCoefficient(x: ArrayLike<number>): number {
  const n = x.length
  if (n < 4) return NaN
  const m = mean(x)
  let m2 = 0
  let m3 = 0
  let m4 = 0
  for (let i = 0; i < n; i++) {
    const d = x[i] - m
    m2 += d * d
    m3 += d * d * d
    m4 += d * d * d * d
  }
  m2 /= n
  m3 /= n
  m4 /= n
  if (m2 <= 0) return NaN
  const g = ((m3 / m2 ** 1.5) * Math.sqrt(n * (n - 1))) / (n - 2)
  const k = ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6)
  return (g * g + 1) / (k + (3 * (n - 1) ** 2) / ((n - 2) * (n - 3)))
}

interface Area2 {
  peak: Float64Array
  base: Float64Array
}

/** Per-trial filter1 population rate of area 2 over the units with unitArea = area-2 index: peak and baseline, Hz. */
function area2(spikes: ArrayLike<number>, nTrials: number, unitArea: Int32Array, data: FitData, cfg: FitConfig): Area2 {
  const { filter1 } = lossFilters(data.nBins, data.dt, cfg.loss.filterMs, cfg.loss.resample)
  const A = data.areas.length
  const a = data.areas.indexOf('area2')
  const r = areaResponses(spikes, nTrials, data.nBins, unitArea, A, data.dt, data.stimBin, filter1)
  const pick = (v: Float64Array): Float64Array => Float64Array.from({ length: nTrials }, (_, k) => v[k * A + a])
  return { peak: pick(r.peakHz), base: pick(r.baselineHz) }
}

/** Amplitude of the trial-averaged area-2 response over trials `rows` (averaging first keeps noise out of the peak). */
function averagedAmplitude(
  spikes: ArrayLike<number>,
  rows: number[],
  unitArea: Int32Array,
  data: FitData,
  cfg: FitConfig
): number {
  if (rows.length === 0) return NaN
  const block = data.nBins * unitArea.length
  const avg = new Float64Array(block)
  for (const k of rows) for (let q = 0; q < block; q++) avg[q] += spikes[k * block + q] / rows.length
  const r = area2(avg, 1, unitArea, data, cfg)
  return r.peak[0] - r.base[0]
}

function summarise(
  spikes: ArrayLike<number>,
  types: ArrayLike<number>,
  unitArea: Int32Array,
  thresholdHz: number,
  data: FitData,
  cfg: FitConfig
): Summary {
  const K = types.length
  const rows = (code: number): number[] => [...Array(K).keys()].filter((k) => types[k] === code)
  const hit = rows(OUTCOME.Hit)
  const per = area2(spikes, K, unitArea, data, cfg)
  return {
    hitFraction: hit.length / K,
    respondingFraction: per.peak.filter((p) => p > thresholdHz).length / K,
    hitAmplitudeHz: averagedAmplitude(spikes, hit, unitArea, data, cfg),
    missAmplitudeHz: averagedAmplitude(spikes, rows(OUTCOME.Miss), unitArea, data, cfg),
    bimodality: bimodalityCoefficient(per.peak),
    peakHz: per.peak
  }
}

/** Text histogram of per-trial area-2 peaks, 5 Hz bins from 0 to 100 Hz (last bin open). */
function histogram(peaks: Float64Array): string {
  const bins = new Array<number>(20).fill(0)
  for (const p of peaks) bins[Math.min(19, Math.max(0, Math.floor(p / 5)))]++
  const top = Math.max(...bins, 1)
  return bins.map((c) => ' ▁▂▃▄▅▆▇█'[Math.round((8 * c) / top)]).join('')
}

interface FitOutcome {
  steps: number
  seconds: number
  psth: [number, number]
  trial: [number, number]
  summary: Summary
}

async function fit(
  data: FitData,
  cfg: FitConfig,
  threads: number,
  stop: (step: number, elapsedS: number) => boolean,
  thresholdHz: number,
  nSim: number
): Promise<FitOutcome> {
  const trainer: Trainer = await createTrainer(
    data,
    cfg,
    undefined,
    threads > 1 ? { createRunner: (o) => createPoolRunner({ ...o, backend: 'wasm', threads }) } : {}
  )
  const psth: number[] = []
  const trial: number[] = []
  const t0 = performance.now()
  let lastLog = t0
  while (!stop(trainer.step, (performance.now() - t0) / 1000)) {
    const r = await trainer.runStep()
    psth.push(r.losses.psth)
    trial.push(r.losses.trial)
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now()
      process.stderr.write(
        `  step ${trainer.step}: psth ${r.losses.psth.toFixed(2)} trial ${r.losses.trial.toFixed(2)}\n`
      )
    }
  }
  const seconds = (performance.now() - t0) / 1000
  const stim = new Float32Array(nSim).fill(data.sessions[0].stimulus[0])
  const sim = await trainer.simulate(stim, 12345)
  const p = trainer.exportParams()
  const types = classifyByTemplate(prepareLossTargets(data, p.neuronMap, cfg.loss), sim.spikes, null, stim)
  const unitArea = Int32Array.from(p.neuronMap.session, (s, n) => (s === 0 ? p.neuronArea[n] : -1))
  await trainer.dispose()
  const n = Math.max(1, Math.min(10, Math.floor(psth.length / 4)))
  const ends = (a: number[]): [number, number] => [mean(a.slice(0, n)), mean(a.slice(-n))]
  return {
    steps: psth.length,
    seconds,
    psth: ends(psth),
    trial: ends(trial),
    summary: summarise(sim.spikes, types, unitArea, thresholdHz, data, cfg)
  }
}

function report(name: string, s: Summary, dataHit: number): string {
  return (
    `${name.padEnd(10)} Hit ${s.hitFraction.toFixed(2)} (|Δ| ${Math.abs(s.hitFraction - dataHit).toFixed(2)})  responding ${s.respondingFraction.toFixed(2)}  ` +
    `amplitude Hit ${s.hitAmplitudeHz.toFixed(1)} Hz / Miss ${s.missAmplitudeHz.toFixed(1)} Hz  bimodality ${s.bimodality.toFixed(3)}  0-100 Hz |${histogram(s.peakHz)}|\n`
  )
}

const summaryJson = (s: Summary, dataHit: number): Record<string, number | null> => ({
  hit_fraction: r3(s.hitFraction),
  hit_fraction_error: r3(Math.abs(s.hitFraction - dataHit)),
  responding_fraction: r3(s.respondingFraction),
  hit_amplitude_hz: r3(s.hitAmplitudeHz),
  miss_amplitude_hz: r3(s.missAmplitudeHz),
  bimodality: r3(s.bimodality)
})

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '6' },
      seed: { type: 'string', default: '1' },
      'data-seed': { type: 'string', default: '1' },
      neurons: { type: 'string', default: '80' },
      units: { type: 'string', default: '120' },
      trials: { type: 'string', default: '200' },
      batch: { type: 'string', default: '128' },
      lr: { type: 'string', default: '0.01' },
      threads: { type: 'string', default: '1' },
      simulate: { type: 'string', default: '500' }
    }
  })
  const num = (k: keyof typeof values): number => {
    const v = Number(values[k])
    if (!Number.isFinite(v) || v <= 0) throw new Error(`--${k}: "${String(values[k])}" is not a positive number`)
    return v
  }
  const budgetS = num('minutes') * 60
  const threads = values.threads === '0' ? availableParallelism() : num('threads')
  const ex = generateExample({
    seed: num('data-seed'),
    sessions: 1,
    unitsPerSession: num('units'),
    trialsPerSession: num('trials'),
    binning: { dt: 0.002, start: -0.05, stop: 0.2 }
  })
  const { data } = prepareFitData(ex.sessions, 0.2)
  // The comparison is about area 2's spikes: no jaw, so the trial types come from the neural templates alone.
  for (const s of data.sessions) s.jaw = null
  const config = (trialCoeff: number): FitConfig =>
    fitConfigSchema.parse({
      model: { neuronsPerArea: num('neurons'), nInputs: 100, warmupMs: 50 },
      loss: { trialMatching: 'hard', trialCoeff: trialCoeff },
      optim: { batchSize: num('batch'), lr: num('lr'), seed: num('seed') },
      engine: { backend: 'auto', threads }
    })
  const tmCfg = config(fitConfigSchema.parse({}).loss.trialCoeff)
  const psthCfg = config(0)
  const sess = data.sessions[0]
  const rows = (code: number): number[] =>
    [...Array(sess.outcome.length).keys()].filter((k) => sess.outcome[k] === code)
  const dataPer = area2(sess.spikes, sess.outcome.length, sess.unitArea, data, tmCfg)
  const threshold =
    (mean(rows(OUTCOME.Hit).map((k) => dataPer.peak[k])) + mean(rows(OUTCOME.Miss).map((k) => dataPer.peak[k]))) / 2
  const dataSum = summarise(sess.spikes, sess.outcome, sess.unitArea, threshold, data, tmCfg)
  const nSim = num('simulate')
  process.stderr.write(`trial matching (hard) for up to ${(budgetS / 2).toFixed(0)} s …\n`)
  const tm = await fit(data, tmCfg, threads, (_, s) => s >= budgetS / 2, threshold, nSim)
  process.stderr.write(`PSTH loss only for the same ${tm.steps} steps …\n`)
  const ps = await fit(data, psthCfg, threads, (step) => step >= tm.steps, threshold, nSim)
  process.stdout.write(
    `${tm.steps} steps each (trial matching ${tm.seconds.toFixed(0)} s, PSTH only ${ps.seconds.toFixed(0)} s), ` +
      `${sess.unitArea.length} units, ${sess.outcome.length} trials, area-2 threshold ${threshold.toFixed(1)} Hz\n` +
      report('data', dataSum, dataSum.hitFraction) +
      report('trial-m.', tm.summary, dataSum.hitFraction) +
      report('PSTH only', ps.summary, dataSum.hitFraction) +
      `losses: trial matching psth ${tm.psth[0].toFixed(2)} → ${tm.psth[1].toFixed(2)}, trial ${tm.trial[0].toFixed(2)} → ${tm.trial[1].toFixed(2)}; ` +
      `PSTH only psth ${ps.psth[0].toFixed(2)} → ${ps.psth[1].toFixed(2)}\n`
  )
  const line = {
    name: 'tm-vs-psth',
    minutes: num('minutes'),
    steps: tm.steps,
    seconds: { tm: r3(tm.seconds), psth_only: r3(ps.seconds) },
    threshold_hz: r3(threshold),
    data: summaryJson(dataSum, dataSum.hitFraction),
    tm: summaryJson(tm.summary, dataSum.hitFraction),
    psth_only: summaryJson(ps.summary, dataSum.hitFraction),
    tm_closer_mix:
      Math.abs(tm.summary.hitFraction - dataSum.hitFraction) < Math.abs(ps.summary.hitFraction - dataSum.hitFraction),
    losses: { tm_psth: tm.psth.map(r3), tm_trial: tm.trial.map(r3), psth_only_psth: ps.psth.map(r3) },
    config: {
      neuronsPerArea: num('neurons'),
      units: sess.unitArea.length,
      trials: sess.outcome.length,
      batchSize: num('batch'),
      lr: num('lr'),
      seed: num('seed'),
      dataSeed: num('data-seed'),
      threads
    }
  }
  process.stdout.write(`${JSON.stringify(line)}\n`)
}

main().catch((err: unknown) => {
  process.stderr.write(`bench-tm-vs-psth failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
})

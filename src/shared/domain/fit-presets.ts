// Fit presets (Quick look, Standard, Thorough) and the settings a preset takes from the dataset's size: batch,
// evaluation cadence, learning-rate schedule and time budget, each choice with a one-line reason, and the expected
// duration shown before the fit starts. Pure: the Fit settings view and `rsnn fit --preset` call the same code.
import { fitConfigSchema, type FitConfig } from './model-config'
import { EVAL_COST_IN_STEPS, fitSeconds, stepSeconds, stepSecondsText, stepsWithin } from './step-time'

export { EVAL_COST_IN_STEPS, estimateStepSeconds } from './step-time'

export const presetIds = ['quick', 'standard', 'thorough'] as const
export type PresetId = (typeof presetIds)[number]

/**
 * What a fit started with no settings gets (`rsnn fit DATASET` without --preset or --config, and the Fit settings
 * view before a preset is picked): the settings Standard chooses from the dataset, not the reference's GPU defaults.
 */
export const DEFAULT_PRESET: PresetId = 'standard'

/** What a preset needs to know about the dataset (datasets.show gives it). */
export interface DatasetShape {
  /** Recorded units over all sessions: one model neuron each (plus hidden ones up to neuronsPerArea). */
  nUnits: number
  /** Trials of the largest session, before the held-out split. */
  maxSessionTrials: number
  /** Time bins per trial at the model's time step. */
  nBins: number
  /** Recorded units per area, sessions together (absent: areas unknown, two assumed). */
  areaUnits?: number[]
  /** Of those, the inhibitory ones, in the same order (absent: types unknown, all counted as excitatory). */
  areaInhibitory?: number[]
  /** Some session recorded a jaw trace (the model's behaviour readout has a target). */
  hasJaw?: boolean
}

/**
 * Model neurons of the fit, as the engine's layout resolves them (engine/model/layout.ts): every area gets the setting's
 * neurons per area, raised until each area's excitatory and inhibitory shares hold its recorded units of that type
 * (without the types, every unit counts as excitatory, and a dataset with inhibitory units may come out larger).
 */
export function modelNeurons(
  shape: DatasetShape,
  model: Pick<FitConfig['model'], 'neuronsPerArea' | 'excFraction'>
): number {
  if (!shape.areaUnits?.length) return Math.max(shape.nUnits, 2 * model.neuronsPerArea)
  const inhibitory = shape.areaUnits.map((_, a) => shape.areaInhibitory?.[a] ?? 0)
  const excitatory = shape.areaUnits.map((n, a) => n - inhibitory[a]!)
  const mostE = Math.max(...excitatory)
  const mostI = Math.max(...inhibitory)
  let perArea = model.neuronsPerArea
  const nE = (n: number): number => Math.floor(model.excFraction * n + 1e-9)
  const fits = (n: number): boolean => nE(n) >= Math.max(1, mostE) && n - nE(n) >= Math.max(1, mostI)
  while (!fits(perArea)) perArea++
  return perArea * shape.areaUnits.length
}

export interface PresetInfo {
  id: PresetId
  label: string
  description: string
  /** Time budget, minutes (null = until the held-out T'trial stops improving, or the step target). */
  minutes: number | null
}

export const presets: Record<PresetId, PresetInfo> = {
  quick: {
    id: 'quick',
    label: 'Quick look (≈ 2 min)',
    description: 'Two minutes: the rates and the trial-averaged responses take shape; a first look, not a result.',
    minutes: 2
  },
  standard: {
    id: 'standard',
    label: 'Standard (≈ 10 min)',
    description: 'Ten minutes: a usable fit on a laptop.',
    minutes: 10
  },
  thorough: {
    id: 'thorough',
    label: 'Thorough (until it stops improving)',
    description: 'Runs until the held-out T′trial has not improved for 8 evaluations (or the step target).',
    minutes: null
  }
}

/** Evaluations may take at most this fraction of the fit. */
const EVAL_SHARE = 0.03
/**
 * Learning-rate warm-up of every preset: on the 10-session dataset (N = 1,042) full-rate Adam steps made the network
 * burst at step 2 or 3 (76–106 Hz against 6–8), and the fit lost the next tens of steps; over 20 warm-up steps it did
 * not (docs/fit-speed.md). Neutral on the small example network.
 */
const WARMUP_STEPS = 20
/**
 * Learning rate of every preset after its warm-up, twice the reference's 10⁻³: on the 10-session dataset the held-out
 * neural T'trial reached 80 and 90 % of its ceiling in ≈ 20 % fewer steps and CPU seconds, with no step rolled back
 * (docs/fit-speed.md); the divergence guard halves it if a step bursts all the same.
 */
const LEARNING_RATE = 2e-3
/**
 * Batch ramp of every preset: the first steps generate a fifth of the batch (at least 16 trials), growing to the full
 * batch over 80 steps, so they cost in proportion. On the 10-session dataset the held-out neural T'trial reached 80 and
 * 90 % of its ceiling in ≈ 15 % fewer CPU seconds than with the full batch from the start (docs/fit-speed.md).
 */
const BATCH_START_FRACTION = 0.2
/**
 * Generated trials per step at most: on the 10-session dataset (160 training trials per session) a batch of 80
 * progressed about as fast per step as one of 160 at half the cost per step, and reached 95 % of the held-out neural
 * T'trial ceiling sooner (docs/fit-speed.md). Hard trial matching pairs the batch with a fresh random subset of as
 * many recorded trials at every step, so every training trial still takes part.
 */
const BATCH_MAX = 80
const BATCH_START_MIN = 16
const BATCH_RAMP_STEPS = 80

/** Whether the batch grows over the first steps (the trainer's batchAt: only for 0 < batchStart < batchSize). */
const ramped = (o: FitConfig['optim']): boolean =>
  o.batchStart > 0 && o.batchStart < o.batchSize && o.batchRampSteps > 0

export interface AutoSettings {
  config: FitConfig
  minutes: number | null
  /** Expected wall time, minutes (Thorough: the step target's, an upper bound). */
  expectedMinutes: number
  /** Expected steps in the budget. */
  expectedSteps: number
  /** One line per automatic choice: what was chosen and why, and the settings (section.key) it sets. */
  choices: Choice[]
  /** The choices in one line, e.g. "Standard (≈ 10 min) for this dataset (N ≈ 1000, …): batch 80, …". */
  summary: string
}

export interface Choice {
  keys: string[]
  text: string
}

/**
 * The preset's settings for this dataset, over `base` (the defaults or the user's settings): batch = the largest
 * session's training trials (the reference's choice: every generated trial has a recorded partner) but at most 80
 * (cheaper steps, as fast to quality), evaluation cadence so that evaluations stay under 3 % of the fit, resting
 * potentials from the recorded rates, a learning-rate warm-up to twice the reference's rate and a batch that grows over
 * the first steps (all measured to help: docs/fit-speed.md; a decay did not), and the time budget with the steps
 * expected in it (the ramp's cheaper steps counted).
 */
export function autoSettings(
  id: PresetId,
  shape: DatasetShape,
  threads: number,
  base: FitConfig = fitConfigSchema.parse({})
): AutoSettings {
  const preset = presets[id]
  const config = structuredClone(base)
  const { optim, model } = config
  const choices: Choice[] = []
  const choose = (keys: string[], text: string): void => {
    choices.push({ keys, text })
  }
  if (id === 'quick') {
    // the smallest network that still gives every recorded unit its own neuron: a step costs N²
    model.neuronsPerArea = 2
    choose(['model.neuronsPerArea'], 'one model neuron per recorded unit, no hidden neurons (the smallest network)')
  }
  const n = modelNeurons(shape, model)
  const train = Math.max(2, Math.round(shape.maxSessionTrials * (1 - optim.heldOutFraction)))
  optim.batchSize = Math.min(BATCH_MAX, Math.max(16, train))
  choose(
    ['optim.batchSize'],
    train > BATCH_MAX
      ? `batch ${optim.batchSize} generated trials per step (the largest session has ${train} training trials; more per step cost in proportion and did not reach quality sooner)`
      : `batch ${optim.batchSize} generated trials per step (the largest session's ${train} training trials, at most ${BATCH_MAX})`
  )
  const rampStart = Math.max(BATCH_START_MIN, Math.round(BATCH_START_FRACTION * optim.batchSize))
  if (optim.batchStart === 0 && rampStart < optim.batchSize) {
    optim.batchStart = rampStart
    optim.batchRampSteps = BATCH_RAMP_STEPS
  }
  if (ramped(optim)) {
    choose(
      ['optim.batchStart', 'optim.batchRampSteps', 'optim.batchSize'],
      `the batch grows from ${optim.batchStart} to ${optim.batchSize} trials over the first ${optim.batchRampSteps} steps (early steps cost in proportion, and need no more)`
    )
  }
  optim.evalEvery = Math.max(5, Math.ceil(EVAL_COST_IN_STEPS / EVAL_SHARE))
  // the app's one estimate (shared/domain/step-time), evaluations and the batch ramp included, as runs.plan computes it
  const size = {
    neurons: n,
    batch: optim.batchSize,
    nBins: shape.nBins,
    threads,
    evalEvery: optim.evalEvery,
    batchStart: optim.batchStart,
    batchRampSteps: optim.batchRampSteps
  }
  const stepS = stepSeconds(size)
  optim.checkpointEvery = optim.evalEvery
  choose(
    ['optim.evalEvery', 'optim.checkpointEvery'],
    `held-out evaluation every ${optim.evalEvery} steps (each costs about ${EVAL_COST_IN_STEPS} of a step: under ${EVAL_SHARE * 100} % of the fit)`
  )
  model.initRatesFromData = true
  choose(['model.initRatesFromData'], 'resting potentials start at the recorded firing rates')
  if (shape.hasJaw) {
    model.initJawFromData = true
    choose(
      ['model.initJawFromData'],
      'the jaw readout starts as the recorded motor units’ least-squares map to the jaw'
    )
  }
  optim.lrWarmupSteps = Math.max(optim.lrWarmupSteps, WARMUP_STEPS)
  choose(
    ['optim.lrWarmupSteps'],
    `learning rate warmed up over the first ${optim.lrWarmupSteps} steps (at full rate the first steps of a large network make it burst)`
  )
  optim.lr = Math.max(optim.lr, LEARNING_RATE)
  choose(
    ['optim.lr'],
    `learning rate ${optim.lr} after the warm-up (faster to the same quality; the divergence guard halves it for a while if a step bursts)`
  )
  if (preset.minutes === null) {
    optim.earlyStopPatience = 8
    const expectedSteps = optim.steps
    choose(
      ['optim.earlyStopPatience'],
      `until the held-out T′trial has not improved for ${optim.earlyStopPatience} evaluations, at most ${optim.steps} steps`
    )
    const budget = `until the held-out T′trial stops improving (at most ${expectedSteps} steps)`
    return {
      config,
      minutes: null,
      expectedMinutes: fitSeconds(expectedSteps, size) / 60,
      expectedSteps,
      choices,
      summary: summaryLine(preset, shape, n, config, budget)
    }
  }
  const expectedSteps = Math.max(20, stepsWithin(preset.minutes * 60, size))
  const full = ramped(optim) ? ' (full batch)' : ''
  optim.earlyStopPatience = 0
  optim.steps = Math.max(optim.steps, expectedSteps * 4) // the time budget ends the fit; the step target must not
  choose(
    ['optim.earlyStopPatience', 'optim.steps'],
    `time budget ${preset.minutes} min ≈ ${expectedSteps} steps at ≈ ${stepSecondsText(stepS)}${full} (N = ${n}, ${shape.nBins} bins, ${threads} thread${threads === 1 ? '' : 's'})`
  )
  const budget = `${preset.minutes} min ≈ ${expectedSteps} steps at ≈ ${stepSecondsText(stepS)}${full}`
  const summary = summaryLine(preset, shape, n, config, budget)
  return { config, minutes: preset.minutes, expectedMinutes: preset.minutes, expectedSteps, choices, summary }
}

/** The automatic choices in one line (the CLI prints it, the Fit settings view shows it above the details). */
function summaryLine(preset: PresetInfo, shape: DatasetShape, n: number, config: FitConfig, budget: string): string {
  const { optim, model } = config
  const hidden = model.neuronsPerArea <= 2 ? ', no hidden neurons' : ''
  const ramp = ramped(optim) ? `batch from ${optim.batchStart} over the first ${optim.batchRampSteps} steps, ` : ''
  return (
    `${preset.label} for this dataset (N ≈ ${n} neurons${hidden}, ${shape.nBins} bins, ` +
    `${shape.maxSessionTrials} trials in the largest session): batch ${optim.batchSize}, ` +
    `evaluation every ${optim.evalEvery} steps, rates from the data, ${optim.lrWarmupSteps}-step warm-up to lr ${optim.lr}, ${ramp}${budget}`
  )
}

/** The shape a preset needs, from datasets.show's sessions (window in s, dt of the import or the model's, ms). */
export function datasetShape(
  sessions: {
    nUnits: number
    nTrials: number
    window: { start: number; stop: number; dt: number }
    unitsPerArea?: Record<string, number>
    inhibitoryPerArea?: Record<string, number>
    behaviour?: string[]
  }[],
  dtMs?: number
): DatasetShape {
  const first = sessions[0]
  const perArea = new Map<string, number>()
  const inhibitory = new Map<string, number>()
  for (const s of sessions) {
    for (const [area, n] of Object.entries(s.unitsPerArea ?? {})) perArea.set(area, (perArea.get(area) ?? 0) + n)
    for (const [area, n] of Object.entries(s.inhibitoryPerArea ?? {}))
      inhibitory.set(area, (inhibitory.get(area) ?? 0) + n)
  }
  const dt = dtMs !== undefined ? dtMs / 1000 : (first?.window.dt ?? 0.002)
  return {
    nUnits: sessions.reduce((a, s) => a + s.nUnits, 0),
    maxSessionTrials: sessions.reduce((a, s) => Math.max(a, s.nTrials), 0),
    nBins: first ? Math.max(1, Math.round((first.window.stop - first.window.start) / dt)) : 1,
    ...(perArea.size ? { areaUnits: [...perArea.values()] } : {}),
    ...(inhibitory.size ? { areaInhibitory: [...perArea.keys()].map((a) => inhibitory.get(a) ?? 0) } : {}),
    hasJaw: sessions.some((s) => s.behaviour?.includes('jaw') ?? false)
  }
}

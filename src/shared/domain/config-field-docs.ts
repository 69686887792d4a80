// Every fit setting in words: label, unit and one line of help, keyed like the config ("optim.steps"). The schema
// (model-config.ts) holds types, defaults and bounds; this file holds what a user reads. The UI's Advanced
// settings, the CLI's `help settings` and every settings error use it, so a field is named the same everywhere.

export interface ConfigFieldDoc {
  label: string
  /** Unit as shown after a value ('' = dimensionless or a count). */
  unit: string
  help: string
}

export const configSectionTitles = {
  model: 'Model',
  loss: 'Losses',
  optim: 'Optimiser and schedule',
  engine: 'Engine'
} as const

export const configFieldDocs: Record<string, ConfigFieldDoc> = {
  'model.neuronsPerArea': {
    label: 'Neurons per area',
    unit: 'neurons',
    help: 'Model neurons in each area, excitatory and inhibitory together; raised automatically so that every recorded unit has its own model neuron.'
  },
  'model.excFraction': {
    label: 'Excitatory fraction',
    unit: '',
    help: 'Share of each area’s neurons that are excitatory (the rest are inhibitory).'
  },
  'model.nInputs': {
    label: 'Thalamic input channels',
    unit: 'channels',
    help: 'Input spike trains into the network; the first half respond to the stimulus, the rest fire at the background rate.'
  },
  'model.tauExcMs': {
    label: 'Excitatory membrane time constant',
    unit: 'ms',
    help: 'How fast an excitatory neuron’s membrane potential decays back to rest.'
  },
  'model.tauInhMs': {
    label: 'Inhibitory membrane time constant',
    unit: 'ms',
    help: 'How fast an inhibitory neuron’s membrane potential decays back to rest.'
  },
  'model.threshold': {
    label: 'Spike threshold',
    unit: 'a.u.',
    help: 'Membrane potential at which a neuron fires (dimensionless model units).'
  },
  'model.vRest': {
    label: 'Resting potential',
    unit: 'a.u.',
    help: 'Membrane potential at rest and after a spike (dimensionless model units).'
  },
  'model.refractoryMs': {
    label: 'Refractory period',
    unit: 'ms',
    help: 'Time after a spike during which a neuron cannot fire again.'
  },
  'model.adaptiveFraction': {
    label: 'Adapting neuron fraction',
    unit: '',
    help: 'Share of neurons whose threshold rises after each spike (spike-frequency adaptation); 0 = none, the fastest.'
  },
  'model.adaptationBeta': {
    label: 'Adaptation strength',
    unit: '',
    help: 'How much the threshold of an adapting neuron rises per unit of recent firing.'
  },
  'model.tauAdaptationMs': {
    label: 'Adaptation time constant',
    unit: 'ms',
    help: 'How fast the raised threshold of an adapting neuron decays back.'
  },
  'model.dtMs': {
    label: 'Time step',
    unit: 'ms',
    help: 'Time step of the model and of the data it is fitted to (re-binned from the spike times). Left out: chosen from the data (the suggestion), else the bin width of the import.'
  },
  'model.delaysMs': {
    label: 'Synaptic delays',
    unit: 'ms',
    help: 'The two delays of recurrent connections (short, long); each is rounded to whole time bins, at least one.'
  },
  'model.noiseLevel': {
    label: 'Membrane noise',
    unit: 'a.u.',
    help: 'Standard deviation of the random input each neuron gets at every time bin; it makes trials differ.'
  },
  'model.trainNoiseScale': {
    label: 'Learn noise level',
    unit: '',
    help: 'Let training adjust the membrane noise of each area.'
  },
  'model.temperature': {
    label: 'Spike sharpness',
    unit: '',
    help: 'Steepness of the spike probability around the threshold; higher = closer to a hard threshold.'
  },
  'model.dampening': {
    label: 'Surrogate gradient dampening',
    unit: '',
    help: 'Scale of the smooth stand-in for the spike’s derivative used by training; lower = more stable, slower learning.'
  },
  'model.latentDim': {
    label: 'Trial-level latent dimension',
    unit: 'dimensions',
    help: 'Size of a random vector drawn once per trial and fed to every neuron through learned weights (a slow trial-to-trial state); 0 = off.'
  },
  'model.inputRateHz': {
    label: 'Background input rate',
    unit: 'Hz',
    help: 'Firing rate of the thalamic input channels without a stimulus.'
  },
  'model.stimGain': {
    label: 'Stimulus gain',
    unit: '',
    help: 'How much a stimulus multiplies the firing of the stimulus-driven input channels.'
  },
  'model.thalamicDelayMs': {
    label: 'Stimulus input delay',
    unit: 'ms',
    help: 'Time between the stimulus and the start of the input it drives.'
  },
  'model.stimDurationMs': {
    label: 'Stimulus input duration',
    unit: 'ms',
    help: 'How long the stimulus drives the input channels.'
  },
  'model.warmupMs': {
    label: 'Warm-up',
    unit: 'ms',
    help: 'Activity simulated before each trial’s window so it does not start from silence (not trained on).'
  },
  'model.motorAreas': {
    label: 'Jaw readout areas',
    unit: '',
    help: 'Areas whose excitatory neurons drive the model’s jaw trace, comma-separated; empty = the last area.'
  },
  'model.tauJawMs': {
    label: 'Jaw readout time constant',
    unit: 'ms',
    help: 'Smoothing of the model’s jaw trace (how slowly it follows its input).'
  },
  'model.restrictInterAreaInhibition': {
    label: 'Local inhibition only',
    unit: '',
    help: 'Inhibitory neurons connect only within their own area, as in cortex.'
  },
  'model.initRatesFromData': {
    label: 'Start at the recorded rates',
    unit: '',
    help: 'Before the first step, set each neuron’s resting potential so that its firing rate is near its recorded unit’s (a few short simulations).'
  },
  'model.initJawFromData': {
    label: 'Start with the recorded jaw readout',
    unit: '',
    help: 'Before the first step, set the jaw readout to the best linear map from the recorded motor-area units to the recorded jaw (least squares on the training trials).'
  },
  'loss.psthCoeff': {
    label: 'PSTH loss weight',
    unit: '',
    help: 'Weight of the trial-averaged rate (PSTH) loss in the total loss.'
  },
  'loss.trialCoeff': {
    label: 'Trial-matching loss weight',
    unit: '',
    help: 'Weight of the single-trial matching loss in the total loss.'
  },
  'loss.trialMatching': {
    label: 'Trial matching',
    unit: '',
    help: 'hard = exact one-to-one matching of trials; soft = smoothed (Sinkhorn) matching; none = PSTH loss only.'
  },
  'loss.sinkhornBlur': {
    label: 'Soft matching blur',
    unit: '',
    help: 'How smooth the soft matching is; larger = blurrier, faster (soft matching only).'
  },
  'loss.matchJaw': {
    label: 'Match the jaw trace',
    unit: '',
    help: 'Include the jaw trace in the trial features that are matched, when the data has one.'
  },
  'loss.filterMs': {
    label: 'Smoothing window',
    unit: 'ms',
    help: "Width of the box filter applied to spikes before rates are compared. Left out: chosen from the data's ceilings by smoothing (the suggestion)."
  },
  'loss.resample': {
    label: 'Trial feature downsampling',
    unit: '×',
    help: 'Factor by which smoothed rates are downsampled before trials are matched.'
  },
  'loss.l1Decay': {
    label: 'L1 weight shrinkage',
    unit: '',
    help: 'Pull of every weight toward zero at each step (sparser connectivity); 0 = off.'
  },
  'loss.weightDecay': {
    label: 'Weight decay',
    unit: '',
    help: 'Proportional shrinking of every weight at each step; 0 = off.'
  },
  'loss.rateRegCoeff': {
    label: 'Firing-rate penalty weight',
    unit: '',
    help: 'Penalty on model mean rates above or below the data’s; 0 = off.'
  },
  'optim.lr': {
    label: 'Learning rate',
    unit: '',
    help: 'Step size of the optimiser (Adam); too large makes training unstable.'
  },
  'optim.beta1': {
    label: 'Adam momentum (β1)',
    unit: '',
    help: 'How much of the previous gradient direction the optimiser keeps.'
  },
  'optim.beta2': {
    label: 'Adam variance memory (β2)',
    unit: '',
    help: 'How long the optimiser remembers gradient magnitudes.'
  },
  'optim.eps': { label: 'Adam epsilon', unit: '', help: 'Small number that keeps the optimiser’s step finite.' },
  'optim.batchSize': {
    label: 'Trials per step',
    unit: 'trials',
    help: 'Trials generated at every optimiser step (and at every evaluation); more = smoother, slower steps.'
  },
  'optim.steps': {
    label: 'Optimiser steps',
    unit: 'steps',
    help: 'How many training steps the fit runs (a time budget or early stopping may end it sooner).'
  },
  'optim.heldOutFraction': {
    label: 'Held-out fraction',
    unit: '',
    help: 'Share of each session’s trials kept out of training and used only to evaluate.'
  },
  'optim.evalEvery': { label: 'Evaluate every', unit: 'steps', help: 'Steps between evaluations on held-out trials.' },
  'optim.checkpointEvery': {
    label: 'Checkpoint every',
    unit: 'steps',
    help: 'Steps between saved checkpoints (what a resume continues from).'
  },
  'optim.earlyStopPatience': {
    label: 'Early-stop patience',
    unit: 'evaluations',
    help: 'Stop after this many evaluations without a higher held-out T′trial; 0 = never.'
  },
  'optim.lrWarmupSteps': {
    label: 'Learning-rate warm-up',
    unit: 'steps',
    help: 'Raise the learning rate from 10 % to its value over this many first steps; 0 = none.'
  },
  'optim.lrDecaySteps': {
    label: 'Learning-rate decay',
    unit: 'steps',
    help: 'After the warm-up, lower the learning rate along a cosine over this many steps to its final fraction; 0 = constant.'
  },
  'optim.lrFinalFraction': {
    label: 'Final learning-rate fraction',
    unit: '×',
    help: 'Learning rate at the end of the decay, as a fraction of the learning rate.'
  },
  'optim.batchStart': {
    label: 'Initial batch',
    unit: 'trials',
    help: 'Start with this many generated trials per step and grow to the batch size over the ramp; 0 = full batch from the start.'
  },
  'optim.batchRampSteps': {
    label: 'Batch ramp',
    unit: 'steps',
    help: 'Steps over which the batch grows from the initial batch to the batch size.'
  },
  'optim.trialStartStep': {
    label: 'Trial matching from step',
    unit: 'step',
    help: 'Fit the trial-averaged (PSTH) loss alone before this step, then phase the trial-matching term in; 0 = from the start.'
  },
  'optim.trialRampSteps': {
    label: 'Trial-matching ramp',
    unit: 'steps',
    help: 'Steps over which the trial-matching weight grows from 0 to its coefficient, from the start step on; 0 = at once.'
  },
  'optim.seed': {
    label: 'Random seed',
    unit: '',
    help: 'Seed of every random choice (initial weights, held-out split, noise); the same seed gives the same fit.'
  },
  'engine.backend': {
    label: 'Compute backend',
    unit: '',
    help: 'auto = the fastest available; wasm = WebAssembly SIMD; js = plain JavaScript; tfjs = TensorFlow.js.'
  },
  'engine.threads': {
    label: 'Worker threads',
    unit: 'threads',
    help: 'Threads that share each batch; 0 = one per CPU core. Results are the same for any number.'
  },
  'engine.surrogateCutoff': {
    label: 'Gradient skip threshold',
    unit: '',
    help: 'Skip gradient terms below this fraction of their peak (faster, tiny error); 0 = exact.'
  }
}

/** "tauExcMs" → "tau exc (ms)": the fallback for a field without a doc. */
export function keyToWords(key: string): string {
  const unit = /Ms$/.test(key) ? ' (ms)' : /Hz$/.test(key) ? ' (Hz)' : ''
  const base = key.replace(/(Ms|Hz)$/, '')
  return base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase() + unit
}

/** The doc of a field path ("optim.steps", or "config.optim.steps", or "model.delaysMs.1"). */
export function configFieldDoc(path: string): (ConfigFieldDoc & { path: string }) | undefined {
  const parts = path.replace(/^config\./, '').split('.')
  const key = `${parts[0] ?? ''}.${parts[1] ?? ''}`
  const doc = configFieldDocs[key]
  return doc ? { ...doc, path: key } : undefined
}

/** What a user calls a settings field: its label, else its key in words. */
export function configFieldLabel(path: string): string {
  const doc = configFieldDoc(path)
  if (doc) return doc.label
  const parts = path.replace(/^config\./, '').split('.')
  return keyToWords(parts[1] ?? parts[0] ?? path)
}

/** The parts of a zod issue that a settings message needs (structural, so no zod import here). */
export interface SettingsIssue {
  code: string
  path: PropertyKey[]
  message: string
  minimum?: unknown
  maximum?: unknown
  inclusive?: boolean
  expected?: unknown
  values?: unknown[]
}

function bound(v: unknown): string {
  return typeof v === 'number' || typeof v === 'bigint' ? Number(v).toLocaleString('en-US') : String(v)
}

/**
 * One line naming a settings field by its label, unit and bounds, e.g. `Optimiser steps must be at most
 * 10,000,000 steps (optim.steps)`; undefined when the issue's path is not a settings field. `path` may start with
 * "config" (the fits.start input) or directly with the section.
 */
export function describeSettingsIssue(issue: SettingsIssue): string | undefined {
  const path = issue.path.map(String)
  const inner = path[0] === 'config' ? path.slice(1) : path
  const doc = configFieldDoc(inner.join('.'))
  if (!doc) return undefined
  const unit = doc.unit && doc.unit !== '×' ? ` ${doc.unit}` : ''
  let what: string
  if (issue.code === 'too_big')
    what = `must be ${issue.inclusive === false ? 'below' : 'at most'} ${bound(issue.maximum)}${unit}`
  else if (issue.code === 'too_small')
    what = `must be ${issue.inclusive === false ? 'above' : 'at least'} ${bound(issue.minimum)}${unit}`
  else if (issue.code === 'invalid_type')
    what = `must be ${issue.expected === 'int' ? 'a whole number' : `a ${String(issue.expected)}`}`
  else if (issue.code === 'invalid_value' && issue.values)
    what = `must be one of ${issue.values.map(String).join(', ')}`
  else if (issue.code === 'not_multiple_of') what = 'must be a whole number'
  else what = issue.message.charAt(0).toLowerCase() + issue.message.slice(1)
  return `${doc.label} ${what} (${doc.path})`
}

// Public API of the metrics module (spec §5): held-out evaluation of generated trials against recorded ones.
import { lossReport } from '../losses/compute'
import { mulberry32 } from '../losses/subsample'
import type { LossTargets } from '../losses/types'
import type { MetricValues } from '../types'
import type { SpikeTally } from '../spike-tally'
import { fitLickClassifier, lickAccuracy, predictLicks } from './lick'
import { finiteMean } from './pearson'
import { sessionModelFeatures } from './model-features'
import { jawPearson, psthPearson, summarisePsth, type DataSideCache } from './psth-metrics'
import { tTrialPearson } from './t-trial'
import { tTrialNeural } from './t-trial-neural'
import { classifyByTemplate, dataOutcomes, typeFractions, typeFromLick } from './trial-types'

export { pearson, finiteMean } from './pearson'
export { matchedPearson, tTrialPearson, type TTrialResult } from './t-trial'
export { tTrialNeural } from './t-trial-neural'
export {
  psthPearson,
  summarisePsth,
  jawPearson,
  PSTH_MIN_RATE_HZ,
  type NeuronPsthR,
  type DataSideCache
} from './psth-metrics'
export { fitLickClassifier, predictLicks, lickAccuracy, isLick, type LickClassifier } from './lick'
export { classifyByTemplate, typeFractions, typeFromLick, dataOutcomes, TRIAL_TYPES } from './trial-types'
export { pca, type Pca } from './embedding'
export { areaResponses, type AreaResponse } from './response'

/** Generated trials to evaluate. B trials, T bins, N neurons. */
export interface EvalArgs {
  /** B × T × N spikes (0/1). */
  modelSpikes: Float32Array | Uint8Array
  /** B × T, or null when the model has no jaw readout. */
  modelJaw: Float32Array | null
  /** Stimulus condition per generated trial, length B. */
  modelStimulus: Float32Array
  /** Per session: the held-out trial indices. */
  heldOut: Int32Array[]
  /** Seed of the random equal-size subsets (default 0). */
  seed?: number
  /**
   * Kept by the caller between evaluations against the same data and held-out lists: the data-only parts (data
   * PSTHs, ceilings, the lick classifier) are then computed once per fit instead of at every evaluation.
   */
  cache?: DataSideCache
  /**
   * The loss on these held-out trials when the caller computed it already (lossReportOn: the same bits, on a pool);
   * used only when some session has held-out trials.
   */
  evalLoss?: number
  /** The forward's spike counts of modelSpikes over tallyLayout(targets): the trial features skip their pass. */
  tally?: SpikeTally
}

/** MetricValues plus the details behind them (pair and neuron counts, how trial types were assigned). */
export interface EvalMetrics extends MetricValues {
  t_trial_pairs: number
  psth_neurons: number
  /** 'lick' (jaw classifier) or 'template' (nearest data trial-type template). */
  trial_type_method: 'lick' | 'template'
}

/**
 * Held-out metrics: T'trial Pearson (true Pearson of Hungarian-matched trials within stimulus conditions, random
 * equal-size subsets) with its training-vs-held-out ceiling at the same sample sizes, and the same on the neural
 * features alone (no jaw block; its own random stream, so the other metrics keep their bits); PSTH Pearson per neuron
 * (mean, per area) with its ceiling; trial-type mix of generated vs recorded trials; jaw correlation; lick
 * accuracy of the jaw classifier on held-out trials; the loss on held-out trials (coefficients applied).
 * MetricValues that cannot be computed (no held-out trials, no behaviour) are NaN. Deterministic given `seed`.
 */
export function evaluateMetrics(targets: LossTargets, args: EvalArgs): EvalMetrics {
  const B = args.modelStimulus.length
  const T = targets.nBins
  if (args.modelSpikes.length !== B * T * targets.nNeurons) {
    const want = `${B}×${T}×${targets.nNeurons}`
    throw new Error(`evaluateMetrics: modelSpikes has ${args.modelSpikes.length} values, expected ${want}`)
  }
  if (args.modelJaw && args.modelJaw.length !== B * T) {
    throw new Error('evaluateMetrics: modelJaw is not B × T')
  }
  const heldOut = targets.sessions.map((_, s) => args.heldOut[s] ?? new Int32Array(0))
  const rnd = mulberry32(args.seed ?? 0)
  const X = sessionModelFeatures(targets, args.modelSpikes, args.modelJaw, B, args.tally)
  const cache = args.cache ?? new Map<string, unknown>()
  const tt = tTrialPearson(targets, args.modelSpikes, args.modelJaw, args.modelStimulus, heldOut, rnd, X, cache)
  const withJaw = args.modelJaw !== null
  const neural = tTrialNeural(targets, tt, X, withJaw, args.modelStimulus, heldOut, args.seed ?? 0, cache)
  const psthRows = psthPearson(targets, args.modelSpikes, args.modelStimulus, heldOut, cache)
  const psth = summarisePsth(psthRows, targets.areas)
  // the lick classifier reads filter2 ∘ filter1 of the jaw, as the trial features do
  const feature = targets.featureFilter
  const cached = <V>(key: string, make: () => V): V => {
    if (!cache.has(key)) cache.set(key, make())
    return cache.get(key) as V
  }
  const lick = args.modelJaw ? cached('lick', () => fitLickClassifier(targets.data, feature)) : null
  let modelTypes: Uint8Array
  if (lick && args.modelJaw) {
    const licks = predictLicks(lick, feature, args.modelJaw, B, T)
    modelTypes = Uint8Array.from(licks, (l, b) => typeFromLick(l, args.modelStimulus[b]))
  } else {
    modelTypes = classifyByTemplate(targets, args.modelSpikes, args.modelJaw, args.modelStimulus, X)
  }
  const anyHeld = heldOut.some((h) => h.length > 0)
  const evalLoss = anyHeld
    ? (args.evalLoss ??
      lossReport(targets, {
        spikes: args.modelSpikes,
        jaw: args.modelJaw,
        stimulus: args.modelStimulus,
        trials: heldOut,
        seed: args.seed ?? 0
      }).total)
    : NaN
  return {
    t_trial_pearson: finiteMean(tt.model),
    t_trial_pearson_ceiling: finiteMean(tt.ceiling),
    t_trial_pairs: tt.model.length,
    t_trial_neural_pearson: finiteMean(neural.model),
    t_trial_neural_pearson_ceiling: finiteMean(neural.ceiling),
    psth_pearson: psth.mean,
    psth_pearson_ceiling: psth.ceiling,
    psth_pearson_per_area: psth.perArea,
    psth_neurons: psthRows.length,
    trial_type_model: typeFractions(modelTypes),
    trial_type_data: { ...cached('trial-type-data', () => typeFractions(dataOutcomes(targets.data))) },
    trial_type_method: lick ? 'lick' : 'template',
    jaw_pearson: jawPearson(targets, args.modelJaw, args.modelStimulus, heldOut),
    lick_accuracy: lick ? cached('lick-accuracy', () => lickAccuracy(lick, feature, targets.data, heldOut)) : NaN,
    eval_loss: evalLoss
  }
}

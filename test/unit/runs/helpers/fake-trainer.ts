// A small deterministic Trainer for fit-workflow tests (never used by the product): its "parameter" w follows
// a seeded random walk, so a resumed trainer continues bit-identically iff its state was restored exactly.
import type { FitConfig } from '@shared/domain/model-config'
import type {
  FitData,
  MetricValues,
  ModelParams,
  Simulation,
  StepReport,
  Trainer,
  TrainerHooks
} from '../../../../src/main/engine'

export interface FakeOptions {
  /** Step (1-based) whose report says it diverged and rolled back. */
  divergeAt?: number
  /** Step at which runStep throws a non-abort error. */
  failAt?: number
  /** Real delay per step, ms (lets cancel/pause land mid-fit). */
  stepDelayMs?: number
  /** Eval loss as a function of the step (default: the parameter w, decreasing then flat). */
  evalLoss?: (step: number) => number
  /** Held-out T'trial as a function of the step (default: 0.5 − w/10, rising then flat). */
  tTrial?: (step: number) => number
  /** The trainer's automatic changes (Trainer.notes), as the engine reports e.g. neurons per area raised. */
  notes?: string[]
}

/** xorshift32 step: the fake's RNG, part of its saved state. */
function next(s: number): number {
  s ^= s << 13
  s ^= s >>> 17
  s ^= s << 5
  return s >>> 0
}

export function fakeCreateTrainer(opts: FakeOptions = {}) {
  return async (data: FitData, config: FitConfig, state?: Uint8Array): Promise<Trainer> => {
    let step = 0
    let w = 1
    let rng = ((config.optim.seed + 1) * 2654435761) >>> 0 || 1
    let lr = config.optim.lr
    if (state) {
      const v = new DataView(state.buffer, state.byteOffset, state.byteLength)
      step = v.getUint32(0, true)
      rng = v.getUint32(4, true)
      w = v.getFloat64(8, true)
      lr = v.getFloat64(16, true)
    }
    const nNeurons = 4
    const check = (hooks?: TrainerHooks): void => {
      if (hooks?.signal?.aborted) {
        const e = new Error('aborted')
        e.name = 'AbortError'
        throw e
      }
    }
    const t: Trainer = {
      get step() {
        return step
      },
      backend: { name: 'fake', threads: 1 },
      notes: opts.notes ?? [],
      async runStep(hooks) {
        check(hooks)
        if (opts.stepDelayMs) await new Promise((r) => setTimeout(r, opts.stepDelayMs))
        check(hooks)
        if (opts.failAt === step + 1) throw new Error('fake engine failure')
        rng = next(rng)
        const u = rng / 4294967296
        const report: StepReport = {
          step: step + 1,
          losses: { total: w * w, psth: w, trial: w * u, reg: 0 },
          stepMs: 1,
          spikeDensity: 0.01,
          meanRateHz: 5 + u
        }
        if (opts.divergeAt === step + 1) {
          lr /= 2
          report.rolledBack = { reason: 'NaN loss', newLr: lr }
        } else w = w * 0.9 + 0.1 * u
        step += 1
        return report
      },
      async evaluate(hooks) {
        check(hooks)
        const loss = opts.evalLoss ? opts.evalLoss(step) : w
        const m: MetricValues = {
          t_trial_pearson: opts.tTrial ? opts.tTrial(step) : 0.5 - w / 10,
          t_trial_pearson_ceiling: 0.6,
          t_trial_neural_pearson: 0.55 - w / 10,
          t_trial_neural_pearson_ceiling: 0.62,
          psth_pearson: 0.4,
          psth_pearson_ceiling: 0.5,
          psth_pearson_per_area: Object.fromEntries(data.areas.map((a) => [a, 0.4])),
          trial_type_model: { Hit: 0.7, Miss: 0.3, CR: 0, FA: 0 },
          trial_type_data: { Hit: 0.8, Miss: 0.2, CR: 0, FA: 0 },
          jaw_pearson: Number.NaN,
          lick_accuracy: Number.NaN,
          eval_loss: loss
        }
        return m
      },
      async simulate(stimulus: Float32Array): Promise<Simulation> {
        const spikes = new Uint8Array(stimulus.length * data.nBins * nNeurons)
        for (let i = 0; i < spikes.length; i += 7) spikes[i] = 1
        return {
          nTrials: stimulus.length,
          nBins: data.nBins,
          nNeurons,
          spikes,
          jaw: new Float32Array(stimulus.length * data.nBins),
          stimulus
        }
      },
      compileLight() {
        return { groups: [] }
      },
      // Fit-workflow tests never compare or export: the trained model's analyses are not part of this fake.
      classifyTrials() {
        throw new Error('the fake trainer does not classify trials')
      },
      matchTrialSet() {
        throw new Error('the fake trainer does not match trials')
      },
      saveState() {
        const b = new Uint8Array(24)
        const v = new DataView(b.buffer)
        v.setUint32(0, step, true)
        v.setUint32(4, rng, true)
        v.setFloat64(8, w, true)
        v.setFloat64(16, lr, true)
        return b
      },
      exportParams(): ModelParams {
        return {
          arrays: {
            w: { data: new Float32Array([w, lr]), shape: [2], unit: '1', description: 'fake parameter and lr' }
          },
          neuronArea: new Int32Array([0, 0, 1, 1]),
          neuronInhibitory: new Uint8Array([0, 1, 0, 1]),
          neuronMap: { session: new Int32Array([0, 0, 0, -1]), unit: new Int32Array([0, 1, 2, -1]) },
          areas: [...data.areas]
        }
      },
      async dispose() {}
    }
    return t
  }
}

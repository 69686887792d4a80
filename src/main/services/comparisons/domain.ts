// comparisons.* domain: the data behind the analysis views, computed in main from a run checkpoint and its
// dataset (generated trials simulated for the held-out conditions), cached per run + checkpoint + request.
import type {
  Behaviour,
  ComparedRun,
  ComparisonRequest,
  Connectivity,
  Variability,
  CheckpointRef
} from '@shared/domain/comparison'
import type { Metrics } from '@shared/domain/fit'
import { datasetConditions, type ConditionLabels } from '@shared/domain/conditions'
import { lickRateError, lickRates } from '@shared/domain/lick-rates'
import { conditionEventMedians } from '@shared/domain/trial-groups'
import { createTrainer, type MetricValues } from '../../engine'
import { buildComparison } from '../../analysis/compare'
import { connectivity } from '../../analysis/connectivity'
import { inputCurrents } from '../../analysis/input-currents'
import { stimulusMix } from '../../analysis/perturbation/conditions'
import { standardWindows } from '../../analysis/perturbation/windows'
import type { InputCurrents, InputCurrentsRequest } from '@shared/domain/input-currents'
import { generatedStimuli, heldOutRows, recordedSourceIndex, recordedTaskEvents } from '../../analysis/trial-rows'
import type { RunLoader, LoadedRun } from '../runs/run-loader'
import type { Domain, HandlersFor, ServiceContext } from '../domain'

/** Cached entries kept (each holds a few MB of typed arrays at most). */
const CACHE_SIZE = 8

export class ComparisonsService {
  private readonly cache = new Map<string, Promise<unknown>>()

  constructor(
    readonly loader: RunLoader,
    /** The dataset's own condition labels (none: the detection task), carried into every payload. */
    private readonly labelsOf: (datasetId: string) => ConditionLabels | undefined = () => undefined
  ) {}

  private labels(datasetId: string): { conditionLabels?: ConditionLabels } {
    const l = this.labelsOf(datasetId)
    return l ? { conditionLabels: l } : {}
  }

  async variability(req: ComparisonRequest): Promise<Variability> {
    return (await this.views(req)).variability
  }

  async behaviour(req: ComparisonRequest): Promise<Behaviour> {
    return (await this.views(req)).behaviour
  }

  async connectivity(req: { runId: string; checkpoint: CheckpointRef }): Promise<Connectivity> {
    const step = this.loader.store.checkpointOf(req.runId, req.checkpoint).step
    return this.cached(`conn:${req.runId}:${step}`, async () => {
      const run = await this.loader.load(req.runId, step)
      return { runId: run.runId, checkpointStep: run.step, areas: run.params.areas, ...connectivity(run.params) }
    })
  }

  /** Area-to-area input currents per standard task period, per outcome of generated trials (recorded stimulus mix). */
  async inputCurrents(req: InputCurrentsRequest): Promise<InputCurrents> {
    const step = this.loader.store.checkpointOf(req.runId, req.checkpoint).step
    return this.cached(`currents:${req.runId}:${step}:${req.nTrials}:${req.seed}`, async () => {
      const run = await this.loader.load(req.runId, step)
      const trainer = await createTrainer(run.data, run.config, run.state)
      try {
        const stimuli = run.data.sessions.flatMap((s) => Array.from(s.stimulus))
        const sim = await trainer.simulate(stimulusMix(stimuli, req.nTrials), req.seed)
        const classified = trainer.classifyTrials(sim)
        const periods = standardWindows(run.data)
        const trials = { spikes: sim.spikes, nTrials: sim.nTrials, nBins: sim.nBins, outcome: classified.outcome }
        const byOutcome = inputCurrents(run.params, trials, periods, { dt: run.data.dt, stimBin: run.data.stimBin })
        return {
          runId: run.runId,
          checkpointStep: run.step,
          areas: run.params.areas,
          periods,
          nTrials: sim.nTrials,
          trialTypeMethod: classified.method,
          byOutcome,
          ...this.labels(run.datasetId)
        }
      } finally {
        await trainer.dispose()
      }
    })
  }

  /** Curves (per step) and held-out evaluations of each run, as typed arrays; NaN where a value is missing. */
  runs(req: { runIds: string[] }): { runs: ComparedRun[] } {
    return {
      runs: req.runIds.map((id) => {
        const { summary } = this.loader.store.runs.get(id)
        const curves = this.loader.store.runs.curves(id, 2000)
        const evals = this.loader.store.runs.evaluations(id)
        const f32 = (xs: (number | null)[]): Float32Array => Float32Array.from(xs, (x) => x ?? NaN)
        const keys = [
          't_trial_pearson',
          't_trial_pearson_ceiling',
          't_trial_neural_pearson',
          't_trial_neural_pearson_ceiling',
          'psth_pearson',
          'psth_pearson_ceiling',
          'jaw_pearson',
          'eval_loss'
        ] as const
        // What the model does behaviourally (lick rates vs the data's), not the lick classifier's accuracy; lick
        // rates are the detection task's (a dataset with its own condition labels has none)
        const detection = datasetConditions(this.labelsOf(summary.datasetId)).detection
        const rateError = (m: Metrics | null | undefined): number | null =>
          m && detection ? lickRateError(lickRates(m.trial_type_model, m.trial_type_data)) : null
        const latest: Record<string, number> = {}
        for (const k of keys) {
          const v = summary.metrics?.[k]
          if (typeof v === 'number') latest[k] = v
        }
        const latestRateError = rateError(summary.metrics)
        if (latestRateError !== null) latest['lick_rate_error'] = latestRateError
        return {
          runId: id,
          name: summary.name,
          status: summary.status,
          steps: Int32Array.from(curves.step),
          total: f32(curves.total),
          psth: f32(curves.psth),
          trial: f32(curves.trial),
          evalSteps: Int32Array.from(evals, (e) => e.step),
          evalMetrics: {
            ...Object.fromEntries(keys.map((k) => [k, f32(evals.map((e) => e.metrics[k]))])),
            lick_rate_error: f32(evals.map((e) => rateError(e.metrics)))
          },
          latest
        }
      })
    }
  }

  /** Both views of one request, computed together (they share the simulation, classification and pairs). */
  private async views(req: ComparisonRequest): Promise<{ variability: Variability; behaviour: Behaviour }> {
    const step = this.loader.store.checkpointOf(req.runId, req.checkpoint).step
    const key = `views:${req.runId}:${step}:${req.generatedPerTrial}:${req.seed}`
    return this.cached(key, async () => {
      const run = await this.loader.load(req.runId, step)
      const rows = heldOutRows(run.data)
      const trainer = await createTrainer(run.data, run.config, run.state)
      try {
        const sim = await trainer.simulate(generatedStimuli(rows, req.generatedPerTrial), req.seed)
        const tTrial = await tTrialOf(run, () => trainer.evaluate())
        return buildComparison({
          runId: run.runId,
          checkpointStep: run.step,
          data: run.data,
          params: run.params,
          config: run.config,
          model: trainer,
          rows,
          sim,
          tTrial,
          ...this.labels(run.datasetId),
          taskEvents: conditionEventMedians(run.sessions),
          sourceIndex: recordedSourceIndex(rows, run.sessions, run.split),
          recordedEvents: recordedTaskEvents(rows, run.sessions, run.split)
        })
      } finally {
        await trainer.dispose()
      }
    })
  }

  /** Memoises by key (in-flight requests are shared); evicts the oldest entry beyond CACHE_SIZE. */
  private cached<T>(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key)
    if (hit) return hit as Promise<T>
    const p = make()
    this.cache.set(key, p)
    p.catch(() => this.cache.delete(key))
    while (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!)
    return p
  }
}

/**
 * T'trial at the checkpoint, and the neural-only one: the stored evaluation of that step (its neural value null where
 * it was stored before it existed), else a fresh held-out evaluation.
 */
async function tTrialOf(
  run: LoadedRun,
  evaluate: () => Promise<
    Pick<
      MetricValues,
      't_trial_pearson' | 't_trial_pearson_ceiling' | 't_trial_neural_pearson' | 't_trial_neural_pearson_ceiling'
    >
  >
): Promise<Variability['tTrial']> {
  const both = (v: number | null, c: number | null): { value: number; ceiling: number } | null =>
    v !== null && c !== null && Number.isFinite(v) && Number.isFinite(c) ? { value: v, ceiling: c } : null
  const m = run.metrics
  if (m && m.t_trial_pearson !== null && m.t_trial_pearson_ceiling !== null)
    return {
      value: m.t_trial_pearson,
      ceiling: m.t_trial_pearson_ceiling,
      neural: both(m.t_trial_neural_pearson, m.t_trial_neural_pearson_ceiling)
    }
  const e = await evaluate()
  return {
    value: e.t_trial_pearson,
    ceiling: e.t_trial_pearson_ceiling,
    neural: both(e.t_trial_neural_pearson, e.t_trial_neural_pearson_ceiling)
  }
}

export const comparisonsDomain: Domain = {
  name: 'comparisons',
  create: (ctx: ServiceContext) => {
    const service = new ComparisonsService(ctx.runLoader, (id) => ctx.datasets.repo.conditionLabels(id))
    const handlers: HandlersFor<'comparisons'> = {
      'comparisons.variability': (input) => service.variability(input),
      'comparisons.behaviour': (input) => service.behaviour(input),
      'comparisons.connectivity': (input) => service.connectivity(input),
      'comparisons.inputCurrents': (input) => service.inputCurrents(input),
      'comparisons.runs': (input) => service.runs(input)
    }
    return { handlers }
  }
}

// The Trainer: one step = choose condition → draw stimuli → simulate (runner) → losses → backward → AdamW →
// constraints, with divergence detection and rollback; evaluation, simulation, checkpoints and export.
import { AppError } from '@shared/contract/errors'
import type { FitConfig } from '@shared/domain/model-config'
import { allFinite } from '../arrays'
import type { LossBatch } from '../losses/types'
import { applyConstraints } from '../model/constraints'
import { finalizeGrad } from '../model/grads'
import { allocParams, cloneParams, copyParams, PARAM_NAMES, paramShapes, type ParamSet } from '../model/params'
import type { BatchRunner } from '../model/shard'
import type { ShardExecutor } from '../parallel/executor'
import { allocTally, type SpikeTally } from '../spike-tally'
import { adamStep, createAdamState } from '../optim/adam'
import { hashInts, PURPOSE, Rng } from '../rng'
import type {
  FitData,
  MetricValues,
  ModelParams,
  Simulation,
  StepReport,
  Trainer,
  TrainerHooks,
  TrialClassification,
  TrialPairs
} from '../types'
import type { Perturbation } from '@shared/domain/perturbation'
import { compileLight, type LightPlan } from '../perturb/light'
import { conditionCycle, drawStimuli, heldOutTrials, type Condition } from './batcher'
import { LossSpikeGuard } from './loss-spike'
import { calibrateRestingPotentials } from './rate-init'
import { initJawFromData } from './jaw-init'
import { batchAt, lrFactor, trialFactor } from './schedule'
import { decodeState, encodeState, type TrainerState } from './checkpoint'
import { setupFit, type FitSetup } from './setup'
import type { TrainerDeps } from './deps'

export type { StepLosses, TrainerDeps } from './deps'

/** Consecutive rollbacks after which the fit is declared diverged. */
const MAX_ROLLBACKS = 20
/**
 * A rollback halves the learning rate; every this many steps taken since, it doubles back, up to the configured rate.
 * The bursts that trigger rollbacks come in the first steps (the Standard preset: step 3 at N = 1,042, steps 3 and 6
 * at N = 2,106, both in the warm-up), and a fit held at a half or a quarter of its rate for good crawled
 * (docs/fit-speed.md). A rate that is too high for the fit bursts again and is halved again.
 */
export const LR_RECOVERY_STEPS = 25
/**
 * Every held-out evaluation of a fit makes the same draws (generated trials' stimuli and noise, the T'trial's random
 * subsets): successive evaluations then differ only by the parameters, so the best held-out T'trial and the early
 * stop compare like with like instead of chasing one evaluation's lucky draw.
 */
const EVAL_DRAW = 0

export async function createTrainerWith<T>(
  data: FitData,
  cfg: FitConfig,
  state: Uint8Array | undefined,
  deps: TrainerDeps<T>
): Promise<Trainer> {
  const setup = setupFit(data, cfg)
  const jawNote =
    !state && cfg.model.initJawFromData
      ? (initJawFromData(data, setup.layout, setup.map, setup.dyn, setup.params) ??
        'jaw readout left at its random start: no session has both a jaw and a recorded motor-area unit')
      : null
  const targets = deps.prepareTargets(data, setup.map, cfg.loss)
  const runner = await deps.createRunner({ dims: setup.dims, dyn: setup.dyn, motor: setup.layout.motor })
  const exec = runner.executor && deps.computeLossesOn && deps.installLossShards ? runner.executor : null
  if (exec) await deps.installLossShards?.(exec, targets)
  const st: TrainerState = {
    step: 0,
    lr: cfg.optim.lr,
    rollbacks: 0,
    healthySteps: 0,
    params: setup.params,
    adam: createAdamState(setup.params),
    lastGood: cloneParams(setup.params),
    lightRank: setup.lightRank.slice()
  }
  if (state) decodeState(state, st)
  await runner.setParams(st.params)
  const notes = [...setup.layout.notes, ...(deps.targetNotes?.(targets) ?? []), ...(jawNote ? [jawNote] : [])]
  const trainer = new FitTrainer(data, cfg, setup, targets, runner, exec, st, deps, notes)
  if (!state && cfg.model.initRatesFromData) await trainer.calibrateRates()
  return trainer
}

class FitTrainer<T> implements Trainer {
  readonly backend: { name: string; threads: number }
  private readonly cycle: Condition[]
  private readonly heldOut: Int32Array[]
  private readonly B: number
  private readonly spikes: Float32Array
  private readonly jaw: Float32Array
  private readonly tally: SpikeTally | null
  private paramGrad: ParamSet | null = null
  /** Data-only parts of the held-out metrics, computed at the first evaluation (metrics/index.ts EvalArgs.cache). */
  private readonly evalCache = new Map<string, unknown>()
  private readonly hasJaw: boolean
  private readonly maxRateHz: number
  private readonly spikeGuard = new LossSpikeGuard()

  constructor(
    private readonly data: FitData,
    private readonly cfg: FitConfig,
    private readonly setup: FitSetup,
    private readonly targets: T,
    private readonly runner: BatchRunner,
    /** The runner's threads for the losses' shards, or null: losses on this thread. */
    private readonly exec: ShardExecutor | null,
    private readonly st: TrainerState,
    private readonly deps: TrainerDeps<T>,
    readonly notes: string[]
  ) {
    this.backend = runner.backend
    this.cycle = conditionCycle(data)
    this.heldOut = heldOutTrials(data)
    this.B = cfg.optim.batchSize
    const { nBins: Tn, n } = setup.dims
    // Shared with the runner's threads when it offers that (worker pool): outputs and dL/dz are not copied.
    const alloc = (len: number): Float32Array => runner.allocBatchArray?.(len) ?? new Float32Array(len)
    this.spikes = alloc(this.B * Tn * n)
    this.jaw = alloc(this.B * Tn)
    const layout = deps.tallyLayout?.(targets)
    this.tally = layout ? allocTally(layout, this.B, Tn, n) : null
    this.hasJaw = data.sessions.some((s) => s.jaw !== null)
    // Half the refractory-limited maximum rate: beyond it the network is saturating, not fitting.
    this.maxRateHz = 0.5 * (1000 / ((setup.dims.nRef + 1) * setup.dyn.dtMs))
  }

  get step(): number {
    return this.st.step
  }

  async runStep(hooks: TrainerHooks = {}): Promise<StepReport> {
    const t0 = performance.now()
    hooks.signal?.throwIfAborted()
    const { seed } = this.cfg.optim
    const step = this.st.step
    const cond = this.cycle[step % this.cycle.length]
    // The batch-size schedule uses a prefix of the full-batch buffers (trial-major, so a prefix is a smaller batch).
    const B = batchAt(step, this.cfg.optim)
    const { nBins: Tn, n } = this.setup.dims
    const stimulus = drawStimuli(this.data, cond.trials, B, new Rng(seed, PURPOSE.trainBatch, step))
    const spikes = B === this.B ? this.spikes : this.spikes.subarray(0, B * Tn * n)
    const jaw = B === this.B ? this.jaw : this.jaw.subarray(0, B * Tn)
    const tally =
      this.tally && B !== this.B
        ? { ...this.tally, groupSum: this.tally.groupSum.subarray(0, B * Tn * this.tally.groups) }
        : this.tally
    const outputs = { spikes, jaw, ...(tally ? { tally } : {}) }
    const fw = await this.runner.forward({ key: [seed, PURPOSE.trainTrial, step], stimulus }, outputs)
    const phaseMs = { forward: performance.now() - t0, losses: 0, backward: 0, update: 0 }
    hooks.signal?.throwIfAborted()
    const density = fw.spikes / (B * Tn * n)
    const meanRateHz = density / this.data.dt
    const lossBatch: LossBatch = {
      spikes,
      jaw: this.hasJaw ? jaw : null,
      stimulus,
      trials: cond.trials,
      seed: hashInts(seed, step),
      trialScale: trialFactor(step, this.cfg.optim),
      ...(tally ? { tally } : {})
    }
    const losses =
      this.exec && this.deps.computeLossesOn
        ? await this.deps.computeLossesOn(this.exec, this.targets, lossBatch)
        : this.deps.computeLosses(this.targets, lossBatch)
    phaseMs.losses = performance.now() - t0 - phaseMs.forward
    const report = (rolledBack?: StepReport['rolledBack']): StepReport => ({
      step: this.st.step,
      losses: losses.report,
      stepMs: performance.now() - t0,
      spikeDensity: density,
      meanRateHz,
      phaseMs,
      ...(rolledBack ? { rolledBack } : {})
    })
    if (!Number.isFinite(losses.report.total)) return report(await this.rollback(`loss is ${losses.report.total}`))
    if (meanRateHz > this.maxRateHz) {
      return report(
        await this.rollback(`mean rate ${meanRateHz.toFixed(1)} Hz exceeds ${this.maxRateHz.toFixed(0)} Hz`)
      )
    }
    const spike = this.spikeGuard.check(losses.report.total)
    if (spike) return report(await this.rollback(spike))
    this.spikeGuard.accept(losses.report.total)
    // These parameters produced a healthy forward: they are the rollback target from now on.
    copyParams(this.st.lastGood, this.st.params)
    const tb = performance.now()
    const bw = await this.runner.backward(losses.gradSpikes, losses.gradJaw, this.cfg.engine.surrogateCutoff)
    const tu = performance.now()
    phaseMs.backward = tu - tb
    hooks.signal?.throwIfAborted()
    // One gradient set per fit, overwritten each step (no 2×N² allocation per step).
    this.paramGrad ??= allocParams(this.setup.dims)
    const g = finalizeGrad(
      bw.grad,
      this.setup.layout,
      this.setup.dims,
      this.cfg.model.trainNoiseScale,
      'f32',
      this.paramGrad
    )
    if (!PARAM_NAMES.every((k) => allFinite(g[k]))) return report(await this.rollback('non-finite gradient'))
    const { beta1, beta2, eps } = this.cfg.optim
    const frozen = new Set(this.cfg.model.trainNoiseScale ? [] : (['noise_scale'] as const))
    const lr = this.st.lr * lrFactor(step, this.cfg.optim)
    adamStep(this.st.params, g, this.st.adam, { lr, beta1, beta2, eps, weightDecay: this.cfg.loss.weightDecay }, frozen)
    if (!PARAM_NAMES.every((k) => allFinite(this.st.params[k])))
      return report(await this.rollback('non-finite parameters'))
    applyConstraints(this.st.params, this.setup.layout, {
      l1: this.cfg.loss.l1Decay,
      lr,
      thr: this.cfg.model.threshold,
      vr0: this.cfg.model.vRest
    })
    await this.runner.setParams(this.st.params)
    phaseMs.update = performance.now() - tu
    this.st.rollbacks = 0
    this.st.healthySteps++
    if (this.st.healthySteps % LR_RECOVERY_STEPS === 0 && this.st.lr < this.cfg.optim.lr)
      this.st.lr = Math.min(this.cfg.optim.lr, this.st.lr * 2)
    this.st.step++
    return report()
  }

  /** model.initRatesFromData: v_rest from the recorded rates before the first step (rate-init.ts). */
  async calibrateRates(): Promise<void> {
    const note = await calibrateRestingPotentials({
      data: this.data,
      cfg: this.cfg,
      dyn: this.setup.dyn,
      layout: this.setup.layout,
      map: this.setup.map,
      params: this.st.params,
      runner: this.runner,
      trials: this.cycle[0].trials,
      spikes: this.spikes,
      jaw: this.jaw,
      maxTrials: this.B
    })
    copyParams(this.st.lastGood, this.st.params)
    this.notes.push(note)
  }

  /** Restores the last good parameters, restarts Adam's moments (they absorbed the blow-up), halves lr for a while. */
  private async rollback(reason: string): Promise<{ reason: string; newLr: number }> {
    this.st.rollbacks++
    if (this.st.rollbacks > MAX_ROLLBACKS) {
      throw new AppError(
        'DIVERGED',
        `the fit diverged ${MAX_ROLLBACKS} times in a row (last: ${reason}); lower the learning rate`,
        {
          field: 'optim.lr'
        }
      )
    }
    copyParams(this.st.params, this.st.lastGood)
    this.st.adam = createAdamState(this.st.params)
    this.st.lr /= 2
    this.st.healthySteps = 0
    await this.runner.setParams(this.st.params)
    this.st.step++
    return { reason, newLr: this.st.lr }
  }

  async evaluate(hooks: TrainerHooks = {}): Promise<MetricValues> {
    hooks.signal?.throwIfAborted()
    const { seed } = this.cfg.optim
    const stimulus = drawStimuli(this.data, this.heldOut, this.B, new Rng(seed, PURPOSE.evalBatch, EVAL_DRAW))
    // the forward counts the spikes the held-out loss reads (as a step's does: same bits, one pass fewer)
    const tally = this.tally ?? undefined
    await this.runner.forward(
      { key: [seed, PURPOSE.evalTrial, EVAL_DRAW], stimulus },
      { spikes: this.spikes, jaw: this.jaw, ...(tally ? { tally } : {}) }
    )
    hooks.signal?.throwIfAborted()
    const evalSeed = hashInts(seed, PURPOSE.evalTrial, EVAL_DRAW)
    const modelJaw = this.hasJaw ? this.jaw : null
    // the held-out loss's sessions as shards on the pool, when the runner has one (evaluateMetrics' own otherwise)
    const onPool = this.exec && this.deps.lossReportOn && this.heldOut.some((h) => h.length > 0)
    const evalLoss = onPool
      ? (
          await this.deps.lossReportOn!(this.exec!, this.targets, {
            spikes: this.spikes,
            jaw: modelJaw,
            stimulus,
            trials: this.heldOut,
            seed: evalSeed,
            ...(tally ? { tally } : {})
          })
        ).total
      : undefined
    return this.deps.evaluateMetrics(this.targets, {
      modelSpikes: this.spikes,
      modelJaw,
      modelStimulus: stimulus,
      heldOut: this.heldOut,
      seed: evalSeed,
      cache: this.evalCache,
      ...(evalLoss !== undefined ? { evalLoss } : {}),
      ...(tally ? { tally } : {})
    })
  }

  async simulate(
    stimulus: Float32Array,
    seed: number,
    perturbations: Perturbation[] = [],
    hooks: TrainerHooks = {}
  ): Promise<Simulation> {
    const { nBins: Tn, n } = this.setup.dims
    const total = stimulus.length
    const light = perturbations.length > 0 ? this.compileLight(perturbations) : undefined
    const spikes = new Uint8Array(total * Tn * n)
    const jaw = new Float32Array(total * Tn)
    // Fixed chunks of B trials; trial b uses stream (seed, simulate, chunk start, b − chunk start).
    for (let c0 = 0; c0 < total; c0 += this.B) {
      hooks.signal?.throwIfAborted()
      const c1 = Math.min(total, c0 + this.B)
      const chunk = stimulus.slice(c0, c1)
      const out = { spikes: this.spikes.subarray(0, (c1 - c0) * Tn * n), jaw: this.jaw.subarray(0, (c1 - c0) * Tn) }
      await this.runner.forward(
        { key: [seed, PURPOSE.simulateTrial, c0], stimulus: chunk, ...(light ? { light } : {}) },
        out
      )
      for (let q = 0; q < out.spikes.length; q++) spikes[c0 * Tn * n + q] = out.spikes[q]
      jaw.set(out.jaw, c0 * Tn)
    }
    return { nTrials: total, nBins: Tn, nNeurons: n, spikes, jaw, stimulus: stimulus.slice() }
  }

  /** Perturbations → per-step currents on this model's light-sensitive neurons (perturb/light.ts). */
  compileLight(perturbations: Perturbation[]): LightPlan {
    const l = this.setup.layout
    const model = {
      areas: l.areas,
      neuronArea: l.neuronArea,
      neuronInhibitory: l.neuronInhibitory,
      lightRank: this.st.lightRank
    }
    const time = { nBins: this.data.nBins, dtS: this.data.dt, stimBin: this.data.stimBin }
    return compileLight(perturbations, model, time, this.cfg.model.threshold - this.cfg.model.vRest)
  }

  classifyTrials(sim: Simulation): TrialClassification {
    return this.deps.classifyTrials(this.targets, this.data, sim)
  }

  matchTrialSet(
    session: number,
    spikes: Uint8Array,
    jaw: Float32Array | null,
    nModel: number,
    dataTrials: Int32Array
  ): TrialPairs {
    return this.deps.matchTrialSet(this.targets, session, spikes, jaw, nModel, dataTrials)
  }

  saveState(): Uint8Array {
    return encodeState(this.st)
  }

  exportParams(): ModelParams {
    const shapes = paramShapes(this.setup.dims)
    const arrays: ModelParams['arrays'] = {}
    for (const k of PARAM_NAMES) arrays[k] = { data: Float32Array.from(this.st.params[k]), ...shapes[k] }
    const l = this.setup.layout
    return {
      arrays,
      neuronArea: l.neuronArea.slice(),
      neuronInhibitory: l.neuronInhibitory.slice(),
      neuronMap: { session: this.setup.map.session.slice(), unit: this.setup.map.unit.slice() },
      areas: l.areas.slice(),
      lightRank: this.st.lightRank.slice()
    }
  }

  /** Current parameters (read-only use: tests and diagnostics). */
  get params(): ParamSet {
    return this.st.params
  }

  get lr(): number {
    return this.st.lr
  }

  async dispose(): Promise<void> {
    await this.runner.dispose()
  }
}

// What the training loop is wired to (train/loop.ts): the loss and metrics modules and a batch runner, in-process or
// on a worker pool whose threads also run the losses' per-session shards.
import type { LossConfig } from '@shared/domain/model-config'
import type { LossInput } from '../losses/compute'
import type { LossBatch } from '../losses/types'
import type { EvalArgs } from '../metrics'
import type { Dims, Dynamics } from '../model/params'
import type { BatchRunner } from '../model/shard'
import type { ShardExecutor } from '../parallel/executor'
import type { SpikeGrad } from '../spike-grad'
import type { TallyLayout } from '../spike-tally'
import type {
  FitData,
  LossReport,
  MetricValues,
  NeuronMap,
  Simulation,
  TrialClassification,
  TrialPairs
} from '../types'

/** Losses of one step as the loop needs them (the loss module's LossResult satisfies it). */
export interface StepLosses {
  report: LossReport
  gradSpikes: SpikeGrad
  gradJaw: Float32Array | null
}

/** What the loop is wired to: the loss and metrics modules and a batch runner (in-process or worker pool). */
export interface TrainerDeps<T> {
  prepareTargets(data: FitData, map: NeuronMap, cfg: LossConfig): T
  computeLosses(targets: T, batch: LossBatch): StepLosses
  /**
   * computeLosses with its per-session shards on a runner's threads (same bits), used when the runner offers an
   * executor and installLossShards has run on it; absent = computeLosses on this thread.
   */
  computeLossesOn?(exec: ShardExecutor, targets: T, batch: LossBatch): Promise<StepLosses>
  installLossShards?(exec: ShardExecutor, targets: T): Promise<void>
  /** The held-out loss of an evaluation with its shards on a runner's threads (same bits as evaluateMetrics' own). */
  lossReportOn?(exec: ShardExecutor, targets: T, input: LossInput): Promise<LossReport>
  evaluateMetrics(targets: T, args: EvalArgs): MetricValues
  createRunner(o: { dims: Dims; dyn: Dynamics; motor: Int32Array }): Promise<BatchRunner>
  /** Notes of the prepared targets (fallbacks), shown with the trainer's own notes. */
  targetNotes?(targets: T): string[]
  /** Groups whose spikes the forward counts for computeLosses (spike-tally.ts); absent = the losses count. */
  tallyLayout?(targets: T): TallyLayout
  /** Trainer.classifyTrials and Trainer.matchTrialSet over the prepared targets. */
  classifyTrials(targets: T, data: FitData, sim: Simulation): TrialClassification
  matchTrialSet(
    targets: T,
    session: number,
    spikes: Uint8Array,
    jaw: Float32Array | null,
    nModel: number,
    dataTrials: Int32Array
  ): TrialPairs
}

// Assembles the trial-variability and behaviour payloads of one run checkpoint from its prepared data, the
// model structure and one simulation of generated trials (one pass, shared by both views).
import type { Behaviour, TrialSet, Variability } from '@shared/domain/comparison'
import type { ConditionLabels } from '@shared/domain/conditions'
import type { FitConfig } from '@shared/domain/model-config'
import { lossFilters, type FitData, type ModelParams, type Simulation, type Trainer } from '../engine'
import { jawSummary, outcomeMix } from './behaviour'
import { matchTrials } from './matching'
import { pca2 } from './pca'
import { areaTraces, filterTimes } from './population'
import { trialFeatures } from './trial-features'
import type { RecordedRows } from './trial-rows'

export interface ComparisonInput {
  runId: string
  checkpointStep: number
  data: FitData
  params: Pick<ModelParams, 'neuronArea' | 'neuronMap' | 'areas'>
  config: FitConfig
  /** The trained model at this checkpoint: classifies generated trials and matches them with its own loss targets. */
  model: Pick<Trainer, 'classifyTrials' | 'matchTrialSet'>
  /** Held-out recorded trials and the generated trials simulated for their conditions. */
  rows: RecordedRows
  sim: Simulation
  /** T'trial on these trials and the data's ceiling (spec §5.1); neural: the same without the jaw (absent: null). */
  tTrial: { value: number; ceiling: number; neural?: Variability['tTrial']['neural'] }
  /** The dataset's own condition labels, carried to the views (absent: the detection task). */
  conditionLabels?: ConditionLabels | undefined
  /** The recorded task's event medians per condition, carried to the views (absent: none kept). */
  taskEvents?: TrialSet['taskEvents']
  /** Each recorded row's row in its session's trials table (recordedSourceIndex): the trial's name in the views. */
  sourceIndex: Int32Array
  /** Each task event's own time on every recorded row (recordedTaskEvents; absent or empty: none kept). */
  recordedEvents?: NonNullable<TrialSet['recorded']['taskEvents']>
}

/** Both view payloads; the generated outcome classification and pairs are shared between them. */
export function buildComparison(c: ComparisonInput): { variability: Variability; behaviour: Behaviour } {
  const { data, rows, sim } = c
  const { filter1 } = lossFilters(data.nBins, data.dt, c.config.loss.filterMs, c.config.loss.resample)
  const timeS = filterTimes(filter1, data.dt, data.stimBin)
  const traces = areaTraces(data, rows, c.params, sim, filter1)
  const classified = c.model.classifyTrials(sim)
  const pairs = matchTrials(c.model, data, rows, sim)
  const nRec = rows.session.length
  const feats = trialFeatures(data, rows, c.params, sim, filter1)
  const emb = pca2(feats.recorded, nRec, feats.generated, sim.nTrials, feats.names.length)
  const trials: TrialSet = {
    recorded: {
      session: rows.session,
      sourceIndex: c.sourceIndex,
      outcome: rows.outcome,
      stimulus: rows.stimulus,
      ...(c.recordedEvents?.length ? { taskEvents: c.recordedEvents } : {})
    },
    generated: { outcome: classified.outcome, stimulus: sim.stimulus },
    sessionNames: data.sessions.map((s) => s.name),
    ...(c.conditionLabels ? { conditionLabels: c.conditionLabels } : {}),
    ...(c.taskEvents?.length ? { taskEvents: c.taskEvents } : {})
  }
  const head = { runId: c.runId, checkpointStep: c.checkpointStep }
  const variability: Variability = {
    ...head,
    areas: data.areas,
    timeS,
    trials,
    perArea: traces,
    pairs,
    features: feats,
    embedding: { recorded: emb.a, generated: emb.b, explained: emb.explained },
    tTrial: { value: c.tTrial.value, ceiling: c.tTrial.ceiling, neural: c.tTrial.neural ?? null }
  }
  const hasBehaviour = data.sessions.some((s) => s.jaw !== null)
  const jaw = jawSummary(data, rows, sim, classified.outcome, hasBehaviour ? pairs : new Int32Array(0))
  const behaviour: Behaviour = {
    ...head,
    hasBehaviour,
    timeS: Float32Array.from({ length: data.nBins }, (_, t) => (t + 0.5 - data.stimBin) * data.dt),
    trials,
    perOutcome: jaw.perOutcome,
    matched: jaw.matched,
    trialTypeMix: {
      recorded: outcomeMix(rows.outcome),
      generated: outcomeMix(classified.outcome),
      nRecorded: nRec,
      nGenerated: sim.nTrials
    },
    lick: { generated: classified.lick, method: classified.method }
  }
  return { variability, behaviour }
}

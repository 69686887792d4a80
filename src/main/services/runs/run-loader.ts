// Loads one checkpoint of a stored run with everything exports and comparisons need: config, split, state
// bytes, readable params, the prepared FitData of its dataset, recorded-unit links and provenance.
import type { SessionData } from '@shared/domain/dataset'
import type { CheckpointRef } from '@shared/domain/comparison'
import type { RunSweep } from '@shared/domain/sweep'
import type { Metrics, SessionSplit } from '@shared/domain/fit'
import type { FitConfig } from '@shared/domain/model-config'
import type { FitData, ModelParams } from '../../engine'
import { prepareFitData } from './fit-data'
import type { CheckpointRecord } from '../../store/checkpoints-repo'
import type { RunStore } from './run-store'
import type { RecordedSessions } from '../../model-files/provenance'
import { readCheckpoint, type WorkPort } from '../work-port'

export interface LoadedRun {
  runId: string
  runName: string
  datasetId: string
  datasetName: string
  config: FitConfig
  split: SessionSplit[]
  /** Optimiser step of the loaded checkpoint. */
  step: number
  /** sha256 of the checkpoint file the model was loaded from. */
  checkpointSha256: string
  state: Uint8Array
  params: ModelParams
  /** Held-out metrics evaluated at this step, else the run's latest, else null. */
  metrics: Metrics | null
  /** Prepared exactly as the fit saw it (same split); neuronMap.session indexes data.sessions. */
  data: FitData
  /** The dataset sessions behind data.sessions (same order). */
  sessions: SessionData[]
  recordedSessions: RecordedSessions
  backend: { name: string; threads: number }
  startedAt: string | null
  /** The sweep task that produced the run (index, parameters, host, Slurm ids), when it came from a sweep. */
  sweep: RunSweep | null
}

/** Where the sessions of a stored dataset come from (DatasetsService satisfies it). */
export interface DatasetSource {
  resolve(ref: string): { id: string; name: string }
  sessions(ref: string): Promise<SessionData[]>
  /** Absolute path of the dataset's HDF5 file in the store. @throws AppError NOT_FOUND when it is missing */
  fileOf(ref: string): string
}

/** Loaded checkpoints kept in memory: the views of one run ask for the same checkpoint several times. */
const KEEP_LOADED = 2

/** The one way a stored run is loaded: by checkpoint reference, verified, with the data it was fitted on. */
export class RunLoader {
  private readonly loaded = new Map<string, Promise<LoadedRun>>()

  constructor(
    readonly store: RunStore,
    private readonly datasets: Pick<DatasetSource, 'sessions'>,
    /** Reads checkpoint files (in a worker thread when the entry provides one). */
    private readonly work: Pick<WorkPort, 'readCheckpoint'> = { readCheckpoint }
  ) {}

  /** The run at a checkpoint (cached by run, step and checkpoint file hash; a failed load is not kept). */
  load(runId: string, ref: CheckpointRef): Promise<LoadedRun> {
    const c = this.store.checkpointOf(runId, ref)
    const key = `${runId}:${c.step}:${c.sha256}`
    let p = this.loaded.get(key)
    if (!p) {
      p = this.read(runId, c)
      this.loaded.set(key, p)
      p.catch(() => this.loaded.delete(key))
      while (this.loaded.size > KEEP_LOADED) this.loaded.delete(this.loaded.keys().next().value!)
    }
    return p
  }

  private async read(runId: string, c: CheckpointRecord): Promise<LoadedRun> {
    const stored = this.store.runs.get(runId)
    const s = stored.summary
    const file = this.store.pathOf(c)
    const { state, params } = await this.work.readCheckpoint(file, c)
    const all = await this.datasets.sessions(s.datasetId)
    const prepared = prepareFitData(
      all,
      stored.config.optim.heldOutFraction,
      stored.split,
      s.datasetName,
      stored.config.model.dtMs
    )
    const sessions = prepared.data.sessions.map((es) => all.find((x) => x.name === es.name)!)
    const evaluation = this.store.runs.evaluations(runId).find((e) => e.step === c.step)
    return {
      runId,
      runName: s.name,
      datasetId: s.datasetId,
      datasetName: s.datasetName,
      config: stored.config,
      split: stored.split,
      step: c.step,
      checkpointSha256: c.sha256,
      state,
      params,
      metrics: evaluation?.metrics ?? s.metrics,
      data: prepared.data,
      sessions,
      recordedSessions: sessions.map((x) => ({
        name: x.name,
        sourceFile: x.sourceFile,
        unitSourceIds: x.units.map((u) => u.sourceId)
      })),
      backend: { name: s.backend ?? 'unknown', threads: s.threads ?? 1 },
      startedAt: s.startedAt,
      sweep: s.sweep ?? null
    }
  }
}

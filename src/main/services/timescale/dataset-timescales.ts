// The data's split-half ceilings by smoothing width for a stored dataset (computed once, cached in the store) and
// the loss smoothing / model time step suggested from them (shared/domain/timescale.ts).
import { AppError } from '@shared/contract/errors'
import type { SessionData } from '@shared/domain/dataset'
import { resolveFitConfig, type FitConfig, type ModelConfig } from '@shared/domain/model-config'
import { suggestTimescale, type CeilingPointWire, type TimescaleSuggestion } from '@shared/domain/timescale'
import { CEILING_LADDER_MS, ceilingLadder } from '../../engine'
import { CeilingsRepo } from '../../store/ceilings-repo'
import type { Db } from '../../store/db'
import { SPLIT_SEED, prepareFitData } from '../runs/fit-data'
import { reduceSessions } from './reduced-counts'

/** The settings the ceilings are computed with: a default fit's split, evaluation batch and loss filters. */
const DEFAULTS: FitConfig = resolveFitConfig({})

/** What a cached ladder depends on; a change of any of it (or of the definitions: bump v) recomputes it. */
export const CEILINGS_METHOD = [
  'v1',
  `split ${SPLIT_SEED}/${DEFAULTS.optim.heldOutFraction}`,
  `batch ${DEFAULTS.optim.batchSize}`,
  `resample ${DEFAULTS.loss.resample}`,
  `jaw ${DEFAULTS.loss.matchJaw}`,
  `widths ${CEILING_LADDER_MS.join(',')}`
].join('; ')

/** Where the sessions of a stored dataset come from (DatasetsService satisfies it). */
export interface TimescaleDatasetSource {
  resolve(ref: string): { id: string; name: string }
  sessions(ref: string): Promise<SessionData[]>
}

/** The dataset-level part of `datasets.show` and of the import report. */
export interface DatasetTimescale {
  ceilings_by_smoothing: CeilingPointWire[] | null
  /** For the default model settings; the Fit settings view re-reads it for its own time constants. */
  timescale: TimescaleSuggestion | null
  /** Why the ceilings are null, when computing them failed: never a silent null. */
  ceilings_warning?: string
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null)

/** The ceiling ladder of sessions as the store keeps it (the engine's ceilingLadder on a default fit's split). */
export function computeCeilings(sessions: readonly SessionData[], datasetName = 'dataset'): CeilingPointWire[] {
  // The counts are summed a block of trials at a time: the K × T × U array is never made (1.4 GB for 1,000 units ×
  // 2,000 trials at 2 ms), and the ladder is the same, bit for bit.
  const prepared = prepareFitData(sessions, DEFAULTS.optim.heldOutFraction, null, datasetName, undefined, {
    spikes: false
  })
  const reduced = reduceSessions(prepared, sessions)
  const { batchSize } = DEFAULTS.optim
  return ceilingLadder(prepared.data, DEFAULTS.loss, batchSize, CEILING_LADDER_MS, reduced).map((p) => ({
    filter_ms: p.filterMs,
    t_trial: finiteOrNull(p.tTrial),
    psth_r: finiteOrNull(p.psthR)
  }))
}

export class DatasetTimescales {
  private readonly repo: CeilingsRepo
  /** Ladders being computed, so that views asking again meanwhile wait for the same one. */
  private readonly pending = new Map<string, Promise<CeilingPointWire[]>>()

  constructor(
    db: Db,
    private readonly datasets: TimescaleDatasetSource
  ) {
    this.repo = new CeilingsRepo(db)
  }

  /** The dataset's ceilings by smoothing width: from the store, else computed and stored. */
  async ladder(ref: string): Promise<CeilingPointWire[]> {
    const { id, name } = this.datasets.resolve(ref)
    const cached = this.repo.get(id, CEILINGS_METHOD)
    if (cached) return cached
    let job = this.pending.get(id)
    if (!job) {
      job = this.datasets.sessions(id).then((sessions) => {
        const ladder = computeCeilings(sessions, name)
        this.repo.put(id, CEILINGS_METHOD, ladder)
        return ladder
      })
      this.pending.set(id, job)
      void job.finally(() => this.pending.delete(id)).catch(() => undefined)
    }
    return job
  }

  /**
   * The suggested smoothing and time step for a model's time constants (`filterMs` given = only dt is chosen).
   * Null when the data give no positive ceiling.
   */
  async suggest(
    ref: string,
    model: Pick<ModelConfig, 'tauExcMs' | 'tauInhMs'>,
    filterMs?: number
  ): Promise<TimescaleSuggestion | null> {
    const opts = { tauExcMs: model.tauExcMs, tauInhMs: model.tauInhMs }
    return suggestTimescale(await this.ladder(ref), filterMs === undefined ? opts : { ...opts, filterMs })
  }

  /**
   * Ceilings and the default-model suggestion; nulls (never an error) when the data give none, with the reason in
   * `ceilings_warning` so that the import report, `show` and the views say why.
   */
  async detail(ref: string): Promise<DatasetTimescale> {
    try {
      const ladder = await this.ladder(ref)
      return { ceilings_by_smoothing: ladder, timescale: await this.suggest(ref, DEFAULTS.model) }
    } catch (err) {
      // e.g. data without a usable split (no trials, no units): no ceilings to show, the rest of the view stands
      if (err instanceof AppError)
        return {
          ceilings_by_smoothing: null,
          timescale: null,
          ceilings_warning: `data ceilings not computed: ${err.message}`
        }
      throw err
    }
  }
}

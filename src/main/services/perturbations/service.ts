// Perturbation experiments on stored runs: load the run's checkpoint, simulate control and perturbed trials with
// common random numbers on the engine's fast path (wasm kernels, worker pool when several threads), classify them
// like the run's metrics, store the result with the run. Background starts report progress events and can be
// cancelled (the CLI follows them through the API); run() awaits one to its end (tests, benches).
import { randomUUID } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { AppError, toAppErrorData, type AppErrorData } from '@shared/contract/errors'
import { importMappingSchema, type ImportMapping } from '@shared/domain/import-mapping'
import type { ExperimentRequest, ExperimentResult, ExperimentSummary } from '@shared/domain/perturbation-experiment'
import { availableKernelBackends, createPoolRunner, createTrainer, type Trainer } from '../../engine'
import type { RunLoader, LoadedRun } from '../runs/run-loader'
import { resolveConditions, stimulusMix } from '../../analysis/perturbation/conditions'
import { runExperiment, type ExperimentHooks } from '../../analysis/perturbation/experiment'
import { standardWindows } from '../../analysis/perturbation/windows'
import { compareRecorded, recordedTargets } from '../../analysis/perturbation/recorded'
import { PerturbationsRepo } from '../../store/perturbations-repo'
import type { ServiceContext } from '../domain'
import { processAlive } from '../runs/recovery'

export interface PerturbationsOptions {
  /** Built shard worker for multi-threaded simulation (default: beside the bundle, engine/parallel's default). */
  shardWorkerPath?: string
}

export class PerturbationsService {
  readonly repo: PerturbationsRepo
  private readonly running = new Map<string, AbortController>()

  constructor(
    private readonly ctx: ServiceContext,
    private readonly loader: RunLoader,
    private readonly opts: PerturbationsOptions = {}
  ) {
    this.repo = new PerturbationsRepo(ctx.db)
    this.repo.failOrphans((pid) => pid !== process.pid && processAlive(pid))
  }

  /** The run's areas and standard windows (for the experiment form). */
  async setup(runId: string): Promise<{
    areas: string[]
    windows: ReturnType<typeof standardWindows>
    trialStartS: number
    trialEndS: number
    hasRecordedPerturbations: boolean
  }> {
    const run = await this.loader.load(runId, 'best')
    const d = run.data
    const recorded = recordedTargets(run.sessions, this.perturbationMap(run.datasetId))
    return {
      areas: run.params.areas,
      windows: standardWindows(d),
      trialStartS: -d.stimBin * d.dt,
      trialEndS: (d.nBins - d.stimBin) * d.dt,
      hasRecordedPerturbations: recorded.length > 0
    }
  }

  /** Starts in the background; the returned summary is 'running'. Progress: perturb.progress; end: perturb.ended. */
  async start(req: ExperimentRequest): Promise<ExperimentSummary> {
    const { id, done } = await this.begin(req, {
      onProgress: (fraction, stage) =>
        this.ctx.events.emit('perturb.progress', { id, runId: req.runId, fraction, stage })
    })
    void done.catch(() => undefined)
    return this.repo.get(id).summary
  }

  /** Runs an experiment to its end (CLI). Rejects with AbortError when cancelled (the row says 'cancelled'). */
  async run(req: ExperimentRequest, hooks: ExperimentHooks = {}): Promise<{ id: string; result: ExperimentResult }> {
    const { id, done } = await this.begin(req, hooks)
    return { id, result: await done }
  }

  cancel(id: string): { cancelled: boolean } {
    const c = this.running.get(id)
    if (!c) return { cancelled: false }
    c.abort()
    return { cancelled: true }
  }

  list(runId: string): ExperimentSummary[] {
    this.loader.store.runs.get(runId) // NOT_FOUND for an unknown run
    return this.repo.list(runId)
  }

  get(id: string): { summary: ExperimentSummary; result: ExperimentResult | null } {
    const { summary, result } = this.repo.get(id)
    return { summary, result }
  }

  /** Stops running experiments (the store is about to close). */
  close(): void {
    for (const c of this.running.values()) c.abort()
  }

  private async begin(
    req: ExperimentRequest,
    hooks: ExperimentHooks
  ): Promise<{ id: string; done: Promise<ExperimentResult> }> {
    const run = await this.loader.load(req.runId, req.checkpoint)
    const recorded = recordedTargets(run.sessions, this.perturbationMap(run.datasetId))
    const resolved = resolveConditions(req, run.params.areas, run.data, req.recorded ? recorded : [])
    const id = randomUUID()
    const label = resolved.grid
      ? `grid ${resolved.grid.areas.length} areas × ${resolved.grid.windows.length} windows`
      : resolved.conditions.map((c) => c.label).join('; ')
    this.repo.create({
      id,
      runId: req.runId,
      label: label.slice(0, 200),
      nConditions: resolved.conditions.length,
      request: req,
      createdAt: new Date().toISOString()
    })
    const abort = new AbortController()
    hooks.signal?.addEventListener('abort', () => abort.abort(), { once: true })
    this.running.set(id, abort)
    const done = (async (): Promise<ExperimentResult> => {
      const trainer = await this.trainerFor(run, req.threads)
      try {
        const allStim = run.data.sessions.flatMap((s) => Array.from(s.stimulus))
        const plan = {
          ...resolved,
          runId: run.runId,
          checkpointStep: run.step,
          stimulus: stimulusMix(allStim, req.nTrials),
          seeds: req.seeds,
          firstSeed: req.seed
        }
        const model = {
          areas: run.params.areas,
          neuronArea: run.params.neuronArea,
          neuronInhibitory: run.params.neuronInhibitory,
          nBins: run.data.nBins,
          dt: run.data.dt,
          stimBin: run.data.stimBin
        }
        const result = await runExperiment(
          plan,
          {
            model,
            simulate: (stimulus, seed, p, signal) => trainer.simulate(stimulus, seed, p, signal ? { signal } : {}),
            classify: (sim) => trainer.classifyTrials(sim),
            litNeurons: (p) => new Set(trainer.compileLight(p).groups.flatMap((g) => Array.from(g.neurons))).size
          },
          { signal: abort.signal, ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}) }
        )
        return req.recorded
          ? { ...result, recorded: compareRecorded(run.sessions, recorded, result.conditions) }
          : result
      } finally {
        await trainer.dispose()
      }
    })()
    const settled = done.then(
      (result) => {
        this.repo.complete(id, result)
        this.ended(id, req.runId, 'completed', null)
        return result
      },
      (err: unknown) => {
        const cancelled = abort.signal.aborted
        const thrown = cancelled ? new AppError('CANCELLED', 'the experiment was cancelled', { field: 'id' }) : err
        const error = toAppErrorData(thrown)
        this.repo.end(id, cancelled ? 'cancelled' : 'failed', cancelled ? null : error)
        this.ended(id, req.runId, cancelled ? 'cancelled' : 'failed', error)
        throw thrown
      }
    )
    return { id, done: settled }
  }

  /** The dataset's recorded-perturbation map from its import mapping (undefined when it has none). */
  private perturbationMap(datasetId: string): ImportMapping['perturbationMap'] {
    const row = this.ctx.datasets.repo.get(datasetId)
    if (!row) return undefined
    const parsed = importMappingSchema.safeParse(JSON.parse(row.mapping_json))
    return parsed.success ? parsed.data.perturbationMap : undefined
  }

  private ended(
    id: string,
    runId: string,
    status: 'completed' | 'cancelled' | 'failed',
    error: AppErrorData | null
  ): void {
    this.running.delete(id)
    this.ctx.events.emit('perturb.ended', { id, runId, status, error })
  }

  /** A trainer at the run's checkpoint on the fast path: the run's kernel backend, a worker pool for > 1 thread. */
  private trainerFor(run: LoadedRun, requested: number): Promise<Trainer> {
    const threads =
      requested > 0
        ? requested
        : run.config.engine.threads > 0
          ? run.config.engine.threads
          : Math.max(1, availableParallelism())
    if (threads <= 1) return createTrainer(run.data, run.config, run.state)
    const choice = run.config.engine.backend
    const backend = choice === 'js' || choice === 'wasm' ? choice : (availableKernelBackends()[0] ?? 'js')
    const workerPath = this.opts.shardWorkerPath
    return createTrainer(run.data, run.config, run.state, {
      createRunner: (o) => createPoolRunner({ ...o, backend, threads, ...(workerPath ? { workerPath } : {}) })
    })
  }
}

// Runs fits in node:worker_threads workers: start message, shared pause/cancel flags, grace-then-terminate,
// and a synthesized terminal message when a worker dies without saying why (crash, OOM, terminate()).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { AppError, toAppErrorData } from '@shared/contract/errors'
import { FLAG, FLAG_COUNT, type StartMessage } from './protocol'
import type { FitData } from '../engine'
import { isTerminal, type FitHost, type FitJob, type JobListener, type JobRequest } from './fit-host'
import type { LoopMessage } from './worker-loop'

/** The subset of worker_threads.Worker the host uses (tests may pass their own). */
export interface WorkerLike {
  postMessage(msg: unknown, transfer?: ArrayBuffer[]): void
  on(event: 'message', cb: (msg: LoopMessage) => void): unknown
  on(event: 'error', cb: (err: Error) => void): unknown
  on(event: 'exit', cb: (code: number) => void): unknown
  terminate(): Promise<number>
}

export interface ThreadHostOptions {
  /** Built worker script (out/main/engine-worker.js); default: next to this bundle, else ./out/main. */
  workerPath?: string
  /** How long a cancelled worker may take to answer before it is terminated, ms. */
  graceMs?: number
  /** Creates the worker (tests inject code workers); default `new Worker(workerPath || defaultWorkerPath())`. */
  spawn?: (workerPath: string) => WorkerLike
}

/**
 * Where the built engine worker lives: in out/main beside the running bundle — whose code may sit in a shared
 * chunk under out/main/chunks — else under ./out/main (run from TS sources).
 */
export function defaultWorkerPath(): string {
  const bundleDir = __dirname.replace(/[\\/]chunks$/, '')
  const candidates = [join(bundleDir, 'engine-worker.js'), join(process.cwd(), 'out', 'main', 'engine-worker.js')]
  const found = candidates.find((p) => existsSync(p))
  if (!found) {
    throw new AppError('INTERNAL', 'The engine worker is not built: run `npm run build` first.', {
      file: candidates[0]
    })
  }
  return found
}

export class ThreadHost implements FitHost {
  private readonly graceMs: number
  private readonly spawn: (workerPath: string) => WorkerLike
  private readonly workerPath: string | undefined

  constructor(opts: ThreadHostOptions = {}) {
    this.graceMs = opts.graceMs ?? 2000
    this.workerPath = opts.workerPath
    this.spawn = opts.spawn ?? ((p) => new Worker(p || defaultWorkerPath()))
  }

  start(request: JobRequest, listener: JobListener): FitJob {
    const flagsBuffer = new SharedArrayBuffer(FLAG_COUNT * Int32Array.BYTES_PER_ELEMENT)
    const flags = new Int32Array(flagsBuffer)
    const worker = this.spawn(this.workerPath ?? '')
    const { jobId } = request
    let terminal = false
    let exited = false
    let cancelRequested = false
    let lastStep = 0
    let exitTimer: NodeJS.Timeout | undefined
    let graceTimer: NodeJS.Timeout | undefined
    let resolveFinished: () => void = () => undefined
    const finished = new Promise<void>((resolve) => (resolveFinished = resolve))

    const deliver = (msg: LoopMessage): void => {
      if (terminal) return
      if ('step' in msg && typeof msg.step === 'number') lastStep = msg.step
      if (isTerminal(msg)) {
        terminal = true
        // The worker normally exits by itself once its loop is over; make sure it does.
        if (!exited) exitTimer = setTimeout(() => void worker.terminate(), 1000)
      }
      listener(msg)
    }
    worker.on('message', deliver)
    worker.on('error', (err) => deliver({ type: 'failed', jobId, step: lastStep, error: toAppErrorData(err) }))
    worker.on('exit', (code) => {
      exited = true
      clearTimeout(exitTimer)
      clearTimeout(graceTimer)
      if (cancelRequested) deliver({ type: 'cancelled', jobId, step: lastStep })
      else {
        deliver({
          type: 'failed',
          jobId,
          step: lastStep,
          error: { code: 'INTERNAL', message: `The engine worker stopped unexpectedly (exit code ${code}).` }
        })
      }
      resolveFinished()
    })
    const start: StartMessage<FitData> = { type: 'start', ...request, flags: flagsBuffer }
    // The spike arrays move to the engine thread rather than being copied (K × T × U bytes: 1.4 GB for 2,000 trials
    // × 700 bins × 1,000 units); the caller prepared them for this fit alone.
    const spikes = new Set(request.data.sessions.map((s) => s.spikes.buffer))
    worker.postMessage(
      start,
      [...spikes].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer)
    )

    return {
      jobId,
      finished,
      pause: () => {
        Atomics.store(flags, FLAG.pause, 1)
      },
      resume: () => {
        Atomics.store(flags, FLAG.pause, 0)
        Atomics.notify(flags, FLAG.pause)
      },
      cancel: () => {
        if (cancelRequested || exited) return
        cancelRequested = true
        Atomics.store(flags, FLAG.cancel, 1)
        Atomics.notify(flags, FLAG.pause)
        graceTimer = setTimeout(() => void worker.terminate(), this.graceMs)
      }
    }
  }
}

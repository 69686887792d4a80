// Data-parallel shard pool over worker_threads. The calling thread plus (threads − 1) workers run a named
// ShardTask; shards are assigned statically (shard s → thread s mod threads) and results come back in shard
// order, so a caller that reduces per-shard outputs in shard order gets bits independent of the thread count.
// Arrays allocated with pool.kernels live in shared memory (the wasm memory, or SharedArrayBuffers for js),
// so weights and per-shard gradient slots are visible to every thread without copies.
import { Worker } from 'node:worker_threads'
import type { FloatArray, Kernels } from '../kernels/kernels'
import { createSharedJsKernels } from './shared-js-kernels'
import { createWasmKernels, type WasmKernels } from '../kernels/wasm'
import {
  ShardCancelledError,
  type FromShardWorker,
  type ShardContext,
  type ShardTask,
  type ToShardWorker
} from './task'
import { shardTasks } from './tasks'

export interface ShardPoolOptions {
  /** Registered task name (parallel/tasks.ts). */
  task: string
  /** Compute threads including the caller (≥ 1; 1 = everything inline, no worker). */
  threads: number
  backend: 'wasm' | 'js'
  /** Built shard worker script; default: shard-worker.js next to the running bundle (out/main). */
  workerPath?: string
  /** A cancel flag shared with another thread (e.g. the fit host); default: a fresh one. */
  cancelFlag?: Int32Array
}

/**
 * Where the built worker is: every main entry is bundled into out/main (shared code may sit in
 * out/main/chunks), beside shard-worker.js. Run from TS sources (vitest), the built out/main is used.
 */
export function defaultShardWorkerPath(): string {
  if (typeof __dirname === 'undefined') throw new Error('shard pool: pass workerPath (no __dirname in this runtime)')
  const dir = __dirname.replace(/[\\/]chunks$/, '').replace(/[\\/]src[\\/]main[\\/]engine[\\/]parallel$/, '/out/main')
  return `${dir}/shard-worker.js`
}

interface Pending {
  resolve(results: unknown[]): void
  reject(err: Error): void
}

export class ShardPool<I, P, R> {
  /** Allocate shared inputs and outputs with these kernels (the calling thread's). */
  readonly kernels: Kernels
  readonly threads: number
  readonly cancelFlag: Int32Array
  private readonly task: ShardTask<I, P, R, unknown>
  private readonly ctx: ShardContext
  private readonly workers: Worker[] = []
  private readonly pending = new Map<number, Pending>()
  private state: unknown = undefined
  /** Side tasks installed on the same threads (initTask): their task and the calling thread's state. */
  private readonly side = new Map<string, { task: ShardTask<unknown, unknown, unknown, unknown>; state: unknown }>()
  private initialised = false
  private nextId = 1
  private closed = false
  private workerFailure: Error | null = null

  constructor(private readonly opts: ShardPoolOptions) {
    const task = shardTasks[opts.task] as ShardTask<I, P, R, unknown> | undefined
    if (!task) throw new Error(`shard pool: unknown task "${opts.task}"`)
    if (!(opts.threads >= 1)) throw new Error(`shard pool: threads must be ≥ 1, got ${opts.threads}`)
    this.task = task
    this.threads = Math.floor(opts.threads)
    this.cancelFlag = opts.cancelFlag ?? new Int32Array(new SharedArrayBuffer(4))
    this.kernels = opts.backend === 'wasm' ? createWasmKernels() : createSharedJsKernels()
    const flag = this.cancelFlag
    this.ctx = {
      kernels: this.kernels,
      thread: 0,
      checkCancelled: () => {
        if (Atomics.load(flag, 0) !== 0) throw new ShardCancelledError()
      }
    }
    for (let t = 1; t < this.threads; t++) this.workers.push(this.spawn(opts.workerPath ?? defaultShardWorkerPath()))
  }

  private spawn(path: string): Worker {
    const w = new Worker(path)
    w.on('message', (msg: FromShardWorker) => {
      const p = this.pending.get(msg.id)
      if (!p) return
      this.pending.delete(msg.id)
      if (msg.type === 'ok') p.resolve(msg.results)
      else p.reject(msg.cancelled ? new ShardCancelledError() : new Error(msg.message))
    })
    const fail = (err: Error): void => {
      this.workerFailure ??= err
      for (const p of this.pending.values()) p.reject(err)
      this.pending.clear()
    }
    w.on('error', fail)
    w.on('exit', (code) => {
      if (!this.closed) fail(new Error(`shard worker exited with code ${code}`))
    })
    return w
  }

  private send(w: Worker, msg: ToShardWorker): Promise<unknown[]> {
    if (this.workerFailure) return Promise.reject(this.workerFailure)
    return new Promise((resolve, reject) => {
      this.pending.set(msg.id, { resolve, reject })
      w.postMessage(msg)
    })
  }

  /** Runs task.init on every thread. Call again to re-initialise (e.g. new structure). */
  async init(init: I): Promise<void> {
    const jobs = this.initWorkers(this.opts.task, init)
    this.state = this.task.init(this.ctx, init)
    await Promise.all(jobs)
    this.initialised = true
  }

  /**
   * Installs another registered task on the same threads (after init): its state lives beside the pool's own
   * task's, so one set of workers serves both (e.g. the model's shards and the losses' per-session shards).
   */
  async initTask(name: string, init: unknown): Promise<void> {
    if (!this.initialised) throw new Error('shard pool: init() first')
    const task = shardTasks[name] as ShardTask<unknown, unknown, unknown, unknown> | undefined
    if (!task) throw new Error(`shard pool: unknown task "${name}"`)
    const jobs = this.initWorkers(name, init)
    this.side.set(name, { task, state: task.init(this.ctx, init) })
    await Promise.all(jobs)
  }

  private initWorkers(task: string, init: unknown): Promise<unknown[]>[] {
    const memory = this.opts.backend === 'wasm' ? (this.kernels as WasmKernels).memory : null
    return this.workers.map((w, i) =>
      this.send(w, {
        type: 'init',
        id: this.nextId++,
        task,
        backend: this.opts.backend,
        memory,
        cancel: this.cancelFlag,
        thread: i + 1,
        init
      })
    )
  }

  /**
   * Runs shards 0..nShards−1 of payload; returns the per-shard results in shard order.
   * @param assignment shards per thread (thread 0 = the caller); default shard s → thread s mod threads.
   *   Tasks that keep per-shard state between runs (a forward trace) must pass the same assignment again.
   * @throws ShardCancelledError when the cancel flag was set during the run (after every thread stopped).
   */
  run(nShards: number, payload: P, assignment?: number[][]): Promise<R[]> {
    return this.runOn(this.opts.task, this.task, this.state, nShards, payload, assignment) as Promise<R[]>
  }

  /** run() for a side task installed by initTask; shard s → thread s mod threads unless `assignment` says. */
  runTask<Q, S>(name: string, nShards: number, payload: Q, assignment?: number[][]): Promise<S[]> {
    const side = this.side.get(name)
    if (!side) return Promise.reject(new Error(`shard pool: task "${name}" is not installed (initTask)`))
    return this.runOn(name, side.task, side.state, nShards, payload, assignment) as Promise<S[]>
  }

  private async runOn(
    name: string,
    task: ShardTask<unknown, unknown, unknown, unknown>,
    state: unknown,
    nShards: number,
    payload: unknown,
    assignment?: number[][]
  ): Promise<unknown[]> {
    if (!this.initialised) throw new Error('shard pool: init() first')
    if (this.closed) throw new Error('shard pool: closed')
    const assigned = assignment ?? roundRobin(nShards, this.threads)
    if (assigned.length !== this.threads)
      throw new Error(`shard pool: assignment for ${assigned.length} threads, pool has ${this.threads}`)
    const jobs = this.workers.map((w, i) =>
      this.send(w, { type: 'run', id: this.nextId++, task: name, shards: assigned[i + 1], payload })
    )
    const results = new Array<unknown>(nShards)
    let inlineError: unknown = null
    try {
      for (const s of assigned[0]) results[s] = task.run(state, this.ctx, s, payload)
    } catch (e) {
      // Reported after the workers settle, so no thread still writes shared outputs once run() returns.
      inlineError = e
    }
    const settled = await Promise.allSettled(jobs)
    if (inlineError) throw inlineError
    settled.forEach((r, i) => {
      if (r.status === 'rejected') throw r.reason
      assigned[i + 1].forEach((s, j) => (results[s] = r.value[j]))
    })
    return results
  }

  /** Asks every thread to stop at its next checkCancelled(); the running run() then rejects. */
  cancel(): void {
    Atomics.store(this.cancelFlag, 0, 1)
  }

  /** Clears the cancel flag before the next run. */
  resetCancel(): void {
    Atomics.store(this.cancelFlag, 0, 0)
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.workers.map((w) => w.terminate()))
    this.workers.length = 0
  }
}

/** Shard s → thread s mod threads. */
export function roundRobin(nShards: number, threads: number): number[][] {
  const out: number[][] = Array.from({ length: threads }, () => [])
  for (let s = 0; s < nShards; s++) out[s % threads].push(s)
  return out
}

/**
 * Longest-processing-time assignment: shards sorted by decreasing cost, each to the least-loaded thread
 * (ties → lower thread). Deterministic; balances unequal shards (e.g. gradient-tree nodes).
 */
export function balancedAssignment(costs: number[], threads: number): number[][] {
  const out: number[][] = Array.from({ length: threads }, () => [])
  const load = new Array<number>(threads).fill(0)
  const order = costs.map((c, s) => [c, s] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [c, s] of order) {
    let best = 0
    for (let t = 1; t < threads; t++) if (load[t] < load[best]) best = t
    out[best].push(s)
    load[best] += c
  }
  for (const list of out) list.sort((a, b) => a - b)
  return out
}

/** Σ over shards in shard order: out[i] = Σ_s slots[s·len + i] (deterministic whatever the thread count). */
export function reduceShardSlots(k: Kernels, out: FloatArray, slots: FloatArray, nShards: number, len: number): void {
  out.fill(0)
  for (let s = 0; s < nShards; s++) k.axpy(out, 0, 1, slots, s * len, len)
}

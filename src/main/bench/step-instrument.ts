// npm run bench's instruments: a runner (and its loss-shard executor) wrapped to time each phase in wall seconds, in
// CPU seconds of all threads, and in CPU seconds of the main thread alone, whose work outside the pool's runs is
// Amdahl's serial part of a step.
import { readFileSync } from 'node:fs'
import type { BatchRunner, ShardExecutor } from '../engine'

export interface Acc {
  fwd: number
  bwd: number
  /** CPU seconds of all threads during the forward / backward (robust to other processes sharing the cores). */
  fwdCpu: number
  bwdCpu: number
  /** CPU seconds of all threads while the losses' shards ran on the pool (the part of the losses that is parallel). */
  shardCpu: number
  /** CPU seconds of the main thread during the forward, the backward and the loss shards (its share of the pool's work). */
  mainFwd: number
  mainBwd: number
  mainShard: number
  spikes: number
  active: number
}

export function newAcc(): Acc {
  return {
    fwd: 0,
    bwd: 0,
    fwdCpu: 0,
    bwdCpu: 0,
    shardCpu: 0,
    mainFwd: 0,
    mainBwd: 0,
    mainShard: 0,
    spikes: 0,
    active: 0
  }
}

/** Zeroes the per-step sums (spike and active counts included). */
export function resetAcc(acc: Acc): void {
  Object.assign(acc, newAcc())
}

export const cpuNow = (): number => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

/** CPU seconds of the calling thread (Linux: /proc/thread-self/schedstat, ns on the CPU); NaN elsewhere. */
export function mainCpuNow(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e9
  } catch {
    return NaN
  }
}

/** Wraps a runner to time its phases and count the work (for the FLOP estimate); `lossesOnMain` hides its executor. */
export function instrument(r: BatchRunner, acc: Acc, lossesOnMain = false): BatchRunner {
  return {
    backend: r.backend,
    setParams: (p) => r.setParams(p),
    async forward(batch, out) {
      const [t, c, m] = [performance.now(), cpuNow(), mainCpuNow()]
      const res = await r.forward(batch, out)
      acc.fwd += performance.now() - t
      acc.fwdCpu += cpuNow() - c
      acc.mainFwd += mainCpuNow() - m
      acc.spikes += res.spikes
      return res
    },
    async backward(gs, gj, cutoff) {
      const [t, c, m] = [performance.now(), cpuNow(), mainCpuNow()]
      const res = await r.backward(gs, gj, cutoff)
      acc.bwd += performance.now() - t
      acc.bwdCpu += cpuNow() - c
      acc.mainBwd += mainCpuNow() - m
      acc.active = res.activeFraction
      return res
    },
    ...(r.allocBatchArray
      ? { allocBatchArray: (len: number) => (r.allocBatchArray as (n: number) => Float32Array)(len) }
      : {}),
    ...(r.executor && !lossesOnMain ? { executor: instrumentExecutor(r.executor, acc) } : {}),
    dispose: () => r.dispose()
  }
}

function instrumentExecutor(e: ShardExecutor, acc: Acc): ShardExecutor {
  return {
    threads: e.threads,
    install: (task, init) => e.install(task, init),
    alloc64: (n) => e.alloc64(n),
    async run<R>(task: string, nShards: number, payload: unknown): Promise<R[]> {
      const [c, m] = [cpuNow(), mainCpuNow()]
      const res = await e.run<R>(task, nShards, payload)
      acc.shardCpu += cpuNow() - c
      acc.mainShard += mainCpuNow() - m
      return res
    }
  }
}

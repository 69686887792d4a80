// Decoded sessions of the datasets viewed last, kept within a byte budget (views and fits ask for the same dataset
// over and over while the user browses; decoding it again each time would read the whole file each time).
import type { SessionData } from '@shared/domain/dataset'
import { envBytes } from '../../io/h5/read-budget'

/**
 * Bytes of decoded sessions the cache keeps (RSNN_DATASET_CACHE_BYTES overrides it). 512 MiB holds the example many
 * times over and one Neuropixels-sized session's spike times (1,000 units × 50 M spikes: ≈ 400 MB), but not two of
 * them: what stays in memory while the server runs is bounded by this, not by how many datasets were opened.
 */
export const DEFAULT_DATASET_CACHE_BYTES = 512 * 1024 ** 2

/** The budget in force: RSNN_DATASET_CACHE_BYTES (bytes) when set to a positive number, else the default. */
export function datasetCacheBytes(): number {
  return envBytes('RSNN_DATASET_CACHE_BYTES', DEFAULT_DATASET_CACHE_BYTES)
}

/** Bytes of the typed arrays the sessions hold (binned counts, spike times, behaviour, task events): what a decode costs. */
export function sessionBytes(sessions: readonly SessionData[]): number {
  let n = 0
  for (const s of sessions) {
    n += s.spikes?.byteLength ?? 0
    for (const st of s.spikeTimes) n += st.byteLength
    for (const b of Object.values(s.behaviour)) n += b.byteLength
    for (const e of Object.values(s.taskEvents ?? {})) n += e.byteLength
  }
  return n
}

/**
 * Least-recently-used cache of decoded sessions by dataset id, bounded by the total of their sessionBytes. The most
 * recent entry is kept even when it alone exceeds the budget, so a large dataset used by calls in a row is decoded once.
 */
export class SessionCache {
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly entries = new Map<string, { sessions: SessionData[]; bytes: number }>()
  private total = 0

  constructor(private readonly budget: () => number = datasetCacheBytes) {}

  /** The entry of `id`, now the most recently used; undefined when not cached. */
  get(id: string): SessionData[] | undefined {
    const hit = this.entries.get(id)
    if (!hit) return undefined
    this.entries.delete(id)
    this.entries.set(id, hit)
    return hit.sessions
  }

  /** Caches `sessions` as the most recently used, then evicts the least recently used while over the budget. */
  set(id: string, sessions: SessionData[]): void {
    this.delete(id)
    const bytes = sessionBytes(sessions)
    this.entries.set(id, { sessions, bytes })
    this.total += bytes
    const budget = this.budget()
    while (this.total > budget && this.entries.size > 1) this.delete(this.entries.keys().next().value!)
  }

  delete(id: string): void {
    const e = this.entries.get(id)
    if (!e) return
    this.entries.delete(id)
    this.total -= e.bytes
  }

  /** Cached ids, least recently used first, and their total bytes (for tests and diagnostics). */
  state(): { ids: string[]; bytes: number } {
    return { ids: [...this.entries.keys()], bytes: this.total }
  }
}

// Live fit progress from fit.* events: latest progress per run and the loss points pushed since the last fetch.
import type { FitProgress, SampleRaster } from '@shared/domain/fit'
import { onEvent } from '../transport'
import { refreshLibrary } from './library.svelte'

/** Loss points received live (parallel arrays, one entry per progress event). */
export interface LiveTail {
  step: number[]
  total: number[]
  psth: number[]
  trial: number[]
  reg: number[]
}

let latest = $state.raw<Record<string, FitProgress>>({})
let tails = $state.raw<Record<string, LiveTail>>({})
// Samples arrive with evaluations only; keep the last one so the raster stays on screen between them.
let samples = $state.raw<Record<string, SampleRaster>>({})
let ended = $state(0)
let started = false

const num = (v: number | null): number => (v === null ? NaN : v)

/** Starts listening (once per page). Status changes also refresh the library lists. */
export function startLiveFit(): void {
  if (started) return
  started = true
  onEvent('fit.progress', (p) => {
    latest = { ...latest, [p.runId]: p }
    if (p.sample) samples = { ...samples, [p.runId]: p.sample }
    const t = tails[p.runId] ?? { step: [], total: [], psth: [], trial: [], reg: [] }
    if (t.step.length && (t.step[t.step.length - 1] ?? -1) >= p.step) return
    // New arrays (not push) so $state.raw consumers see a new reference and redraw.
    tails = {
      ...tails,
      [p.runId]: {
        step: [...t.step, p.step],
        total: [...t.total, num(p.losses.total)],
        psth: [...t.psth, num(p.losses.psth)],
        trial: [...t.trial, num(p.losses.trial)],
        reg: [...t.reg, num(p.losses.reg)]
      }
    }
  })
  // An end event settles the run's status even if no fetch follows (e.g. the server is busy).
  const onEnd = (runId: string, status: FitProgress['status']): void => {
    const p = latest[runId]
    if (p) latest = { ...latest, [runId]: { ...p, status, etaS: null } }
    ended++
    void refreshLibrary()
  }
  onEvent('fit.finished', (e) => onEnd(e.runId, 'completed'))
  onEvent('fit.failed', (e) => onEnd(e.runId, 'failed'))
  onEvent('fit.cancelled', (e) => onEnd(e.runId, 'cancelled'))
}

export const liveFit = {
  progress(runId: string): FitProgress | null {
    return latest[runId] ?? null
  },
  /** The latest generated-trial raster of a run (from its last evaluation). */
  sample(runId: string): SampleRaster | null {
    return samples[runId] ?? null
  },
  tail(runId: string): LiveTail | null {
    return tails[runId] ?? null
  },
  /** Increments whenever any run finishes, fails or is cancelled (views refetch on change). */
  get endedCount(): number {
    return ended
  }
}

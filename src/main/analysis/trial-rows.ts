// Which trials a comparison shows: the held-out recorded trials of every session, and the stimuli to simulate.
import type { SessionData } from '@shared/domain/dataset'
import type { SessionSplit } from '@shared/domain/fit'
import type { FitData } from '../engine'

/** Recorded held-out trials, one row each: session index, trial index in that session, outcome code, stimulus. */
export interface RecordedRows {
  session: Int32Array
  trial: Int32Array
  outcome: Uint8Array
  stimulus: Float32Array
}

/** Held-out trials of every session of `data`, in session then trial order. */
export function heldOutRows(data: FitData): RecordedRows {
  const session: number[] = []
  const trial: number[] = []
  const outcome: number[] = []
  const stimulus: number[] = []
  data.sessions.forEach((s, si) => {
    for (let k = 0; k < s.heldOut.length; k++) {
      if (s.heldOut[k] !== 1) continue
      session.push(si)
      trial.push(k)
      outcome.push(s.outcome[k]!)
      stimulus.push(s.stimulus[k]!)
    }
  })
  return {
    session: Int32Array.from(session),
    trial: Int32Array.from(trial),
    outcome: Uint8Array.from(outcome),
    stimulus: Float32Array.from(stimulus)
  }
}

/** Stimulus of each generated trial: every recorded row's stimulus `perTrial` times (row-major: row, repeat). */
export function generatedStimuli(rows: RecordedRows, perTrial: number): Float32Array {
  const out = new Float32Array(rows.stimulus.length * perTrial)
  rows.stimulus.forEach((s, i) => out.fill(s, i * perTrial, (i + 1) * perTrial))
  return out
}

/** The stored trials a split keeps in one session, in order: a FitData session's trial k is the k-th of them. */
export function keptTrials(nStored: number, excluded: readonly number[]): number[] {
  const out = new Set(excluded)
  return Array.from({ length: nStored }, (_, k) => k).filter((k) => !out.has(k))
}

/**
 * Each recorded row's stored trial: its index in its session's trials (the dataset's `sessions[si].trials`), -1 where
 * the row's trial is out of range. `sessions` are the dataset sessions behind data.sessions (same order); a row's
 * trial indexes the session's kept trials (keptTrials of the split's excluded ones).
 */
export function storedTrialOf(
  rows: Pick<RecordedRows, 'session' | 'trial'>,
  sessions: readonly Pick<SessionData, 'name' | 'trials'>[],
  split: readonly Pick<SessionSplit, 'session' | 'excluded'>[]
): Int32Array {
  const kept = sessions.map((s) => keptTrials(s.trials.length, split.find((x) => x.session === s.name)?.excluded ?? []))
  return Int32Array.from(rows.session, (si, i) => kept[si]?.[rows.trial[i]!] ?? -1)
}

/**
 * Each recorded row's row in its session's trials table (TrialInfo.sourceIndex: the dataset's own trial id, as the
 * Data explorer and the source file number it), -1 where the row has no stored trial. What the views name a trial by.
 */
export function recordedSourceIndex(
  rows: Pick<RecordedRows, 'session' | 'trial'>,
  sessions: readonly Pick<SessionData, 'name' | 'trials'>[],
  split: readonly Pick<SessionSplit, 'session' | 'excluded'>[]
): Int32Array {
  const stored = storedTrialOf(rows, sessions, split)
  return Int32Array.from(stored, (k, i) => sessions[rows.session[i]!]?.trials[k]?.sourceIndex ?? -1)
}

/**
 * Each task event's time (s from the alignment event) on every recorded row, from the dataset's trials table; NaN
 * where the trial has none (rows mapped to stored trials by storedTrialOf).
 */
export function recordedTaskEvents(
  rows: Pick<RecordedRows, 'session' | 'trial'>,
  sessions: readonly Pick<SessionData, 'name' | 'trials' | 'taskEvents'>[],
  split: readonly Pick<SessionSplit, 'session' | 'excluded'>[]
): { name: string; timeS: Float32Array }[] {
  const names = [...new Set(sessions.flatMap((s) => Object.keys(s.taskEvents ?? {})))].sort()
  const stored = storedTrialOf(rows, sessions, split)
  return names.map((name) => ({
    name,
    timeS: Float32Array.from(rows.session, (si, i) => {
      const k = stored[i]!
      return k < 0 ? Number.NaN : (sessions[si]!.taskEvents?.[name]?.[k] ?? Number.NaN)
    })
  }))
}

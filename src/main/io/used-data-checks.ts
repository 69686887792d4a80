// Checks on the data an import uses (its trials and spikes): anomalies are counted and reported, not refused.
import type { SessionData } from '@shared/domain/dataset'
import type { ConditionLabels } from '@shared/domain/conditions'
import type { RawSession, RawTrials } from './raw'

/** Rows whose stop_time is before their start_time (a finite stop only: old files leave it NaN). */
export function invertedTrials(trials: RawTrials): Set<number> {
  const stop = trials.columns['stop_time']
  const out = new Set<number>()
  if (!(stop instanceof Float64Array)) return out
  for (let k = 0; k < trials.n; k++) {
    const s = stop[k] as number
    if (Number.isFinite(s) && s < (trials.startTime[k] as number)) out.add(k)
  }
  return out
}

/** A warning counting spike times before 0 s (before the session's reference time); null when none. */
export function negativeSpikesWarning(raw: RawSession): string | null {
  let n = 0
  let units = 0
  for (const st of raw.units.spikeTimes) {
    let i = 0
    while (i < st.length && (st[i] as number) < 0) i++
    n += i
    if (i > 0) units++
  }
  return n > 0
    ? `${raw.name}: ${n} spike time(s) of ${units} unit(s) are negative (before the session's reference time); kept`
    : null
}

/** "early lick ×6, 3 ×2": how many trials each unmapped value excluded, most first. */
export function countValues(values: string[]): string {
  const counts = new Map<string, number>()
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1)
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([v, c]) => `${v === '' ? '(empty)' : v} ×${c}`)
    .join(', ')
}

/** Fewest trials per stimulus condition a session needs: a fit on it is evaluated on held-out trials per condition. */
export const MIN_TRIALS_PER_CONDITION = 2

/**
 * Why a session cannot be fitted and evaluated — a stimulus condition with fewer than MIN_TRIALS_PER_CONDITION
 * trials ("condition 3: 1 trial") — or null when every condition has enough.
 */
export function conditionShortfall(session: Pick<SessionData, 'name' | 'trials'>): string | null {
  const counts = new Map<number, number>()
  for (const t of session.trials) counts.set(t.stimulus, (counts.get(t.stimulus) ?? 0) + 1)
  const short = [...counts].filter(([, n]) => n < MIN_TRIALS_PER_CONDITION).sort((a, b) => a[0] - b[0])
  if (short.length === 0) return null
  const list = short.map(([c, n]) => `condition ${c}: ${n} trial${n === 1 ? '' : 's'}`).join(', ')
  return `session "${session.name}" has fewer than ${MIN_TRIALS_PER_CONDITION} trials in a stimulus condition (${list}): a fit on it cannot be evaluated; choose another stimulus column or trials table`
}

/**
 * Why the condition labels do not fit the session — kept trials of a code the labels do not name (they would show
 * as "CR" in a task that calls its conditions "correct" and "incorrect") — or null when they fit or none are given.
 */
export function unlabelledConditions(
  session: Pick<SessionData, 'name' | 'trials'>,
  labels: ConditionLabels | undefined
): string | null {
  if (!labels) return null
  const counts = new Map<string, number>()
  for (const t of session.trials)
    if (labels[t.outcome] === undefined) counts.set(t.outcome, (counts.get(t.outcome) ?? 0) + 1)
  if (counts.size === 0) return null
  const named = Object.entries(labels)
    .map(([o, l]) => `${o} = “${l}”`)
    .join(', ')
  const list = [...counts].map(([o, n]) => `${n} ${o} trial${n === 1 ? '' : 's'}`).join(', ')
  return `session "${session.name}" has ${list}, but the condition labels name only ${named}: label them too or map their values to exclude`
}

// Checks on the data an import uses (its trials and spikes): anomalies are counted and reported, not refused.
import type { SessionData, UnbinnedSession } from '@shared/domain/dataset'
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
 * The session with only trials `keep` (ascending indices): every per-trial field (trials, behaviour rows, task
 * events, trial groups, binned counts) cut to them.
 */
export function selectTrials<S extends UnbinnedSession>(s: S, keep: number[]): S {
  const T = s.nBins
  const rows = <A extends Float64Array | Float32Array | Uint8Array>(a: A, per: number): A => {
    const out = new (a.constructor as new (n: number) => A)(keep.length * per)
    keep.forEach((k, i) => out.set(a.subarray(k * per, (k + 1) * per), i * per))
    return out
  }
  const each = <V, R>(r: Record<string, V>, f: (v: V) => R): Record<string, R> =>
    Object.fromEntries(Object.entries(r).map(([n, v]) => [n, f(v)]))
  const out: S = { ...s, trials: keep.map((k) => s.trials[k]!), behaviour: each(s.behaviour, (v) => rows(v, T)) }
  if (s.taskEvents) out.taskEvents = each(s.taskEvents, (v) => rows(v, 1))
  if (s.trialGroups) out.trialGroups = each(s.trialGroups, (v) => keep.map((k) => v[k]!))
  const spikes = (s as SessionData).spikes
  if (spikes) (out as SessionData).spikes = rows(spikes, T * s.units.length)
  return out
}

/**
 * Drops the trials of stimulus conditions with fewer than MIN_TRIALS_PER_CONDITION trials (a fit can neither train
 * nor evaluate on them), with a warning counting them. When no condition has enough, `refusal` says why the session
 * cannot be imported (and `session` is the input).
 */
export function dropShortConditions<S extends UnbinnedSession>(
  s: S
): { session: S; warning: string | null; refusal: string | null } {
  const counts = new Map<number, number>()
  for (const t of s.trials) counts.set(t.stimulus, (counts.get(t.stimulus) ?? 0) + 1)
  const short = [...counts].filter(([, n]) => n < MIN_TRIALS_PER_CONDITION).sort((a, b) => a[0] - b[0])
  if (short.length === 0) return { session: s, warning: null, refusal: null }
  const list = short.map(([c, n]) => `condition ${c}: ${n} trial${n === 1 ? '' : 's'}`).join(', ')
  if (short.length === counts.size) {
    const refusal = `session "${s.name}" has no stimulus condition with at least ${MIN_TRIALS_PER_CONDITION} trials (${list}): a fit on it cannot be evaluated; choose another stimulus column or trials table`
    return { session: s, warning: null, refusal }
  }
  const dropped = new Set(short.map(([c]) => c))
  const keep = s.trials.flatMap((t, k) => (dropped.has(t.stimulus) ? [] : [k]))
  const n = s.trials.length - keep.length
  return {
    session: selectTrials(s, keep),
    warning: `session "${s.name}": ${n} trial${n === 1 ? '' : 's'} excluded, in stimulus conditions with fewer than ${MIN_TRIALS_PER_CONDITION} trials (${list}): a fit could not evaluate them`,
    refusal: null
  }
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

// Trials grouped by a column (the outcome, or a categorical trials column kept at import) and the task's events
// summarised per group: one definition for the views (main) and the charts (renderer).
import { outcomes, type SessionData } from './dataset'
import type { Conditions, Outcome } from './conditions'

/** The grouping every view starts with: the app's outcome (Hit, Miss, CR, FA). */
export const OUTCOME_GROUPING = 'outcome'

/** Values in display order: numerically when every value is a number ("1" < "2" < "10"), else alphabetically. */
export function groupOrder(values: Iterable<string>): string[] {
  const distinct = [...new Set(values)]
  const numeric = distinct.every((v) => v.trim() !== '' && Number.isFinite(Number(v)))
  return numeric ? distinct.sort((a, b) => Number(a) - Number(b)) : distinct.sort()
}

/**
 * Label of every trial of a session under a grouping, and the labels in display order (outcomes in the app's order,
 * other columns by groupOrder). null when the session does not have that column.
 */
export function trialLabels(s: SessionData, groupBy: string): { labels: string[]; order: string[] } | null {
  if (groupBy === OUTCOME_GROUPING) {
    const labels = s.trials.map((t) => t.outcome as string)
    return { labels, order: outcomes.filter((o) => labels.includes(o)) }
  }
  const labels = s.trialGroups?.[groupBy]
  return labels ? { labels, order: groupOrder(labels) } : null
}

/** Median of the finite values (NaN when none). */
export function median(values: ArrayLike<number>): number {
  const v = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b)
  if (v.length === 0) return Number.NaN
  const mid = v.length >> 1
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2
}

/** Median time of an event (s from the alignment event) per group, over the trials of the group that have it. */
export function groupMedians(
  times: ArrayLike<number>,
  labels: readonly string[],
  order: readonly string[]
): { group: string; medianS: number; nTrials: number }[] {
  return order.flatMap((group) => {
    const own: number[] = []
    labels.forEach((l, k) => {
      const t = times[k]!
      if (l === group && Number.isFinite(t)) own.push(t)
    })
    return own.length ? [{ group, medianS: median(own), nTrials: own.length }] : []
  })
}

/**
 * Each task event's median time per group, pooled over sessions: `labelled` gives each session's trial labels (a
 * session without an event counts as trials without it). Events in name order, groups in `order`; the medians run
 * over the group's trials that have the event. The Data explorer's PSTH markers and the model views' per-condition
 * lines both come from here.
 */
export function pooledEventMedians(
  labelled: readonly { s: Pick<SessionData, 'trials' | 'taskEvents'>; labels: readonly string[] }[],
  order: readonly string[]
): { name: string; group: string; medianS: number; nTrials: number }[] {
  const names = [...new Set(labelled.flatMap(({ s }) => Object.keys(s.taskEvents ?? {})))].sort()
  const labels = labelled.flatMap((x) => x.labels)
  return names.flatMap((name) => {
    const times = labelled.flatMap(({ s }) =>
      Array.from(s.taskEvents?.[name] ?? new Float64Array(s.trials.length).fill(NaN))
    )
    return groupMedians(times, labels, order).map((m) => ({ name, ...m }))
  })
}

/** Each task event's median per condition (outcome code), pooled over the sessions' trials: the model views' lines. */
export function conditionEventMedians(
  sessions: readonly Pick<SessionData, 'trials' | 'taskEvents'>[]
): { name: string; outcome: Outcome; medianS: number; nTrials: number }[] {
  const labelled = sessions.map((s) => ({ s, labels: s.trials.map((t) => t.outcome as string) }))
  return pooledEventMedians(labelled, outcomes).map(({ group, ...m }) => ({ ...m, outcome: group as Outcome }))
}

/** A group's label as shown: under the outcome grouping, the dataset's label of the code (e.g. "Hit" → "correct"). */
export function shownGroupLabel(c: Conditions, groupBy: string, label: string): string {
  return groupBy === OUTCOME_GROUPING && (outcomes as readonly string[]).includes(label)
    ? c.labels[label as Outcome]
    : label
}

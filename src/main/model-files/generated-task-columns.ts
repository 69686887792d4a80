// The task's events and categorical trials columns of the recorded trials, carried to generated trials. A generated
// trial is a draw of a condition, not a recorded trial: it has no go cue or reward of its own. It gets its
// condition's (its outcome's, as the trials table's `outcome` column gives it) typical values from the recorded
// trials: each event's median time, and each categorical column's value when the column is the same on every
// recorded trial of the condition. Documented in docs/data-formats.md ("Exported generated trials").
import { outcomes, type SessionData } from '@shared/domain/dataset'
import { median } from '@shared/domain/trial-groups'
import type { NwbColumn } from '../io/nwb/write-nwb'

/** What the recorded trials of each condition (index = outcome code) say about the task. */
export interface ConditionTask {
  /** Event → per condition, its median time from the alignment event (s), NaN where it does not apply. */
  events: Record<string, number[]>
  /** Categorical column → per condition, its one value ('' for a condition without recorded trials). */
  groups: Record<string, string[]>
}

/**
 * Per condition: an event's median time over the recorded trials of the condition that have it, when at least half
 * of them do (a reward on most hits, not on the odd miss); a categorical column's value when every recorded trial of
 * the condition has the same one (a column that varies within a condition, e.g. a block, describes no generated
 * trial and is left out). Sessions without an event count as trials without it; a column a session lacks is left out.
 */
export function conditionTask(sessions: readonly SessionData[]): ConditionTask {
  const outcomeOf = sessions.flatMap((s) => s.trials.map((t) => outcomes.indexOf(t.outcome)))
  const byCondition = outcomes.map((_, o) => outcomeOf.flatMap((x, k) => (x === o ? [k] : [])))
  const eventNames = [...new Set(sessions.flatMap((s) => Object.keys(s.taskEvents ?? {})))].sort()
  const events: ConditionTask['events'] = {}
  for (const name of eventNames) {
    const times = sessions.flatMap((s) =>
      Array.from(s.taskEvents?.[name] ?? new Float64Array(s.trials.length).fill(NaN))
    )
    events[name] = byCondition.map((ks) => {
      const own = ks.map((k) => times[k]!).filter(Number.isFinite)
      return ks.length > 0 && 2 * own.length >= ks.length ? median(own) : Number.NaN
    })
  }
  const groups: ConditionTask['groups'] = {}
  const columns = [...new Set(sessions.flatMap((s) => Object.keys(s.trialGroups ?? {})))].sort()
  for (const name of columns) {
    if (!sessions.every((s) => s.trialGroups?.[name])) continue
    const values = sessions.flatMap((s) => s.trialGroups![name]!)
    const per = byCondition.map((ks) => [...new Set(ks.map((k) => values[k]!))])
    if (per.every((v) => v.length <= 1)) groups[name] = per.map((v) => v[0] ?? '')
  }
  return { events, groups }
}

/** Trials-table columns that the app writes itself; a task column of the same name is written as recorded_<name>. */
const OWN_COLUMNS = new Set(['id', 'start_time', 'stop_time', 'stimulus_time', 'stimulus_condition', 'outcome'])

/**
 * The generated trials' task columns: each event at its condition's median, in the file's clock (the trial's
 * alignment time + the median; NaN where it does not apply), and each categorical column's value of the condition.
 */
export function taskColumns(
  task: ConditionTask,
  outcome: Uint8Array,
  alignTime: Float64Array
): Record<string, NwbColumn> {
  const name = (n: string): string => (OWN_COLUMNS.has(n) ? `recorded_${n}` : n)
  const out: Record<string, NwbColumn> = {}
  for (const [event, perCondition] of Object.entries(task.events)) {
    out[name(event)] = {
      data: Float64Array.from(outcome, (o, k) => alignTime[k]! + (perCondition[o] ?? NaN)),
      description: `${event} of the recorded trials of the trial's condition (outcome): their median time, s in this file's clock; NaN when fewer than half of them have it (the model generates no such event)`
    }
  }
  for (const [column, perCondition] of Object.entries(task.groups)) {
    out[name(column)] = {
      data: Array.from(outcome, (o) => perCondition[o] ?? ''),
      description: `${column} of the recorded trials of the trial's condition (outcome), the same on all of them ("" = no recorded trial of that condition)`
    }
  }
  return out
}

// How the views, tables and report name a recorded trial: by the dataset's own identity, its session (as imported)
// and its row in that session's trials table (0-based, as the Data explorer and the source file number it), never by
// its position among the trials a fit kept (they differ wherever trials were dropped at import or left out of a fit).
import type { TrialSet } from './comparison'

/** A recorded trial as the dataset names it: session name and trials-table row (null where unknown). */
export interface RecordedTrialId {
  session: string | null
  trial: number | null
}

/** The dataset's identity of recorded row `row` of a comparison payload. */
export function recordedTrialId(trials: Pick<TrialSet, 'recorded' | 'sessionNames'>, row: number): RecordedTrialId {
  const si = trials.recorded.session[row]
  const k = trials.recorded.sourceIndex[row]
  return {
    session: si === undefined ? null : (trials.sessionNames[si] ?? `session ${si}`),
    trial: k === undefined || k < 0 ? null : k
  }
}

/** "mouse-a trial 37": recorded row `row` named as the Data explorer names it. */
export function recordedTrialName(trials: Pick<TrialSet, 'recorded' | 'sessionNames'>, row: number): string {
  const { session, trial } = recordedTrialId(trials, row)
  return `${session ?? 'unknown session'} trial ${trial ?? '?'}`
}

/** What a trial number means, for tooltips and captions. */
export const RECORDED_TRIAL_HINT =
  'Recorded trials are named by their session and their row in its trials table (0-based), as in the Data explorer and the source file.'

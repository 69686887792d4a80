// Per-session summaries (units per area, trials per outcome, window) computed from imported sessions.
import { outcomes, type SessionSummary, type UnbinnedSession } from '@shared/domain/dataset'
import { groupOrder, median } from '@shared/domain/trial-groups'

/** Summary shown by the CLI and the Library view for one session. */
export function summariseSession(s: UnbinnedSession): SessionSummary {
  const unitsPerArea: Record<string, number> = {}
  const inhibitoryPerArea: Record<string, number> = {}
  for (const u of s.units) {
    unitsPerArea[u.area] = (unitsPerArea[u.area] ?? 0) + 1
    if (u.type === 'I') inhibitoryPerArea[u.area] = (inhibitoryPerArea[u.area] ?? 0) + 1
  }
  const trialsPerOutcome = Object.fromEntries(outcomes.map((o) => [o, 0])) as SessionSummary['trialsPerOutcome']
  for (const t of s.trials) trialsPerOutcome[t.outcome] += 1
  return {
    name: s.name,
    sourceFile: s.sourceFile,
    unitsPerArea,
    ...(Object.keys(inhibitoryPerArea).length ? { inhibitoryPerArea } : {}),
    trialsPerOutcome,
    window: { start: s.binning.start, stop: s.binning.stop, dt: s.binning.dt },
    nUnits: s.units.length,
    nTrials: s.trials.length,
    behaviour: Object.keys(s.behaviour).sort(),
    ...(s.metadata && Object.keys(s.metadata).length ? { metadata: s.metadata } : {}),
    ...(s.areaSource ? { areaSource: s.areaSource } : {}),
    ...(s.alignment ? { alignment: s.alignment } : {}),
    ...(s.eventSeries?.length ? { eventSeries: s.eventSeries } : {}),
    ...(s.taskEvents && Object.keys(s.taskEvents).length ? { taskEvents: taskEventSummary(s.taskEvents) } : {}),
    ...(s.trialGroups && Object.keys(s.trialGroups).length
      ? {
          trialGroups: Object.keys(s.trialGroups)
            .sort()
            .map((name) => ({ name, values: groupOrder(s.trialGroups![name]!) }))
        }
      : {})
  }
}

/** Each task event's median time from the alignment event (s) and the number of trials that have it. */
function taskEventSummary(events: Record<string, Float64Array>): NonNullable<SessionSummary['taskEvents']> {
  return Object.keys(events)
    .sort()
    .map((name) => {
      const rel = events[name]!
      return { name, medianS: median(rel), nTrials: rel.filter(Number.isFinite).length }
    })
}

/** Key-sorted JSON, so equal mappings hash equally whatever order the UI or CLI built them in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        )
      : v
  )
}

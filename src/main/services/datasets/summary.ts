// Per-session summaries (units per area, trials per outcome, window) computed from imported sessions.
import { outcomes, type SessionData, type SessionSummary } from '@shared/domain/dataset'

/** Summary shown by the CLI and the Library view for one session. */
export function summariseSession(s: SessionData): SessionSummary {
  const unitsPerArea: Record<string, number> = {}
  for (const u of s.units) unitsPerArea[u.area] = (unitsPerArea[u.area] ?? 0) + 1
  const trialsPerOutcome = Object.fromEntries(outcomes.map((o) => [o, 0])) as SessionSummary['trialsPerOutcome']
  for (const t of s.trials) trialsPerOutcome[t.outcome] += 1
  return {
    name: s.name,
    sourceFile: s.sourceFile,
    unitsPerArea,
    trialsPerOutcome,
    window: { start: s.binning.start, stop: s.binning.stop, dt: s.binning.dt },
    nUnits: s.units.length,
    nTrials: s.trials.length,
    behaviour: Object.keys(s.behaviour).sort(),
    ...(s.metadata && Object.keys(s.metadata).length ? { metadata: s.metadata } : {}),
    ...(s.areaSource ? { areaSource: s.areaSource } : {}),
    ...(s.alignment ? { alignment: s.alignment } : {}),
    ...(s.eventSeries?.length ? { eventSeries: s.eventSeries } : {})
  }
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

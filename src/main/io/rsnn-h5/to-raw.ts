// SessionData (own layout) → RawSession, so that files in the app's layout go through the same mapping/binning path.
import type { SessionData } from '@shared/domain/dataset'
import type { BehaviourSeries, RawSession } from '../raw'

/** Binned behaviour becomes a per-trial series sampled at the bin centres (rebinning at the same bins is exact). */
export function sessionsToRaw(sessions: SessionData[]): RawSession[] {
  return sessions.map((s) => {
    const align = Float64Array.from(s.trials, (t) => t.alignTime)
    const events = s.taskEvents ?? {}
    const behaviour: Record<string, BehaviourSeries> = {}
    for (const [name, v] of Object.entries(s.behaviour)) {
      behaviour[name] = {
        kind: 'per-trial',
        t0: s.binning.start + s.binning.dt / 2,
        rate: 1 / s.binning.dt,
        nFrames: s.nBins,
        values: Float64Array.from(v),
        trialRef: align,
        unit: ''
      }
    }
    return {
      name: s.name,
      sourceFile: s.sourceFile,
      units: {
        ids: s.units.map((u) => u.sourceId),
        spikeTimes: s.spikeTimes,
        areaSources: { area: s.units.map((u) => u.area) },
        typeLabels: s.units.map((u) => u.type),
        columns: ['source_id', 'area', 'type', 'firing_rate_hz', 'spike_times']
      },
      trials: {
        n: s.trials.length,
        startTime: align,
        columns: {
          ...s.trialGroups,
          outcome: s.trials.map((t) => t.outcome),
          stimulus: Float64Array.from(s.trials, (t) => t.stimulus),
          align_time: align,
          source_index: Float64Array.from(s.trials, (t) => t.sourceIndex),
          // Task events back on the session clock, like any trials table's event columns.
          ...Object.fromEntries(Object.entries(events).map(([n, rel]) => [n, rel.map((r, k) => r + align[k]!)]))
        },
        timeColumns: ['align_time', 'start_time', ...Object.keys(events)],
        relativeColumns: [],
        path: '/sessions/trials',
        binningHint: s.binning
      },
      behaviour,
      warnings: []
    }
  })
}

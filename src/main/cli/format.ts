// Human-readable lines for datasets and sessions (CLI output without --json).
import type { DatasetSummary, SessionSummary } from '@shared/domain/dataset'
import { detectionConditions, type Conditions } from '@shared/domain/conditions'

/** Seconds without float noise (−0.05 + 3·0.01 prints as -0.02). */
const sec = (x: number): string => String(+x.toFixed(6))

/** One session's lines; trials are counted per condition under the dataset's labels. */
export function sessionLines(s: SessionSummary, index: number, conditions: Conditions = detectionConditions): string[] {
  const w = s.window
  const areas =
    Object.entries(s.unitsPerArea)
      .map(([a, n]) => `${a} ${n}`)
      .join(', ') || 'none'
  const trials = conditions.used.map((o) => `${conditions.labels[o]} ${s.trialsPerOutcome[o]}`).join(', ')
  return [
    `session ${index}: ${s.name}  (${s.sourceFile})`,
    `  window          ${sec(w.start)} … ${sec(w.stop)} s around the alignment event, dt ${+(w.dt * 1000).toFixed(3)} ms`,
    `  units per area  ${areas}  (total ${s.nUnits})`,
    ...(s.areaSource ? [`  areas from      ${s.areaSource}`] : []),
    `  trials          ${trials}  (total ${s.nTrials})`,
    ...(s.behaviour.length ? [`  behaviour       ${s.behaviour.join(', ')}`] : []),
    ...(s.taskEvents?.length
      ? [
          `  task events     ${s.taskEvents.map((e) => `${e.name} (median ${sec(+e.medianS.toFixed(3))} s, ${e.nTrials} trials)`).join(', ')}`
        ]
      : []),
    ...(s.trialGroups?.length
      ? [`  group trials by ${s.trialGroups.map((g) => `${g.name} (${g.values.join(', ')})`).join('; ')}`]
      : [])
  ]
}

export function datasetLine(d: DatasetSummary): string {
  return `${d.id}  ${d.name}  ${d.sessions} session${d.sessions === 1 ? '' : 's'}, ${d.nUnits} units, ${d.nTrials} trials, areas ${d.areas.join(', ') || '-'}`
}

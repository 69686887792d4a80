// The resolved model of a fit before it starts (runs.plan): what the engine will really use — neurons per area
// and why, batch, steps or time budget, time step, trials — the expected time per step and duration, the
// automatic changes it will make and warnings about data too small to say anything.
import { z } from 'zod'
import { stepSecondsText } from './step-time'

export const fitPlanSchema = z.object({
  neuronsPerArea: z.object({
    requested: z.number().int(),
    used: z.number().int(),
    /** Why `used` differs from `requested` (null when it does not). */
    reason: z.string().nullable()
  }),
  /** Per area: recorded units (sessions together) and the model neurons they get. */
  areas: z.array(
    z.object({
      name: z.string(),
      recordedE: z.number().int(),
      recordedI: z.number().int(),
      modelE: z.number().int(),
      modelI: z.number().int()
    })
  ),
  totalNeurons: z.number().int(),
  inputs: z.number().int(),
  batchSize: z.number().int(),
  steps: z.number().int(),
  /** Wall-clock budget, minutes (null = none). */
  minutes: z.number().nullable(),
  /** Model time step, ms, and time bins per trial. */
  dtMs: z.number(),
  nBins: z.number().int(),
  sessions: z.number().int(),
  trainTrials: z.number().int(),
  heldOutTrials: z.number().int(),
  /** Expected seconds per step (null = unknown until the first steps) and where the figure comes from. */
  sPerStep: z.number().nullable(),
  sPerStepBasis: z.string(),
  /** Expected duration, s: the step target or the time budget, whichever comes first (null = unknown). */
  expectedS: z.number().nullable(),
  /** What ends the fit first at the expected speed. */
  stopsBy: z.enum(['steps', 'time-budget']).nullable(),
  /** Every automatic change the fit will make to the settings or the data, in words (also stored as run events). */
  changes: z.array(z.string()),
  /** Reasons the result may say little (e.g. one unit, a handful of held-out trials). */
  warnings: z.array(z.string())
})
export type FitPlan = z.infer<typeof fitPlanSchema>

/** "45 s", "3.2 min", "1.5 h": a duration for people. */
export function durationText(s: number): string {
  if (s < 90) return `${Math.round(s)} s`
  if (s < 5400) return `${(s / 60).toFixed(s < 600 ? 1 : 0)} min`
  return `${(s / 3600).toFixed(1)} h`
}

/** The plan in a few lines of words (the CLI prints them before a fit; the UI shows the same facts). */
export function planLines(p: FitPlan): string[] {
  const perArea = p.areas
    .map((a) => `${a.name} ${a.modelE}E+${a.modelI}I for ${a.recordedE}E+${a.recordedI}I recorded`)
    .join('; ')
  const lines = [
    `model: ${p.neuronsPerArea.used} neurons per area${p.neuronsPerArea.used !== p.neuronsPerArea.requested ? ` (one per recorded unit; the setting's ${p.neuronsPerArea.requested} is a minimum)` : ''}, ` +
      `${p.totalNeurons} in all, ${p.inputs} input channels (${perArea})`,
    `data: ${p.sessions} session(s), ${p.trainTrials} training + ${p.heldOutTrials} held-out trials, ${p.nBins} bins of ${p.dtMs} ms`,
    `fit: ${p.batchSize} generated trials per step, ${p.steps} steps${p.minutes !== null ? `, time budget ${p.minutes} min` : ''}`,
    `expected: ${p.sPerStep !== null ? stepSecondsText(p.sPerStep) : 's/step unknown'} (${p.sPerStepBasis})` +
      (p.expectedS !== null
        ? `, about ${durationText(p.expectedS)}${p.stopsBy === 'time-budget' ? ' (the time budget ends it first)' : ''}`
        : '')
  ]
  for (const c of p.changes) lines.push(`automatic change: ${c}`)
  for (const w of p.warnings) lines.push(`warning: ${w}`)
  return lines
}

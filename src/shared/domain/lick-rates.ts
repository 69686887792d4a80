// What the model does behaviourally, per stimulus condition: the share of trials with a lick, generated vs recorded,
// from the trial-type mixes (Hit/FA are the lick trials). Replaces "lick accuracy" as a run's behavioural result.

export interface LickRate {
  condition: 'stimulus' | 'catch'
  /** Share of trials of this condition with a lick; null when the condition has no trials. */
  generated: number | null
  recorded: number | null
  /** generated − recorded (null when either is missing). */
  difference: number | null
}

type Mix = Record<string, number | null | undefined>

function share(mix: Mix, lick: string, noLick: string): number | null {
  const a = mix[lick] ?? 0
  const b = mix[noLick] ?? 0
  return a + b > 0 ? a / (a + b) : null
}

/** Lick rates in stimulus trials (Hit / (Hit + Miss)) and catch trials (FA / (FA + CR)). */
export function lickRates(generated: Mix, recorded: Mix): LickRate[] {
  const rows: LickRate[] = []
  for (const [condition, lick, noLick] of [
    ['stimulus', 'Hit', 'Miss'],
    ['catch', 'FA', 'CR']
  ] as const) {
    const g = share(generated, lick, noLick)
    const r = share(recorded, lick, noLick)
    if (g === null && r === null) continue
    rows.push({ condition, generated: g, recorded: r, difference: g !== null && r !== null ? g - r : null })
  }
  return rows
}

/** The largest |generated − recorded| lick rate over conditions (a fraction); null when none is defined. */
export function lickRateError(rates: LickRate[]): number | null {
  const d = rates.flatMap((r) => (r.difference === null ? [] : [Math.abs(r.difference)]))
  return d.length ? Math.max(...d) : null
}

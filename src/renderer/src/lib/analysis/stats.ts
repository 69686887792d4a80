// Small statistics for the behaviour view: binomial intervals and lick tallies per stimulus condition.

export { binomialCi } from '@shared/domain/proportion'

export interface LickTally {
  stimulus: number
  trials: number
  licks: number
  fraction: number
}

/** Lick counts of generated trials per stimulus condition (ascending), from lick flags (1 = lick). */
export function lickByStimulus(lick: ArrayLike<number>, stimulus: ArrayLike<number>): LickTally[] {
  const m = new Map<number, { trials: number; licks: number }>()
  const n = Math.min(lick.length, stimulus.length)
  for (let i = 0; i < n; i++) {
    const s = stimulus[i] as number
    const t = m.get(s) ?? { trials: 0, licks: 0 }
    t.trials++
    if ((lick[i] as number) > 0) t.licks++
    m.set(s, t)
  }
  return [...m.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([stimulus, t]) => ({ stimulus, ...t, fraction: t.licks / t.trials }))
}

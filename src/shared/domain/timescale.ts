// Time resolution from the data: the split-half ceilings by smoothing width (wire form), and the suggested loss
// smoothing and model time step read from them, with the one-line reason and the low-ceiling warning.
import { z } from 'zod'

/** The data's own split-half ceilings at one smoothing width; null where the data give none. */
export const ceilingPointSchema = z.object({
  filter_ms: z.number().positive(),
  t_trial: z.number().nullable(),
  psth_r: z.number().nullable()
})
export type CeilingPointWire = z.infer<typeof ceilingPointSchema>

/** A smoothing width and time step read from the ceilings, and why. */
export const timescaleSuggestionSchema = z.object({
  /** loss.filterMs, ms. */
  filterMs: z.number().positive(),
  /** model.dtMs: a whole multiple of the dataset's bin width, ms. */
  dtMs: z.number().positive(),
  /** One line: the ceilings that decided it and the result. */
  reason: z.string(),
  /** Set when the best T'trial ceiling is low: the held-out scores cannot mean much on these data. */
  warning: z.string().nullable()
})
export type TimescaleSuggestion = z.infer<typeof timescaleSuggestionSchema>

/** Below this best T'trial ceiling (over all widths) the metrics are flagged as unable to mean much. */
export const LOW_CEILING_T_TRIAL = 0.3
/**
 * "Most of the plateau": the smallest width whose score (the lower of the two ceilings) reaches this fraction of
 * the ladder's best score.
 */
export const PLATEAU_FRACTION = 0.85
/** Model bins per smoothing width at least ("several bins"), so the smoothed signal is still resolved. */
export const MIN_BINS_PER_WIDTH = 4
/**
 * dt at most this fraction of the shortest membrane time constant (2 ms at the default τ_inh of 10 ms). At half of it
 * (5 ms) fits of the bundled example burst in their first steps and reached 0.60 of the T'trial ceiling where 2 ms
 * reached 0.76, behind per CPU second too (docs/fit-speed.md, two fit seeds).
 */
export const MAX_DT_PER_TAU = 0.2
/** Time steps a suggestion picks from, ms (the data are re-binned from their spike times, so any is exact). */
export const DT_CHOICES_MS: readonly number[] = [1, 2, 4, 5, 10, 20, 50]

export interface SuggestOptions {
  /** Membrane time constants of the model, ms. */
  tauExcMs: number
  tauInhMs: number
  /** A smoothing width the user set: only dt is chosen (for it). */
  filterMs?: number
}

const fmt = (x: number): string => x.toFixed(2)
const ms = (x: number): string => `${+x.toFixed(3)} ms`
const value = (p: CeilingPointWire, key: 't_trial' | 'psth_r'): number | null =>
  p[key] !== null && Number.isFinite(p[key]) ? p[key] : null

/** The lower of the two ceilings (both must be high for the metrics to mean something), or the one there is. */
function score(p: CeilingPointWire): number | null {
  const v = [value(p, 't_trial'), value(p, 'psth_r')].filter((x) => x !== null)
  return v.length ? Math.min(...v) : null
}

/** The smallest width whose score reaches PLATEAU_FRACTION of the best, or null without a positive best. */
function plateauWidth(points: CeilingPointWire[]): number | null {
  const scored = points.map((p) => ({ w: p.filter_ms, s: score(p) })).filter((x) => x.s !== null)
  const best = Math.max(...scored.map((x) => x.s as number))
  if (!(best > 0)) return null
  return scored.find((x) => (x.s as number) >= PLATEAU_FRACTION * best)?.w ?? null
}

/** The largest of DT_CHOICES_MS within MIN_BINS_PER_WIDTH bins per width and the stability limit (else the smallest). */
export function suggestDtMs(filterMs: number, o: Pick<SuggestOptions, 'tauExcMs' | 'tauInhMs'>): number {
  const limit = Math.min(filterMs / MIN_BINS_PER_WIDTH, MAX_DT_PER_TAU * Math.min(o.tauExcMs, o.tauInhMs))
  const fits = DT_CHOICES_MS.filter((d) => d <= limit + 1e-9)
  return fits.length ? fits[fits.length - 1]! : DT_CHOICES_MS[0]!
}

/** The warning shown before a fit and beside every metric, or null when the best T'trial ceiling is high enough. */
export function lowCeilingWarning(points: CeilingPointWire[]): string | null {
  const withT = points.filter((p) => p.t_trial !== null && Number.isFinite(p.t_trial))
  if (withT.length === 0) return null
  const best = withT.reduce((a, b) => ((b.t_trial as number) > (a.t_trial as number) ? b : a))
  if ((best.t_trial as number) >= LOW_CEILING_T_TRIAL) return null
  return (
    `The data's own T′trial ceiling stays below ${LOW_CEILING_T_TRIAL} at every smoothing (best ${fmt(best.t_trial as number)} ` +
    `at ${ms(best.filter_ms)}): little trial-locked structure in this window, so fits cannot be judged by these scores.`
  )
}

/**
 * Smoothing: the smallest ladder width at which the lower of the two ceilings reaches PLATEAU_FRACTION of its best
 * (more smoothing gains little, less loses the structure); dt: the largest of DT_CHOICES_MS keeping
 * MIN_BINS_PER_WIDTH bins per width and at most MAX_DT_PER_TAU of the shortest membrane time constant.
 * Null when the ladder has no positive ceiling and no width was given.
 */
export function suggestTimescale(points: CeilingPointWire[], o: SuggestOptions): TimescaleSuggestion | null {
  const sorted = [...points].sort((a, b) => a.filter_ms - b.filter_ms)
  const warning = lowCeilingWarning(sorted)
  const chosen = o.filterMs ?? plateauWidth(sorted)
  if (chosen === null) return null
  const dtMs = suggestDtMs(chosen, o)
  const at = (w: number) => sorted.find((p) => p.filter_ms === w)
  const first = sorted[0]
  const here = at(chosen)
  const parts: string[] = []
  if (first && here && first !== here) {
    const pair = (key: 't_trial' | 'psth_r', label: string): void => {
      const a = first[key]
      const b = here[key]
      if (a !== null && b !== null)
        parts.push(`${label} ceiling ${fmt(a)} at ${ms(first.filter_ms)}, ${fmt(b)} at ${ms(chosen)}`)
    }
    pair('psth_r', 'PSTH r')
    pair('t_trial', 'T′trial')
  } else if (here) {
    if (here.psth_r !== null) parts.push(`PSTH r ceiling ${fmt(here.psth_r)} at ${ms(chosen)}`)
    if (here.t_trial !== null) parts.push(`T′trial ceiling ${fmt(here.t_trial)} at ${ms(chosen)}`)
  }
  const what = `smoothing ${ms(chosen)}${o.filterMs !== undefined ? ' (set)' : ''}, dt ${ms(dtMs)}`
  return { filterMs: chosen, dtMs, reason: parts.length ? `${parts.join('; ')}: ${what}` : what, warning }
}

// Recorded perturbations against the model's prediction: per recorded perturbation label (its areas and window
// from the import mapping), the recorded Hit rate of the perturbed stimulus trials minus that of the unperturbed
// ones, beside the model's paired Δ Hit rate for the same areas and window; agreement = Pearson r and mean
// absolute difference over the conditions.
import type { SessionData } from '@shared/domain/dataset'
import type { RecordedPerturbation } from '@shared/domain/import-mapping'
import type { ConditionResult, RecordedComparison } from '@shared/domain/perturbation-experiment'
import { pearson } from '../../engine'

/** The recorded perturbations a dataset has trials of, with their mapped target (unmapped labels are skipped). */
export function recordedTargets(
  sessions: SessionData[],
  map: Record<string, RecordedPerturbation> | undefined
): { label: string; target: RecordedPerturbation }[] {
  const present = new Set(sessions.flatMap((s) => s.trials.map((t) => t.perturbation).filter((p): p is string => !!p)))
  return Object.entries(map ?? {})
    .filter(([label]) => present.has(label))
    .map(([label, target]) => ({ label, target }))
}

/** Hit / (Hit + Miss) among the stimulus trials `pick` selects; null when there are none. */
function hitRate(
  sessions: SessionData[],
  pick: (p: string | undefined) => boolean
): { rate: number | null; n: number } {
  let hits = 0
  let n = 0
  for (const s of sessions) {
    for (const t of s.trials) {
      if (t.stimulus === 0 || !pick(t.perturbation)) continue
      n++
      if (t.outcome === 'Hit') hits++
    }
  }
  return { rate: n > 0 ? hits / n : null, n }
}

/** Recorded Δ Hit per label beside the model's (conditions labelled as the recorded labels). */
export function compareRecorded(
  sessions: SessionData[],
  targets: { label: string; target: RecordedPerturbation }[],
  model: ConditionResult[]
): RecordedComparison {
  const control = hitRate(sessions, (p) => !p)
  const conditions = targets.map(({ label, target }) => {
    const rec = hitRate(sessions, (p) => p === label)
    const m = model.find((c) => c.label === label)
    return {
      label,
      area: target.areas.join('+'),
      window: target.window,
      nTrials: rec.n,
      nControlTrials: control.n,
      hitRate: rec.rate,
      controlHitRate: control.rate,
      deltaHitRate: rec.rate !== null && control.rate !== null ? rec.rate - control.rate : null,
      modelDeltaHitRate: m ? m.deltaHitRate : null
    }
  })
  const both = conditions.filter((c) => c.deltaHitRate !== null && c.modelDeltaHitRate !== null)
  const rec = both.map((c) => c.deltaHitRate!)
  const mod = both.map((c) => c.modelDeltaHitRate!)
  const r = both.length >= 2 ? pearson(Float64Array.from(rec), Float64Array.from(mod)) : NaN
  return {
    conditions,
    agreement: {
      n: both.length,
      pearson: Number.isFinite(r) ? r : null,
      meanAbsDiff: both.length > 0 ? rec.reduce((s, x, i) => s + Math.abs(x - mod[i]!), 0) / both.length : null
    }
  }
}

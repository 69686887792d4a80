// The fit settings that differ between runs, by label (what Compare runs shows beside the metrics).
import type { FitConfig } from '@shared/domain/model-config'
import { configFields } from '@shared/domain/config-fields'

export interface SettingDifference {
  path: string
  label: string
  unit: string
  /** One display value per run, in the order given. */
  values: string[]
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.length ? v.join(', ') : '—'
  if (typeof v === 'boolean') return v ? 'on' : 'off'
  return v === undefined || v === null ? '—' : String(v)
}

/** A run's wall-clock budget in minutes, or 'none'. */
const budget = (s: number | null): string => (s === null ? 'none' : String(Math.round((s / 60) * 100) / 100))

/**
 * Every setting whose value is not the same in all runs (in schema order), then the time budget (a setting of the
 * run, not of its config) when the runs' budgets (s, null = none) differ; [] for fewer than two runs.
 */
export function settingsDiff(configs: FitConfig[], timeBudgetsS: (number | null)[] = []): SettingDifference[] {
  if (configs.length < 2) return []
  const out: SettingDifference[] = []
  for (const f of configFields()) {
    const values = configs.map((c) => show((c[f.section] as Record<string, unknown>)[f.key]))
    if (values.some((v) => v !== values[0]))
      out.push({ path: `${f.section}.${f.key}`, label: f.label, unit: f.unit, values })
  }
  const budgets = timeBudgetsS.map(budget)
  if (budgets.length === configs.length && budgets.some((v) => v !== budgets[0]))
    out.push({ path: 'run.timeLimitS', label: 'Time budget', unit: 'min', values: budgets })
  return out
}

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

/** Every setting whose value is not the same in all runs (in schema order); [] for fewer than two runs. */
export function settingsDiff(configs: FitConfig[]): SettingDifference[] {
  if (configs.length < 2) return []
  const out: SettingDifference[] = []
  for (const f of configFields()) {
    const values = configs.map((c) => show((c[f.section] as Record<string, unknown>)[f.key]))
    if (values.some((v) => v !== values[0]))
      out.push({ path: `${f.section}.${f.key}`, label: f.label, unit: f.unit, values })
  }
  return out
}

// `rsnn fit --preset quick|standard|thorough`: the preset's settings for the dataset's size (shared/domain/fit-presets),
// for every setting the --config file does not set; what was chosen and the expected duration are printed first.
import { availableParallelism } from 'node:os'
import { AppError } from '@shared/contract/errors'
import { autoSettings, datasetShape, presetIds, presets, type PresetId } from '@shared/domain/fit-presets'
import { resolveFitConfig, type FitConfig } from '@shared/domain/model-config'
import { fitThreads } from '@shared/domain/step-time'
import type { ParsedArgs } from './args'
import type { CliContext } from './command'

export const presetOption = { preset: { type: 'string' } } as const

export interface FitPresetChoice {
  /** Time budget of the preset (null = none); --minutes wins. */
  minutes: number | null
  /** One line for the run's events. */
  note: string
}

/** Applies --preset to the raw config (edited in place); null when no preset was asked for. */
export async function applyFitPreset(
  ctx: CliContext,
  dataset: string,
  config: Record<string, unknown>,
  values: ParsedArgs['values']
): Promise<FitPresetChoice | null> {
  const id = values['preset']
  if (id === undefined) return null
  if (typeof id !== 'string' || !(presetIds as readonly string[]).includes(id)) {
    throw new AppError('INVALID_INPUT', `"${String(id)}" is not a preset (${presetIds.join(', ')})`, {
      field: '--preset'
    })
  }
  const base = resolveFitConfig(config)
  const { sessions } = await ctx.api['datasets.show']({ id: dataset })
  const threads = fitThreads(base.engine.threads, availableParallelism())
  const auto = autoSettings(id as PresetId, datasetShape(sessions, base.model.dtMs), threads, base)
  const applied = new Set<string>()
  for (const section of ['model', 'loss', 'optim', 'engine'] as const) {
    const raw = (config[section] ?? {}) as Record<string, unknown>
    const chosen = auto.config[section] as Record<string, unknown>
    const defaults = base[section] as FitConfig[typeof section] as Record<string, unknown>
    for (const [k, v] of Object.entries(chosen)) {
      if (k in raw || JSON.stringify(v) === JSON.stringify(defaults[k])) continue
      raw[k] = v
      applied.add(`${section}.${k}`)
    }
    config[section] = raw
  }
  // what the --config file sets stays, and its choice line says so
  const setByUser = (key: string): boolean => {
    const [section, k] = key.split('.')
    const raw = config[section] as Record<string, unknown> | undefined
    return raw !== undefined && k in raw && !applied.has(key)
  }
  const lines = auto.choices.map((c) =>
    c.keys.some(setByUser) ? `${c.text} (your config's ${c.keys.filter(setByUser).join(', ')} kept)` : c.text
  )
  const expected =
    auto.minutes === null
      ? `at most ≈ ${Math.round(auto.expectedMinutes)} min (${auto.expectedSteps} steps)`
      : `≈ ${auto.minutes} min`
  const note = `Preset ${presets[id as PresetId].label}: ${lines.join('; ')}`.slice(0, 1000)
  if (!ctx.json) {
    ctx.out.line(`preset ${presets[id as PresetId].label}, expected duration ${expected}:`)
    for (const c of lines) ctx.out.line(`  ${c}`)
  }
  return { minutes: auto.minutes, note }
}

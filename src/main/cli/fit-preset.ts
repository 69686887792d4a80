// `rsnn fit --preset quick|standard|thorough`: the preset's settings for the dataset's size (shared/domain/fit-presets),
// for every setting the --config file does not set; what was chosen and the expected duration are printed first.
// A fit with neither --preset nor --config gets DEFAULT_PRESET's choices, said in one line.
import { availableParallelism } from 'node:os'
import { AppError } from '@shared/contract/errors'
import {
  autoSettings,
  datasetShape,
  DEFAULT_PRESET,
  presetIds,
  presets,
  type PresetId
} from '@shared/domain/fit-presets'
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

/**
 * Applies --preset to the raw config (edited in place), or DEFAULT_PRESET when neither --preset nor --config is given;
 * null when a --config file alone says what to use.
 */
export async function applyFitPreset(
  ctx: CliContext,
  dataset: string,
  config: Record<string, unknown>,
  values: ParsedArgs['values']
): Promise<FitPresetChoice | null> {
  const byDefault = values['preset'] === undefined
  if (byDefault && values['config'] !== undefined) return null
  const id = byDefault ? DEFAULT_PRESET : values['preset']
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
  if (byDefault) {
    // one line: what a fit with no settings chose (the details are the preset's, `--preset standard` prints them)
    const line = `no --preset or --config: chose ${auto.summary}`
    if (!ctx.json) ctx.out.line(line)
    return { minutes: auto.minutes, note: line.slice(0, 1000) }
  }
  const note = `Preset ${presets[id as PresetId].label}: ${lines.join('; ')}`.slice(0, 1000)
  if (!ctx.json) {
    ctx.out.line(`preset ${presets[id as PresetId].label}, expected duration ${expected}:`)
    for (const c of lines) ctx.out.line(`  ${c}`)
  }
  return { minutes: auto.minutes, note }
}

// Fit presets offered in the Fit monitor: Quick look, Standard and Thorough with the settings they take from the
// dataset's size (shared/domain/fit-presets.ts, as `rsnn fit --preset`), and the reference's pseudodata settings.
import { autoSettings, datasetShape, presetIds, presets } from '@shared/domain/fit-presets'
import { fitThreads } from '@shared/domain/step-time'
import type { FitConfig } from '@shared/domain/model-config'
import { withOverrides } from './config-fields'

export interface FitPreset {
  id: string
  label: string
  description: string
  config: FitConfig
  /** Wall-clock budget, minutes (null = run to the step target or early stop). */
  minutes: number | null
  /** Expected duration shown before starting, e.g. "≈ 10 min"; null when unknown. */
  expected: string | null
  /** The automatic choices, one line each. */
  choices: string[]
  /** The automatic choices in one line (as `rsnn fit` prints it for a fit with no settings); null: none. */
  summary: string | null
}

const reference: FitPreset = {
  id: 'pseudodata',
  label: 'Pseudodata (reference)',
  description:
    'The trial-matching paper’s pseudodata settings: 250 neurons per area, 200 trials per step, PSTH ×10 + trial matching ×20, lr 1e-3.',
  config: withOverrides({ optim: { steps: 8000 } }),
  minutes: null,
  expected: null,
  choices: [],
  summary: null
}

/**
 * The presets for a dataset (datasets.show's sessions; null: not loaded yet, defaults shown) with the form's time step
 * and thread setting, on this machine's `cores`: the dataset's bins at the fit's time step (not the import's), the
 * same call as `rsnn fit --preset`, so the preset line's s/step is the CLI's and runs.plan's.
 */
export function fitPresetsFor(
  sessions: Parameters<typeof datasetShape>[0] | null,
  form: { model: { dtMs?: number }; engine: { threads: number } },
  cores: number
): FitPreset[] {
  const shape = sessions ? datasetShape(sessions, form.model.dtMs) : null
  const threads = fitThreads(form.engine.threads, cores)
  const auto = presetIds.map((id): FitPreset => {
    const p = presets[id]
    if (!shape) return { ...p, config: withOverrides({}), expected: null, choices: [], summary: null }
    const a = autoSettings(id, shape, threads)
    const expected =
      a.minutes !== null ? `≈ ${a.minutes} min` : `at most ≈ ${Math.max(1, Math.round(a.expectedMinutes))} min`
    const choices = a.choices.map((c) => c.text)
    return { ...p, config: a.config, minutes: a.minutes, expected, choices, summary: a.summary }
  })
  return [...auto, reference]
}

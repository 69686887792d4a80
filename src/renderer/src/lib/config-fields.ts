// The advanced fit settings form: the fields come from src/shared/domain/config-fields.ts (shared with the CLI).
import { fitConfigSchema, type FitConfig } from '@shared/domain/model-config'
import { type Section } from '@shared/domain/config-fields'

export {
  boundsText,
  configFields,
  humanLabel,
  sections,
  type ConfigField,
  type Section
} from '@shared/domain/config-fields'

/** A full config with every default: the starting point of the form. */
export function defaultConfig(): FitConfig {
  return fitConfigSchema.parse({})
}

/** Deep-merges a partial preset over the defaults (sections are one level deep). */
export function withOverrides(overrides: { [S in Section]?: Partial<FitConfig[S]> }): FitConfig {
  const base = defaultConfig()
  return {
    model: { ...base.model, ...overrides.model },
    loss: { ...base.loss, ...overrides.loss },
    optim: { ...base.optim, ...overrides.optim },
    engine: { ...base.engine, ...overrides.engine }
  }
}

// Every fit setting as a field: its type, bounds and default read from the config schema (model-config.ts), its
// words (label, unit, help) from config-field-docs.ts. The UI's Advanced settings and the CLI's `help settings`.
import { z } from 'zod'
import { fitConfigSchema } from './model-config'
import { configFieldDocs, configSectionTitles, keyToWords } from './config-field-docs'

export const sections = ['model', 'loss', 'optim', 'engine'] as const
export type Section = (typeof sections)[number]

export interface ConfigField {
  section: Section
  key: string
  label: string
  /** Unit ('' = none), and one line saying what the setting does. */
  unit: string
  help: string
  kind: 'number' | 'integer' | 'boolean' | 'enum' | 'pair' | 'list'
  min?: number
  max?: number
  /** The bound itself is not allowed (e.g. > 0). */
  minExclusive?: boolean
  maxExclusive?: boolean
  options?: string[]
  default: unknown
}

interface JsonProp {
  type?: string
  enum?: string[]
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  default?: unknown
  prefixItems?: unknown[]
  items?: unknown
}

/** "tauExcMs" → "tau exc (ms)": the label of a field that has no doc yet. */
export const humanLabel = keyToWords

/** Every settings field of the fit config, section by section, in schema order. */
export function configFields(): ConfigField[] {
  const json = z.toJSONSchema(fitConfigSchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<Section, { properties: Record<string, JsonProp> }>
  }
  const out: ConfigField[] = []
  for (const section of sections) {
    for (const [key, p] of Object.entries(json.properties[section].properties)) {
      const kind: ConfigField['kind'] = p.enum
        ? 'enum'
        : p.type === 'boolean'
          ? 'boolean'
          : p.type === 'integer'
            ? 'integer'
            : p.type === 'array'
              ? p.prefixItems
                ? 'pair'
                : 'list'
              : 'number'
      const doc = configFieldDocs[`${section}.${key}`]
      const f: ConfigField = {
        section,
        key,
        label: doc?.label ?? humanLabel(key),
        unit: doc?.unit ?? '',
        help: doc?.help ?? '',
        kind,
        default: p.default
      }
      const min = p.minimum ?? p.exclusiveMinimum
      const max = p.maximum ?? p.exclusiveMaximum
      // zod gives whole-number fields without a bound ±(2^53 − 1): that is no bound for a user
      if (min !== undefined && Math.abs(min) < Number.MAX_SAFE_INTEGER) f.min = min
      if (max !== undefined && Math.abs(max) < Number.MAX_SAFE_INTEGER) f.max = max
      if (p.exclusiveMinimum !== undefined) f.minExclusive = true
      if (p.exclusiveMaximum !== undefined) f.maxExclusive = true
      if (p.enum) f.options = p.enum
      out.push(f)
    }
  }
  return out
}

/** The allowed range in words: "2 to 5000", "above 0, at most 1000", "at least 1"; '' when unbounded. */
export function boundsText(f: ConfigField): string {
  const lo = f.min === undefined ? '' : f.minExclusive ? `above ${f.min}` : `${f.min}`
  const hi = f.max === undefined ? '' : f.maxExclusive ? `below ${f.max}` : `${f.max}`
  if (lo && hi)
    return !f.minExclusive && !f.maxExclusive
      ? `${lo} to ${hi}`
      : `${f.minExclusive ? lo : `at least ${lo}`}, ${f.maxExclusive ? hi : `at most ${hi}`}`
  if (lo) return f.minExclusive ? lo : `at least ${lo}`
  if (hi) return f.maxExclusive ? hi : `at most ${hi}`
  return ''
}

/** Plain-text list of every setting (CLI `help settings`): path, label, unit, range, default, help. */
export function settingsHelpText(): string {
  const lines = ['Fit settings (a JSON file for `fit --config` holds any subset, e.g. {"optim": {"steps": 500}}):', '']
  for (const section of sections) {
    lines.push(`${configSectionTitles[section]} (${section})`)
    for (const f of configFields()) {
      if (f.section !== section) continue
      const range = boundsText(f)
      const def = Array.isArray(f.default)
        ? `[${f.default.join(', ')}]`
        : f.default === undefined
          ? 'from the data'
          : String(f.default)
      lines.push(`  ${section}.${f.key}  ${f.label}${f.unit ? ` (${f.unit})` : ''}: ${f.help}`)
      lines.push(`      ${range ? `range ${range}; ` : ''}default ${def}`)
    }
    lines.push('')
  }
  return lines.join('\n').trimEnd() + '\n'
}

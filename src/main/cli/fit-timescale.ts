// `rsnn fit`'s loss smoothing and model time step: set (--smoothing, --dt, or the config file), else suggested from
// the dataset's ceilings by smoothing width; the reason and any low-ceiling warning are printed before the fit.
import { AppError } from '@shared/contract/errors'
import type { Api } from '@shared/contract/methods'
import { resolveFitConfig } from '@shared/domain/model-config'
import type { TimescaleSuggestion } from '@shared/domain/timescale'
import { numberOption, type ParsedArgs } from './args'
import type { CliContext } from './command'

export const timescaleOptions = {
  smoothing: { type: 'string' },
  dt: { type: 'string' }
} as const

export interface FitTimescale {
  /** The suggestion that filled what was not set (null: both were set, or the data give no ceiling). */
  suggestion: TimescaleSuggestion | null
  /** One line for the run's events: what was used and why. */
  note: string | null
}

/** A positive number of milliseconds from --smoothing / --dt, or undefined when not given. */
function msOption(values: ParsedArgs['values'], name: string): number | undefined {
  const v = values[name]
  if (typeof v !== 'string') return undefined
  const n = numberOption(v, `--${name}`)
  if (!(n > 0))
    throw new AppError('INVALID_INPUT', `"${v}" is not a positive number of milliseconds`, { field: `--${name}` })
  return n
}

const section = (config: Record<string, unknown>, key: string): Record<string, unknown> => {
  const v = config[key]
  if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) {
    throw new AppError('INVALID_INPUT', `"${key}" must be an object`, { field: key })
  }
  return (config[key] = { ...(v as Record<string, unknown> | undefined) })
}

/**
 * Completes `config` (the raw --config JSON, edited in place) with loss.filterMs and model.dtMs: the flags win, then
 * the file, then the dataset's suggestion for the config's membrane time constants.
 */
export async function resolveFitTimescale(
  ctx: CliContext,
  dataset: string,
  config: Record<string, unknown>,
  values: ParsedArgs['values']
): Promise<FitTimescale> {
  const loss = section(config, 'loss')
  const model = section(config, 'model')
  const smoothing = msOption(values, 'smoothing')
  const dt = msOption(values, 'dt')
  if (smoothing !== undefined) loss['filterMs'] = smoothing
  if (dt !== undefined) model['dtMs'] = dt
  const setFilter = loss['filterMs'] !== undefined
  const setDt = model['dtMs'] !== undefined
  if (setFilter && setDt) return { suggestion: null, note: null }
  const resolved = resolveFitConfig(config)
  const res = await (ctx.api['timescale.suggest'] as Api['timescale.suggest'])({
    id: dataset,
    tauExcMs: resolved.model.tauExcMs,
    tauInhMs: resolved.model.tauInhMs,
    ...(setFilter ? { filterMs: resolved.loss.filterMs } : {})
  })
  const s = res.suggestion
  if (!s) return { suggestion: null, note: null }
  if (!setFilter) loss['filterMs'] = s.filterMs
  if (!setDt) model['dtMs'] = s.dtMs
  process.stderr.write(`time scale: ${s.reason}\n`)
  if (s.warning) ctx.out.warn(s.warning)
  return { suggestion: s, note: `Time scale chosen from the data's ceilings: ${s.reason}` }
}

// The mapping step's CLI flags (--trials-table, --trials-from-events, --area-column, --outcome-column, --outcome-map,
// --condition-labels, --align, --window, --dt).
import { AppError } from '@shared/contract/errors'
import { defaultBinning } from '@shared/domain/dataset'
import { outcomeTargets, type ImportMapping, type RecordedPerturbation } from '@shared/domain/import-mapping'
import { conditionLabelsSchema, outcomes, type ConditionLabels } from '@shared/domain/conditions'
import { numberOption, type OptionSpec, type ParsedArgs } from './args'

export const mappingOptions: OptionSpec = {
  'trials-table': { type: 'string' },
  'trials-from-events': { type: 'string' },
  'area-column': { type: 'string' },
  'outcome-column': { type: 'string' },
  'outcome-map': { type: 'string' },
  align: { type: 'string' },
  'stimulus-column': { type: 'string' },
  'perturbation-column': { type: 'string' },
  'perturbation-map': { type: 'string' },
  window: { type: 'string' },
  dt: { type: 'string' },
  'condition-labels': { type: 'string' }
}

type Target = (typeof outcomeTargets)[number]

/**
 * `Hit=correct,Miss=no response,exclude=early` → {correct: 'Hit', 'no response': 'Miss', early: 'exclude'}; values
 * of any type: `Hit=2,Miss=1` (numeric codes), `Hit=true,Miss=false` (boolean columns).
 */
export function parseOutcomeMap(text: string): Record<string, Target> {
  const out: Record<string, Target> = {}
  for (const part of text.split(',')) {
    const eq = part.indexOf('=')
    const target = part.slice(0, eq).trim() as Target
    const value = part.slice(eq + 1).trim()
    if (eq < 0 || !outcomeTargets.includes(target) || value === '') {
      throw new AppError(
        'INVALID_INPUT',
        `"${part}" is not OUTCOME=value with OUTCOME one of ${outcomeTargets.join(', ')}`,
        {
          field: '--outcome-map'
        }
      )
    }
    out[value] = target
  }
  return out
}

/** `--condition-labels source`: the file's own outcome names become the labels (resolved by the import command). */
export const SOURCE_LABELS = 'source'

/** `Hit=correct,Miss=incorrect` → {Hit: 'correct', Miss: 'incorrect'}: the task's names of the codes it uses. */
export function parseConditionLabels(text: string): ConditionLabels {
  const out: Record<string, string> = {}
  for (const part of text.split(',')) {
    const eq = part.indexOf('=')
    const code = part.slice(0, eq).trim()
    if (eq < 0 || !(outcomes as readonly string[]).includes(code)) {
      throw new AppError(
        'INVALID_INPUT',
        `"${part}" is not CODE=label with CODE one of ${outcomes.join(', ')} (or give "${SOURCE_LABELS}")`,
        { field: '--condition-labels' }
      )
    }
    out[code] = part.slice(eq + 1)
  }
  const parsed = conditionLabelsSchema.safeParse(out)
  if (!parsed.success)
    throw new AppError('INVALID_INPUT', `"${text}": ${parsed.error.issues[0]?.message ?? 'invalid labels'}`, {
      field: '--condition-labels'
    })
  return parsed.data
}

/**
 * `area1:0,0.2=light_A1_early,area1+area2:-0.1,0=light_both` → {light_A1_early: {areas: [area1], window: [0, 0.2]}, …}:
 * AREAS:T0,T1=VALUE entries (areas joined by +, window in s relative to the alignment event), separated by , or ;.
 */
export function parsePerturbationMap(text: string): Record<string, RecordedPerturbation> {
  const out: Record<string, RecordedPerturbation> = {}
  const entry = /^\s*([^:=;,]+):\s*(-?[\d.eE+-]+)\s*,\s*(-?[\d.eE+-]+)\s*=\s*([^,;]+?)\s*(?:[,;]|$)/
  let rest = text
  while (rest.trim() !== '') {
    const m = entry.exec(rest)
    if (!m)
      throw new AppError(
        'INVALID_INPUT',
        `"${rest}" does not start with AREAS:T0,T1=VALUE (e.g. area1:0,0.2=light_A1_early)`,
        { field: '--perturbation-map' }
      )
    const window: [number, number] = [
      numberOption(m[2]!, '--perturbation-map'),
      numberOption(m[3]!, '--perturbation-map')
    ]
    if (!(window[1] > window[0]))
      throw new AppError('INVALID_INPUT', `window ${m[2]},${m[3]} of "${m[4]}" ends before it starts`, {
        field: '--perturbation-map'
      })
    out[m[4]!] = { areas: m[1]!.split('+').map((a) => a.trim()), window }
    rest = rest.slice(m[0].length)
  }
  return out
}

/** Only the flags given end up in the mapping (the importer guesses the rest), so equal flags hash equally. */
export function mappingFromArgs(v: ParsedArgs['values']): ImportMapping {
  const m: ImportMapping = {}
  const str = (k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined)
  if (str('trials-table') && str('trials-from-events')) {
    throw new AppError('INVALID_INPUT', 'give either --trials-table or --trials-from-events, not both', {
      field: '--trials-from-events'
    })
  }
  if (str('trials-table')) m.trialsTable = str('trials-table')!
  if (str('trials-from-events')) m.trialsFromEvents = str('trials-from-events')!
  if (str('area-column')) m.areaColumn = str('area-column')!
  if (str('outcome-column')) m.outcomeColumn = str('outcome-column')!
  if (str('outcome-map')) m.outcomeMap = parseOutcomeMap(str('outcome-map')!)
  const labels = str('condition-labels')
  if (labels !== undefined && labels !== SOURCE_LABELS) m.conditionLabels = parseConditionLabels(labels)
  if (str('align')) m.align = str('align')!
  if (str('stimulus-column')) m.stimulusColumn = str('stimulus-column')!
  if (str('perturbation-column')) m.perturbationColumn = str('perturbation-column')!
  if (str('perturbation-map')) {
    if (!m.perturbationColumn)
      throw new AppError('INVALID_INPUT', '--perturbation-map needs --perturbation-column', {
        field: '--perturbation-map'
      })
    m.perturbationMap = parsePerturbationMap(str('perturbation-map')!)
  }
  const win = str('window')
  const dt = str('dt')
  if (win !== undefined || dt !== undefined) {
    let { start, stop } = defaultBinning
    if (win !== undefined) {
      const parts = win.split(',')
      if (parts.length !== 2)
        throw new AppError('INVALID_INPUT', `"${win}" is not START,STOP in seconds`, { field: '--window' })
      start = numberOption(parts[0]!, '--window')
      stop = numberOption(parts[1]!, '--window')
      if (!(stop > start))
        throw new AppError('INVALID_INPUT', 'the window must end after it starts', { field: '--window' })
    }
    const step = dt === undefined ? defaultBinning.dt : numberOption(dt, '--dt')
    if (!(step > 0 && step <= 0.1)) throw new AppError('INVALID_INPUT', 'dt must be in (0, 0.1] s', { field: '--dt' })
    m.binning = { dt: step, start, stop }
  }
  return m
}

// The conditions of a perturbation experiment, resolved from its request: explicit conditions as given, or the
// grid (every area × every window, area-major) with the standard windows when none are given; and the stimulus
// mix of the simulated trials (the recorded trials' stimulus values in their proportions).
import { AppError } from '@shared/contract/errors'
import type { Perturbation } from '@shared/domain/perturbation'
import type { RecordedPerturbation } from '@shared/domain/import-mapping'
import { lightSettingsSchema, type ExperimentRequest, type NamedWindow } from '@shared/domain/perturbation-experiment'
import { standardWindows, type TrialAxis } from './windows'

export interface ResolvedCondition {
  label: string
  area: string
  window: [number, number]
  windowName: string | null
  perturbations: Perturbation[]
}

export interface ResolvedConditions {
  conditions: ResolvedCondition[]
  grid: { areas: string[]; windows: NamedWindow[] } | null
}

/**
 * @param recorded the dataset's recorded perturbations (request.recorded): one condition each, labelled as recorded
 * @throws AppError BAD_VALUE naming the field for an area the model does not have
 */
export function resolveConditions(
  req: ExperimentRequest,
  areas: string[],
  axis: TrialAxis,
  recorded: { label: string; target: RecordedPerturbation }[] = []
): ResolvedConditions {
  const checkArea = (a: string, field: string): void => {
    if (!areas.includes(a))
      throw new AppError('BAD_VALUE', `area "${a}" is not one of the model's areas (${areas.join(', ')})`, { field })
  }
  const out: ResolvedCondition[] = req.conditions.map((c, i) => {
    c.perturbations.forEach((p) => p.areas.forEach((a) => checkArea(a, `conditions[${i}].perturbations.areas`)))
    const first = c.perturbations[0]!
    const area = first.areas.join('+')
    return {
      label: c.label ?? `${area} ${fmtWindow(first.window)}`,
      area,
      window: first.window,
      windowName: null,
      perturbations: c.perturbations
    }
  })
  if (req.recorded) {
    if (recorded.length === 0)
      throw new AppError(
        'BAD_VALUE',
        'the dataset has no recorded perturbation trials with a mapped target (import with --perturbation-column and --perturbation-map)',
        { field: 'recorded' }
      )
    for (const { label, target } of recorded) {
      target.areas.forEach((a) => checkArea(a, `recorded.${label}.areas`))
      const p: Perturbation = {
        areas: target.areas,
        window: target.window,
        ...(req.grid?.light ?? lightSettingsSchema.parse({}))
      }
      out.push({ label, area: target.areas.join('+'), window: target.window, windowName: null, perturbations: [p] })
    }
  }
  let grid: ResolvedConditions['grid'] = null
  if (req.grid) {
    const gAreas = req.grid.areas && req.grid.areas.length > 0 ? req.grid.areas : areas
    gAreas.forEach((a) => checkArea(a, 'grid.areas'))
    const windows = req.grid.windows && req.grid.windows.length > 0 ? req.grid.windows : standardWindows(axis)
    if (windows.length === 0)
      throw new AppError('BAD_VALUE', 'the trial window leaves no task period to perturb', { field: 'grid.windows' })
    for (const a of gAreas) {
      for (const w of windows) {
        const p: Perturbation = { areas: [a], window: w.window, ...req.grid.light }
        out.push({ label: `${a} ${w.name}`, area: a, window: w.window, windowName: w.name, perturbations: [p] })
      }
    }
    grid = { areas: gAreas, windows }
  }
  return { conditions: out, grid }
}

function fmtWindow(w: [number, number]): string {
  return `[${w[0]}, ${w[1]}) s`
}

/**
 * n stimulus values in the recorded trials' proportions, stratified: trial b takes the value at quantile
 * (b + ½)/n of the recorded values sorted, so every condition present in the data is represented.
 */
export function stimulusMix(recorded: ArrayLike<number>, n: number): Float32Array {
  const sorted = Float32Array.from(recorded).sort()
  if (sorted.length === 0)
    throw new AppError('BAD_VALUE', 'the run has no recorded trials to take the stimulus mix from', { field: 'trials' })
  return Float32Array.from(
    { length: n },
    (_, b) => sorted[Math.min(sorted.length - 1, Math.floor(((b + 0.5) / n) * sorted.length))]!
  )
}

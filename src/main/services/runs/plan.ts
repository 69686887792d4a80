// The resolved model of a fit before it starts (runs.plan, `rsnn fit` prints it): the engine's own resolution of
// neurons per area, the prepared data's trial counts and time bins, and the app's one estimate of the time per step
// (shared/domain/step-time, the same the preset line shows) from those resolved settings.
import type { FitConfig } from '@shared/domain/model-config'
import type { FitPlan } from '@shared/domain/fit-plan'
import { fitSeconds, fitThreads, stepSeconds, stepSecondsBasis } from '@shared/domain/step-time'
import { availableParallelism } from 'node:os'
import { resolveNeuronsPerArea, splitEI, type FitData } from '../../engine'
import type { PreparedFit } from './fit-data'

/** Fewest held-out trials, recorded units, and units in one area of a session for scores worth reading. */
const SMALL = { heldOut: 10, units: 5, areaUnits: 10 }

export function planFit(
  prepared: PreparedFit,
  config: FitConfig,
  minutes: number | null,
  cores: number = availableParallelism()
): FitPlan {
  const { data } = prepared
  const { model, optim } = config
  const resolved = resolveNeuronsPerArea(data, model)
  const { nE, nI } = splitEI(resolved.used, model.excFraction)
  const totalNeurons = resolved.used * data.areas.length
  let heldOut = 0
  let train = 0
  for (const s of data.sessions) {
    for (const h of s.heldOut) {
      if (h) heldOut++
      else train++
    }
  }
  const threads = fitThreads(config.engine.threads, cores)
  const size = {
    neurons: totalNeurons,
    batch: optim.batchSize,
    nBins: data.nBins,
    threads,
    evalEvery: optim.evalEvery,
    batchStart: optim.batchStart,
    batchRampSteps: optim.batchRampSteps
  }
  const sPerStep = stepSeconds(size)
  const byBudget = minutes !== null ? minutes * 60 : Infinity
  const bySteps = fitSeconds(optim.steps, size) // a batch ramp's first steps are cheaper
  const expectedS = Math.min(byBudget, bySteps)

  return {
    neuronsPerArea: { requested: resolved.requested, used: resolved.used, reason: resolved.note },
    areas: data.areas.map((name, a) => ({
      name,
      recordedE: resolved.recordedE[a] ?? 0,
      recordedI: resolved.recordedI[a] ?? 0,
      modelE: nE,
      modelI: nI
    })),
    totalNeurons,
    inputs: model.nInputs,
    batchSize: optim.batchSize,
    steps: optim.steps,
    minutes,
    dtMs: Math.round(data.dt * 1e6) / 1000,
    nBins: data.nBins,
    sessions: data.sessions.length,
    trainTrials: train,
    heldOutTrials: heldOut,
    sPerStep,
    sPerStepBasis: stepSecondsBasis(threads),
    expectedS: Number.isFinite(expectedS) ? expectedS : null,
    stopsBy: byBudget < bySteps ? 'time-budget' : 'steps',
    changes: [...(resolved.note ? [resolved.note] : []), ...prepared.notes],
    warnings: smallDataWarnings(data, heldOut)
  }
}

/** Why a fit of these data would say little: too few units, held-out trials, or units per area. */
export function smallDataWarnings(data: FitData, heldOut: number): string[] {
  const out: string[] = []
  const units = data.sessions.reduce((n, s) => n + s.unitArea.length, 0)
  if (units < SMALL.units) {
    out.push(
      `Only ${units} recorded unit${units === 1 ? '' : 's'}: the PSTH and trial-matching scores rest on too few units to say much.`
    )
  }
  if (heldOut < SMALL.heldOut) {
    out.push(
      `Only ${heldOut} held-out trial${heldOut === 1 ? '' : 's'}: the held-out scores and their data ceilings will be very noisy.`
    )
  }
  const anyArea = data.sessions.some((s) => {
    const count = new Map<number, number>()
    for (const a of s.unitArea) count.set(a, (count.get(a) ?? 0) + 1)
    return [...count.values()].some((n) => n >= SMALL.areaUnits)
  })
  if (units >= SMALL.units && !anyArea) {
    out.push(
      `No session has an area with ${SMALL.areaUnits} or more units: trial matching falls back to smaller groups, which are noisy.`
    )
  }
  return out
}

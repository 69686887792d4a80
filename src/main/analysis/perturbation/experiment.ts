// Runs a perturbation experiment: for every seed, one control batch and one batch per condition on the same
// random draws (common random numbers), each classified into trial types like the run's own metrics; sums per arm,
// paired differences per condition; cancellable between batches, with progress.
import type { Perturbation } from '@shared/domain/perturbation'
import type { ConditionResult, ExperimentResult } from '@shared/domain/perturbation-experiment'
import type { Simulation } from '../../engine'
import { ArmSums, type ArmBatch, type ArmModel } from './arm'
import type { ResolvedConditions } from './conditions'
import { pairedMean } from './stats'
import { binTimes } from './windows'

/** A simulation as the experiment reads it (Trainer.simulate's output). */
export type SimulatedBatch = Simulation

export interface ExperimentDeps {
  model: ArmModel & { stimBin: number }
  simulate(
    stimulus: Float32Array,
    seed: number,
    perturbations: Perturbation[],
    signal?: AbortSignal
  ): Promise<SimulatedBatch>
  classify(sim: SimulatedBatch): { outcome: Uint8Array; lick: Uint8Array; method: string }
  /** Neurons the perturbations drive together. */
  litNeurons(perturbations: Perturbation[]): number
}

export interface ExperimentPlan extends ResolvedConditions {
  runId: string
  checkpointStep: number
  stimulus: Float32Array
  seeds: number
  firstSeed: number
}

export interface ExperimentHooks {
  signal?: AbortSignal
  /** fraction in [0, 1] and what is being simulated. */
  onProgress?(fraction: number, stage: string): void
}

export async function runExperiment(
  plan: ExperimentPlan,
  deps: ExperimentDeps,
  hooks: ExperimentHooks = {}
): Promise<ExperimentResult> {
  const t0 = performance.now()
  const m = deps.model
  const control = new ArmSums(m)
  const arms = plan.conditions.map(() => new ArmSums(m))
  const paired = plan.conditions.map(() => ({ sum: 0, sq: 0, n: 0 }))
  const total = plan.seeds * (plan.conditions.length + 1)
  let done = 0
  let method = ''
  const step = (stage: string): void => hooks.onProgress?.(done / total, stage)
  for (let k = 0; k < plan.seeds; k++) {
    const seed = plan.firstSeed + k
    step(`seed ${k + 1}/${plan.seeds}: control`)
    const c = await batch(deps, plan.stimulus, seed, [], hooks.signal)
    method = c.method
    control.add(k, c)
    done++
    for (let i = 0; i < plan.conditions.length; i++) {
      const cond = plan.conditions[i]!
      step(`seed ${k + 1}/${plan.seeds}: ${cond.label}`)
      const p = await batch(deps, plan.stimulus, seed, cond.perturbations, hooks.signal)
      arms[i]!.add(k, p)
      const d = paired[i]!
      for (let b = 0; b < p.outcome.length; b++) {
        if (plan.stimulus[b] === 0) continue
        const x = (p.outcome[b] === 0 ? 1 : 0) - (c.outcome[b] === 0 ? 1 : 0)
        d.sum += x
        d.sq += x * x
        d.n++
      }
      done++
    }
  }
  hooks.onProgress?.(1, 'done')
  const bins = (w: [number, number]): [number, number] => [
    Math.ceil(w[0] / m.dt - 1e-9) + m.stimBin,
    Math.ceil(w[1] / m.dt - 1e-9) + m.stimBin
  ]
  const controlSummary = control.summary([0, 0])
  const conditions: ConditionResult[] = plan.conditions.map((cond, i) => {
    const wb = bins(cond.window)
    const perturbed = arms[i]!.summary(wb)
    const ctrlIn = control.areaRateIn(wb[0], wb[1])
    const d = pairedMean(paired[i]!.sum, paired[i]!.sq, paired[i]!.n)
    return {
      label: cond.label,
      area: cond.area,
      window: cond.window,
      windowName: cond.windowName,
      perturbations: cond.perturbations,
      nLitNeurons: deps.litNeurons(cond.perturbations),
      perturbed,
      deltaHitRate: d.mean,
      deltaHitRateCi95: d.ci95,
      deltaMix: Object.fromEntries(
        Object.entries(perturbed.mix).map(([o, v]) => [o, v - controlSummary.mix[o as keyof typeof perturbed.mix]])
      ) as ConditionResult['deltaMix'],
      deltaAreaRateHz: Object.fromEntries(
        Object.entries(perturbed.areaRateHz).map(([a, v]) => [a, v - (ctrlIn[a] ?? 0)])
      )
    }
  })
  return {
    runId: plan.runId,
    checkpointStep: plan.checkpointStep,
    areas: m.areas,
    timeS: binTimes({ nBins: m.nBins, dt: m.dt, stimBin: m.stimBin }),
    nTrials: plan.stimulus.length,
    seeds: plan.seeds,
    trialTypeMethod: method,
    control: controlSummary,
    conditions,
    grid: plan.grid,
    recorded: null,
    seconds: (performance.now() - t0) / 1000
  }
}

async function batch(
  deps: ExperimentDeps,
  stimulus: Float32Array,
  seed: number,
  p: Perturbation[],
  signal?: AbortSignal
): Promise<ArmBatch & { method: string }> {
  signal?.throwIfAborted()
  const sim = await deps.simulate(stimulus, seed, p, signal)
  const c = deps.classify(sim)
  return {
    spikes: sim.spikes,
    jaw: sim.jaw,
    stimulus: sim.stimulus,
    outcome: c.outcome,
    lick: c.lick,
    method: c.method
  }
}

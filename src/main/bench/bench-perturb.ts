// npm run bench:perturb: the full perturbation grid (2 areas × 4 standard windows, 200 trials × 5 seeds, control
// included: 9 × 1000 simulated trials) on a pseudodata-sized model (N = 500, T = 250 × 2 ms) on the fast path
// (wasm kernels, worker pool on 2 threads), classified like the run metrics. Prints one JSON line per repeat:
// {"name":"perturb-grid","conditions":8,"simulated_trials":9000,"seconds":…,"cpu_s":…}. Options: --repeat N,
// --threads T.
import { availableParallelism } from 'node:os'
import { parseArgs } from 'node:util'
import { fitConfigSchema } from '@shared/domain/model-config'
import { experimentRequestSchema } from '@shared/domain/perturbation-experiment'
import { createPoolRunner, createTrainer } from '../engine'
import { resolveConditions, stimulusMix } from '../analysis/perturbation/conditions'
import { runExperiment } from '../analysis/perturbation/experiment'
import { syntheticFitData } from './synthetic-data'

const SHAPE = {
  areas: 2,
  unitsPerArea: 250,
  sessions: 4,
  trialsPerSession: 100,
  nBins: 250,
  dt: 0.002,
  stimBin: 50,
  withJaw: true
}

async function once(threads: number): Promise<Record<string, unknown>> {
  const data = syntheticFitData(SHAPE)
  const cfg = fitConfigSchema.parse({
    model: { neuronsPerArea: 250, nInputs: 200 },
    optim: { batchSize: 200 },
    engine: { threads }
  })
  const trainer = await createTrainer(data, cfg, undefined, {
    createRunner: (o) => createPoolRunner({ ...o, backend: 'wasm', threads })
  })
  try {
    const params = trainer.exportParams()
    const req = experimentRequestSchema.parse({ runId: 'bench', grid: {}, nTrials: 200, seeds: 5 })
    const resolved = resolveConditions(req, data.areas, data)
    const plan = {
      ...resolved,
      runId: 'bench',
      checkpointStep: 0,
      stimulus: stimulusMix(
        data.sessions.flatMap((s) => Array.from(s.stimulus)),
        req.nTrials
      ),
      seeds: req.seeds,
      firstSeed: req.seed
    }
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    const r = await runExperiment(plan, {
      model: {
        areas: params.areas,
        neuronArea: params.neuronArea,
        neuronInhibitory: params.neuronInhibitory,
        nBins: data.nBins,
        dt: data.dt,
        stimBin: data.stimBin
      },
      simulate: (stimulus, seed, p) => trainer.simulate(stimulus, seed, p),
      classify: (sim) => trainer.classifyTrials(sim),
      litNeurons: (p) => trainer.compileLight(p).groups.reduce((s, g) => s + g.neurons.length, 0)
    })
    const seconds = (performance.now() - t0) / 1000
    const cpu = process.cpuUsage(cpu0)
    return {
      name: 'perturb-grid',
      conditions: r.conditions.length,
      control_included: true,
      simulated_trials: (r.conditions.length + 1) * req.nTrials * req.seeds,
      seconds: +seconds.toFixed(2),
      // this process's CPU seconds (the calling thread and the pool's workers)
      cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      threads: trainer.backend.threads,
      backend: trainer.backend.name,
      n_neurons: params.neuronArea.length,
      n_bins: data.nBins,
      control_hit_rate: +r.control.hitRate.toFixed(3),
      delta_hit_rate: Object.fromEntries(r.conditions.map((c) => [c.label, +c.deltaHitRate.toFixed(3)]))
    }
  } finally {
    await trainer.dispose()
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: 'string' }, threads: { type: 'string' } } })
  const repeat = Math.max(1, Number(values.repeat ?? 1))
  const threads = Number(values.threads ?? Math.min(2, availableParallelism()))
  for (let i = 0; i < repeat; i++) process.stdout.write(`${JSON.stringify(await once(threads))}\n`)
}

void main()

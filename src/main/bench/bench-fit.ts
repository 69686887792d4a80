// `npm run bench:fit`: fits the bundled two-area example for a fixed wall-clock budget and prints the held-out
// T'trial and PSTH correlations reached, beside the data's own ceilings; last line JSON {"name":"fit-quality"}.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { FitProgress } from '@shared/domain/fit'
import { fitConfigSchema } from '@shared/domain/model-config'
import * as io from '../io'
import { createContainer } from '../services/container'
import { exampleFiles } from '../services/datasets/domain'
import { runsServiceOf } from '../services/runs/domain'

/**
 * The benchmark's fit settings: the reference losses and dynamics on a network sized so that a few hundred
 * steps fit in minutes on a laptop CPU (overridable with --config).
 */
const BENCH_CONFIG = {
  model: { neuronsPerArea: 100 },
  optim: { batchSize: 64, lr: 2e-3, steps: 1_000_000, evalEvery: 10, checkpointEvery: 20, earlyStopPatience: 0 }
}

function merge(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...a }
  for (const [k, v] of Object.entries(b)) {
    const cur = out[k]
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object' ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v
  }
  return out
}

const r3 = (x: number | null | undefined): number | null => (typeof x === 'number' ? Math.round(x * 1000) / 1000 : null)

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '5' },
      config: { type: 'string' },
      threads: { type: 'string' },
      seed: { type: 'string', default: '0' },
      store: { type: 'string' }
    }
  })
  const minutes = Number(values.minutes)
  if (!(minutes > 0)) throw new Error(`--minutes: "${values.minutes}" is not a positive number`)
  let overrides = BENCH_CONFIG as Record<string, unknown>
  if (values.config) overrides = merge(overrides, JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>)
  if (values.threads) overrides = merge(overrides, { engine: { threads: Number(values.threads) } })
  const config = fitConfigSchema.parse(overrides)
  config.optim.seed = Number(values.seed)
  const dataDir = values.store ?? mkdtempSync(join(tmpdir(), 'rsnn-bench-fit-'))
  const container = await createContainer({ dataDir, mode: 'cli', io })
  try {
    const files = exampleFiles(container.examplesDir)
    if (files.length === 0) throw new Error(`no bundled example in ${container.examplesDir}`)
    const ds = await container.datasets.import({ files })
    const fits = runsServiceOf(container.domains)
    let lastLine = 0
    const off = container.events.subscribe((e) => {
      if (e.name !== 'fit.progress') return
      const p = e.payload as FitProgress
      if (Date.now() - lastLine < 10_000 && !p.sample) return
      lastLine = Date.now()
      const m = p.metrics
      process.stderr.write(
        `${Math.round(p.elapsedS)}s step ${p.step} loss ${r3(p.losses.total)} ${p.sPerStep.toFixed(2)} s/step` +
          (m ? ` held-out T'trial ${r3(m.t_trial_pearson)} PSTH ${r3(m.psth_pearson)}` : '') + '\n'
      )
    })
    const started = await fits.start({ datasetId: ds.dataset.id, config, minutes })
    const end = await fits.waitFor(started.id)
    off()
    if (end.status !== 'completed') throw new Error(`the fit ended ${end.status}: ${end.error?.message ?? ''}`)
    const best = await fits.evaluate(end.id, { which: 'best' })
    const m = best.metrics
    const ratio = (a: number | null, b: number | null): number | null => (a !== null && b ? r3(a / b) : null)
    process.stdout.write(
      `${end.step} steps in ${Math.round(end.elapsedS)} s (${end.backend}, ${end.threads} thread${end.threads === 1 ? '' : 's'}); ` +
        `best held-out loss at step ${best.step}\n` +
        `held-out T'trial Pearson ${r3(m.t_trial_pearson)}  (data split-half ceiling ${r3(m.t_trial_pearson_ceiling)})\n` +
        `held-out PSTH Pearson    ${r3(m.psth_pearson)}  (data split-half ceiling ${r3(m.psth_pearson_ceiling)})\n`
    )
    const line = {
      name: 'fit-quality',
      minutes,
      steps: end.step,
      seconds: r3(end.elapsedS),
      s_per_step: r3(end.step ? end.elapsedS / end.step : null),
      best_step: best.step,
      t_trial_pearson: r3(m.t_trial_pearson),
      t_trial_pearson_ceiling: r3(m.t_trial_pearson_ceiling),
      psth_pearson: r3(m.psth_pearson),
      psth_pearson_ceiling: r3(m.psth_pearson_ceiling),
      t_trial_ratio: ratio(m.t_trial_pearson, m.t_trial_pearson_ceiling),
      psth_ratio: ratio(m.psth_pearson, m.psth_pearson_ceiling),
      final: end.metrics ? { t_trial_pearson: r3(end.metrics.t_trial_pearson), psth_pearson: r3(end.metrics.psth_pearson) } : null,
      backend: end.backend,
      threads: end.threads,
      config: { neuronsPerArea: config.model.neuronsPerArea, batchSize: config.optim.batchSize, lr: config.optim.lr, seed: config.optim.seed }
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
  } finally {
    await container.close()
    if (!values.store) rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:fit failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
})

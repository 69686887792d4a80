// `npm run bench:fit`: fits the bundled two-area example (or --dataset DIR|FILE,FILE…) for a fixed wall-clock
// budget and prints the held-out T'trial and PSTH correlations reached, beside the data's own ceilings, as JSON
// lines {"name":"fit-quality"} and {"name":"fit-time-to-quality"} (when T'trial first reached 80/90/95 % of its ceiling;
// the same for the neural-only T'trial, without the jaw block: t95_neural_s …).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import type { FitProgress } from '@shared/domain/fit'
import { fitConfigSchema } from '@shared/domain/model-config'
import { autoSettings, datasetShape, presetIds, presets, type PresetId } from '@shared/domain/fit-presets'
import * as io from '../io'
import { createContainer } from '../services/container'
import { exampleFiles } from '../services/datasets/domain'
import { runsServiceOf } from '../services/runs/domain'
import { QualityTimes, r3 } from './quality-times'

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
    out[k] =
      v && typeof v === 'object' && !Array.isArray(v) && cur && typeof cur === 'object'
        ? merge(cur as Record<string, unknown>, v as Record<string, unknown>)
        : v
  }
  return out
}

function datasetFiles(spec: string): string[] {
  if (spec.includes(',') || !statSync(spec).isDirectory()) return spec.split(',').filter(Boolean)
  return exampleFiles(spec)
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      /** Wall-clock budget; default 5, or the preset's (Thorough: 30). */
      minutes: { type: 'string' },
      /** quick | standard | thorough: the preset's settings for the dataset over the --settings/--config ones. */
      preset: { type: 'string' },
      config: { type: 'string' },
      threads: { type: 'string' },
      seed: { type: 'string', default: '0' },
      store: { type: 'string' },
      /** A folder of NWB files or a comma-separated list of files; the bundled example when absent. */
      dataset: { type: 'string' },
      /** 'bench' = BENCH_CONFIG (the bundled example's default), 'default' = what a fit with no settings gets. */
      settings: { type: 'string' },
      /** Also print every evaluation's (step, seconds, CPU seconds, T'trial / ceiling, neural-only T'trial / ceiling). */
      curve: { type: 'boolean', default: false },
      /** End the fit once an evaluation's held-out T'trial reaches this fraction of its ceiling (e.g. 0.95). */
      'stop-at': { type: 'string' },
      /** Which T'trial --stop-at watches: 't-trial' (default) or 'neural' (the neural-only one, without the jaw). */
      'stop-on': { type: 'string', default: 't-trial' },
      /** End the fit after this many steps (the step target), whatever the time budget. */
      'max-steps': { type: 'string' },
      /**
       * 'suggested': the loss smoothing and model step `rsnn fit` and the Fit settings view choose from the data's
       * ceilings (where the settings leave them unset); absent: 12 ms and the data's bin width, as before.
       */
      timescale: { type: 'string' }
    }
  })
  const preset = values.preset
  if (preset !== undefined && !(presetIds as readonly string[]).includes(preset))
    throw new Error(`--preset: "${preset}" is not ${presetIds.join(', ')}`)
  let minutes = Number(values.minutes ?? (preset ? (presets[preset as PresetId].minutes ?? 30) : 5))
  if (!(minutes > 0)) throw new Error(`--minutes: "${values.minutes}" is not a positive number`)
  const settings = values.settings ?? (values.dataset ? 'default' : 'bench')
  if (settings !== 'bench' && settings !== 'default')
    throw new Error(`--settings: "${settings}" is not bench or default`)
  let overrides = (settings === 'bench' ? BENCH_CONFIG : {}) as Record<string, unknown>
  if (values.config)
    overrides = merge(overrides, JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>)
  if (values.threads) overrides = merge(overrides, { engine: { threads: Number(values.threads) } })
  const stopAt = values['stop-at'] === undefined ? null : Number(values['stop-at'])
  if (stopAt !== null && !(stopAt > 0 && stopAt <= 1))
    throw new Error(`--stop-at: "${values['stop-at']}" is not a fraction in (0, 1]`)
  const stopOn = values['stop-on']
  if (stopOn !== 't-trial' && stopOn !== 'neural') throw new Error(`--stop-on: "${stopOn}" is not t-trial or neural`)
  const maxSteps = values['max-steps'] === undefined ? null : Number(values['max-steps'])
  if (maxSteps !== null && !(Number.isInteger(maxSteps) && maxSteps > 0))
    throw new Error(`--max-steps: "${values['max-steps']}" is not a positive integer`)
  let config = fitConfigSchema.parse(overrides)
  config.optim.seed = Number(values.seed)
  const dataDir = values.store ?? mkdtempSync(join(tmpdir(), 'rsnn-bench-fit-'))
  const container = await createContainer({ dataDir, mode: 'cli', io })
  try {
    const files = values.dataset ? datasetFiles(values.dataset) : exampleFiles(container.examplesDir)
    if (files.length === 0)
      throw new Error(
        values.dataset
          ? `--dataset: no .nwb file in ${values.dataset}`
          : `no bundled example in ${container.examplesDir}`
      )
    const ds = await container.datasets.import({ files })
    if (values.timescale !== undefined && values.timescale !== 'suggested')
      throw new Error(`--timescale: "${values.timescale}" is not suggested`)
    if (values.timescale === 'suggested') {
      const raw = overrides as { loss?: { filterMs?: number }; model?: { dtMs?: number } }
      const setFilter = raw.loss?.filterMs !== undefined
      const s = await container.timescales.suggest(
        ds.dataset.id,
        config.model,
        setFilter ? config.loss.filterMs : undefined
      )
      if (s) {
        if (!setFilter) config.loss.filterMs = s.filterMs
        if (raw.model?.dtMs === undefined) config.model.dtMs = s.dtMs
        process.stderr.write(`time scale: ${s.reason}\n`)
      }
    }
    if (preset) {
      const threads = config.engine.threads > 0 ? config.engine.threads : availableParallelism()
      const auto = autoSettings(preset as PresetId, datasetShape(ds.sessions, config.model.dtMs), threads, config)
      config = auto.config
      if (values.minutes === undefined && auto.minutes !== null) minutes = auto.minutes
      for (const c of auto.choices) process.stderr.write(`preset ${preset}: ${c.text}\n`)
    }
    if (maxSteps !== null) config.optim.steps = maxSteps
    const fits = runsServiceOf(container.domains)
    let lastLine = 0
    const reached = new QualityTimes()
    let runId: string | null = null
    let stoppedAtTarget = false
    const off = container.events.subscribe((e) => {
      if (e.name !== 'fit.progress') return
      const p = e.payload as FitProgress
      reached.see(p)
      const best = stopOn === 'neural' ? reached.neural.best : reached.full.best
      if (stopAt !== null && runId !== null && !stoppedAtTarget && best >= stopAt) {
        stoppedAtTarget = true // measured what was asked: the rest of the budget would only cost machine time
        const what = stopOn === 'neural' ? "neural-only T'trial" : "T'trial"
        process.stderr.write(`step ${p.step}: held-out ${what} reached ${stopAt} of its ceiling, stopping\n`)
        fits.cancel(runId)
      }
      if (Date.now() - lastLine < 10_000 && !p.sample) return
      lastLine = Date.now()
      const m = p.metrics
      process.stderr.write(
        `${Math.round(p.elapsedS)}s step ${p.step} loss ${r3(p.losses.total)} ${p.sPerStep.toFixed(2)} s/step` +
          (m
            ? ` held-out T'trial ${r3(m.t_trial_pearson)} (neurons only ${r3(m.t_trial_neural_pearson)})` +
              ` PSTH ${r3(m.psth_pearson)}`
            : '') +
          '\n'
      )
    })
    const started = await fits.start({ datasetId: ds.dataset.id, config, minutes })
    runId = started.id
    const end = await fits.waitFor(started.id)
    off()
    if (end.status !== 'completed' && !(stoppedAtTarget && end.status === 'cancelled'))
      throw new Error(`the fit ended ${end.status}: ${end.error?.message ?? ''}`)
    const best = await fits.evaluate(end.id, { which: 'best' })
    const m = best.metrics
    const ratio = (a: number | null, b: number | null): number | null => (a !== null && b ? r3(a / b) : null)
    process.stdout.write(
      `${end.step} steps in ${Math.round(end.elapsedS)} s (${end.backend}, ${end.threads} thread${end.threads === 1 ? '' : 's'}); ` +
        `best checkpoint (highest held-out T'trial) at step ${best.step}\n` +
        `held-out T'trial Pearson ${r3(m.t_trial_pearson)}  (data split-half ceiling ${r3(m.t_trial_pearson_ceiling)})\n` +
        `  neurons only           ${r3(m.t_trial_neural_pearson)}  (data split-half ceiling ${r3(m.t_trial_neural_pearson_ceiling)})\n` +
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
      t_trial_neural_pearson: r3(m.t_trial_neural_pearson),
      t_trial_neural_pearson_ceiling: r3(m.t_trial_neural_pearson_ceiling),
      psth_pearson: r3(m.psth_pearson),
      psth_pearson_ceiling: r3(m.psth_pearson_ceiling),
      t_trial_ratio: ratio(m.t_trial_pearson, m.t_trial_pearson_ceiling),
      t_trial_neural_ratio: ratio(m.t_trial_neural_pearson, m.t_trial_neural_pearson_ceiling),
      psth_ratio: ratio(m.psth_pearson, m.psth_pearson_ceiling),
      final: end.metrics
        ? {
            t_trial_pearson: r3(end.metrics.t_trial_pearson),
            t_trial_neural_pearson: r3(end.metrics.t_trial_neural_pearson),
            psth_pearson: r3(end.metrics.psth_pearson)
          }
        : null,
      backend: end.backend,
      threads: end.threads,
      config: {
        neuronsPerArea: config.model.neuronsPerArea,
        batchSize: config.optim.batchSize,
        lr: config.optim.lr,
        seed: config.optim.seed
      },
      preset: preset ?? null,
      smoothing_ms: config.loss.filterMs,
      dt_ms: config.model.dtMs ?? null
    }
    process.stdout.write(`${JSON.stringify(line)}\n`)
    const rollbacks = fits
      .get(end.id)
      .events.filter((e) => e.kind === 'diverged')
      .map((e) => e.step)
    process.stdout.write(`${JSON.stringify(reached.line(end.step, end.elapsedS, end.threads, rollbacks))}\n`)
    if (values.curve)
      process.stdout.write(`${JSON.stringify({ name: 'fit-quality-curve', evaluations: reached.evals })}\n`)
  } finally {
    await container.close()
    if (!values.store) rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:fit failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
})

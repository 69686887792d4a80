// `rsnn fit DATASET`: start a fit from the command line, follow it (progress bar on a TTY, plain lines
// otherwise; Ctrl-C cancels, keeping the last checkpoint) and print the final held-out metrics.
import { readFileSync } from 'node:fs'
import { AppError } from '@shared/contract/errors'
import type { Api } from '@shared/contract/methods'
import { headlineMetricKeys, type RunSummary } from '@shared/domain/fit'
import { planLines } from '@shared/domain/fit-plan'
import { numberOption, type ParsedArgs } from './args'
import { applyFitPreset, presetOption } from './fit-preset'
import { resolveFitTimescale, timescaleOptions } from './fit-timescale'
import type { CliCommand, CliContext } from './command'
import { tTrialText } from './t-trial-text'

/** Options of a fit session shared by `fit` and `resume`. */
export const sessionOptions = {
  steps: { type: 'string' },
  minutes: { type: 'string' }
} as const

/** Optional positive number option, or AppError naming it. */
export function positiveOption(values: ParsedArgs['values'], name: string, integer = false): number | undefined {
  const v = values[name]
  if (typeof v !== 'string') return undefined
  const n = numberOption(v, `--${name}`)
  if (n <= 0 || (integer && !Number.isInteger(n))) {
    throw new AppError('INVALID_INPUT', `"${v}" is not a positive ${integer ? 'integer' : 'number'}`, {
      field: `--${name}`
    })
  }
  return n
}

function readConfigFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new AppError('IO_ERROR', `cannot read the config file: ${(err as Error).message}`, { file })
  }
  try {
    return JSON.parse(text) as unknown
  } catch (err) {
    throw new AppError('BAD_VALUE', `not valid JSON: ${(err as Error).message}`, { file })
  }
}

function duration(s: number): string {
  if (!Number.isFinite(s)) return '?'
  if (s < 90) return `${Math.round(s)}s`
  if (s < 5400) return `${Math.round(s / 60)}m`
  return `${(s / 3600).toFixed(1)}h`
}

/** Minimum interval between plain progress lines when stderr is not a terminal, ms. */
const PLAIN_LINE_MS = 5000

const fmt = (x: number | null | undefined, digits = 3): string => (typeof x === 'number' ? x.toFixed(digits) : '-')

/** The `fit-result` JSON line (held-out metrics; ceilings are data-vs-data). */
export function fitResult(run: RunSummary): Record<string, unknown> {
  const m = run.metrics
  const headline = Object.fromEntries(headlineMetricKeys.map((k) => [k, m ? m[k] : null]))
  return {
    name: 'fit-result',
    run: run.id,
    steps: run.step,
    seconds: Math.round(run.elapsedS * 100) / 100,
    status: run.status,
    stopReason: run.stopReason,
    metrics: m ? { ...headline, ...m } : headline,
    best: { step: run.bestStep, tTrial: run.bestTTrial },
    backend: run.backend,
    threads: run.threads
  }
}

/**
 * Follows a started run to its end: progress on stderr, Ctrl-C → cancel. Prints the result (one JSON line
 * with --json) and returns the exit code: 0 completed, 1 failed, 130 cancelled by Ctrl-C.
 */
export async function followRun(
  ctx: CliContext,
  run: RunSummary,
  ceilingWarning: string | null = null
): Promise<number> {
  let interrupted = false
  const onSigint = (): void => {
    interrupted = true
    ctx.out.clearBar()
    process.stderr.write('Cancelling (the last checkpoint is kept; `resume` continues it)…\n')
    void ctx.api['runs.cancel']({ id: run.id }).catch((err: unknown) =>
      process.stderr.write(`cannot cancel: ${(err as Error).message}\n`)
    )
  }
  process.on('SIGINT', onSigint)
  // Logs (no TTY) get a line every few seconds and on each evaluation, not every progress event.
  const tty = Boolean(ctx.out.stderr.isTTY)
  let lastLine = -Infinity
  const off = ctx.on('fit.progress', (p) => {
    if (p.runId !== run.id) return
    const now = Date.now()
    if (!tty && now - lastLine < PLAIN_LINE_MS && !p.sample) return
    lastLine = now
    const limit = run.timeLimitS
    const byTime = limit ? (p.elapsedS - run.elapsedS) / limit : 0
    const frac = Math.max(p.targetSteps ? p.step / p.targetSteps : 0, byTime)
    const metric = p.metrics?.t_trial_pearson
    const neural = p.metrics?.t_trial_neural_pearson
    ctx.out.progress(
      frac,
      `step ${p.step}/${p.targetSteps} loss ${fmt(p.losses.total)} ${p.sPerStep.toFixed(2)} s/step ETA ${duration(p.etaS ?? NaN)}` +
        (metric !== undefined && metric !== null ? ` T'trial ${fmt(metric)}` : '') +
        (typeof neural === 'number' ? ` (neurons only ${fmt(neural)})` : '')
    )
  })
  let end: RunSummary
  let patience: number
  try {
    await runEnded(ctx, run.id)
    const detail = await ctx.api['runs.get']({ id: run.id, maxPoints: 2 })
    end = detail.run
    patience = detail.config.optim.earlyStopPatience
  } finally {
    off()
    process.off('SIGINT', onSigint)
    ctx.out.clearBar()
  }
  if (ctx.json)
    ctx.out.line(JSON.stringify({ ...fitResult(end), ...(ceilingWarning ? { ceiling_warning: ceilingWarning } : {}) }))
  else {
    ctx.out.line(
      `run ${end.id}: ${end.status}${end.stopReason ? ` (${end.stopReason})` : ''} after ${end.step} steps, ${duration(end.elapsedS)}`
    )
    if (end.error) ctx.out.line(`error: ${end.error.message}`)
    if (end.stopReason === 'early-stopped')
      ctx.out.line(
        `stopped early: the held-out T'trial had not improved for ${patience} evaluation${patience === 1 ? '' : 's'}`
      )
    if (end.bestStep !== null)
      ctx.out.line(`best held-out T'trial ${fmt(end.bestTTrial)} at step ${end.bestStep} (the best checkpoint)`)
    const m = end.metrics
    if (m) {
      ctx.out.line(`held-out ${tTrialText(m)}  (model / data ceiling)`)
      ctx.out.line(`held-out PSTH Pearson    ${fmt(m.psth_pearson)} (data ceiling ${fmt(m.psth_pearson_ceiling)})`)
      if (ceilingWarning) ctx.out.line(`  ⚠ ${ceilingWarning}`)
    }
  }
  if (end.status === 'completed') return 0
  return interrupted ? 130 : 1
}

/** Resolves once the run's session has ended (finished, cancelled or failed), also if it ended already. */
function runEnded(ctx: CliContext, id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const offs: (() => void)[] = []
    const done = (): void => {
      offs.forEach((off) => off())
      resolve()
    }
    const mine = (p: { runId: string }): void => {
      if (p.runId === id) done()
    }
    offs.push(ctx.on('fit.finished', mine), ctx.on('fit.cancelled', mine), ctx.on('fit.failed', mine))
    // Listening started after runs.start/resume answered: the session may have ended in between.
    ctx.api['runs.get']({ id, maxPoints: 2 }).then(
      ({ run }) => {
        if (!liveStatuses.has(run.status)) done()
      },
      (err: unknown) => {
        offs.forEach((off) => off())
        reject(err instanceof Error ? err : new Error(String(err)))
      }
    )
  })
}

const liveStatuses = new Set<RunSummary['status']>(['queued', 'running', 'paused'])

export const fitCommand: CliCommand = {
  summary: 'fit an RSNN to a stored dataset (Ctrl-C cancels; `resume RUN` continues)',
  usage:
    'DATASET [--preset quick|standard|thorough] [--config file.json] [--smoothing MS] [--dt MS] [--steps N] [--minutes M] [--seed S] [--threads T] ' +
    '[--name N] [--plan] [--json]   (smoothing and dt not set: chosen from the data; a preset chooses batch, evaluation ' +
    "cadence, learning-rate schedule and time budget from the dataset's size and says so; neither --preset nor " +
    "--config: the Standard preset's choices, said in one line; --plan: print the resolved " +
    'model and expected duration, start nothing)',
  options: {
    config: { type: 'string' },
    ...timescaleOptions,
    ...presetOption,
    seed: { type: 'string' },
    threads: { type: 'string' },
    name: { type: 'string' },
    plan: { type: 'boolean' },
    ...sessionOptions
  },
  async run(ctx, args) {
    const { positionals, values } = args
    const dataset = positionals[0]
    if (!dataset || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one dataset (id or name)', { field: 'DATASET' })
    const config = (typeof values['config'] === 'string' ? readConfigFile(values['config']) : {}) as Record<
      string,
      unknown
    >
    const threads = positiveOption(values, 'threads', true)
    if (threads !== undefined) config['engine'] = { ...(config['engine'] as object | undefined), threads }
    const seedText = values['seed']
    const seed = typeof seedText === 'string' ? numberOption(seedText, '--seed') : undefined
    const steps = positiveOption(values, 'steps', true)
    const timescale = await resolveFitTimescale(ctx, dataset, config, values)
    const preset = await applyFitPreset(ctx, dataset, config, values)
    const minutes = positiveOption(values, 'minutes') ?? preset?.minutes ?? undefined
    const request = {
      datasetId: dataset,
      config: config as Parameters<Api['runs.start']>[0]['config'],
      ...(seed !== undefined ? { seed } : {}),
      ...(steps !== undefined ? { steps } : {}),
      ...(minutes !== undefined ? { minutes } : {})
    }
    // the resolved model before anything starts: what the engine will really use, and how long it should take
    const plan = await ctx.api['runs.plan'](request)
    if (ctx.json) ctx.out.line(JSON.stringify({ name: 'fit-plan', ...plan }))
    else for (const l of planLines(plan)) ctx.out.line(l)
    if (values['plan'] === true) return 0
    const run = await ctx.api['runs.start']({
      ...request,
      ...(typeof values['name'] === 'string' ? { name: values['name'] } : {}),
      ...(timescale.note || preset
        ? { notes: [timescale.note, preset?.note].filter((n): n is string => Boolean(n)) }
        : {})
    })
    if (!ctx.json)
      ctx.out.line(`run ${run.id} started on dataset ${run.datasetName} (seed ${run.seed}, ${run.targetSteps} steps)`)
    return followRun(ctx, run, timescale.suggestion?.warning ?? null)
  }
}

// `rsnn perturb RUN`: in-silico optogenetics on a fitted run — one condition (--area, --window) or the area ×
// window grid (--grid) — simulated with common random numbers over seeds; prints per condition the Hit rate with
// its 95 % interval against control and the change, and with --json a last line {"name":"perturb-result",…}.
// Like the UI it is a client: perturbations.start, progress and end events, perturbations.cancel on Ctrl-C.
import { AppError } from '@shared/contract/errors'
import {
  experimentRequestSchema,
  type ExperimentResult,
  type ExperimentRequestInput
} from '@shared/domain/perturbation-experiment'
import { numberOption, type ParsedArgs } from './args'
import type { CliCommand } from './command'
import { followExperiment } from './perturb-follow'
import { perturbResultLine } from './perturb-result'
import { runConditions } from './dataset-conditions'

const str = (v: ParsedArgs['values'][string]): string | undefined => (typeof v === 'string' ? v : undefined)

function pair(v: string, option: string): [number, number] {
  const parts = v.split(',')
  if (parts.length !== 2) throw new AppError('INVALID_INPUT', `"${v}" is not two numbers t0,t1`, { field: option })
  const w: [number, number] = [numberOption(parts[0]!, option), numberOption(parts[1]!, option)]
  if (!(w[1] > w[0])) throw new AppError('INVALID_INPUT', `window ${v} ends before it starts`, { field: option })
  return w
}

/** --windows "baseline=-0.1,0;response=0.2,0.4" → named windows. */
function namedWindows(v: string): { name: string; window: [number, number] }[] {
  return v
    .split(';')
    .filter((x) => x.trim() !== '')
    .map((item) => {
      const [name, range] = item.split('=')
      if (!name || !range) throw new AppError('INVALID_INPUT', `"${item}" is not name=t0,t1`, { field: '--windows' })
      return { name: name.trim(), window: pair(range, '--windows') }
    })
}

/** The experiment request from the command line (validated by the contract schema, errors naming the option). */
export function requestFromArgs(runId: string, values: ParsedArgs['values']): ExperimentRequestInput {
  const num = (name: string): number | undefined =>
    str(values[name]) === undefined ? undefined : numberOption(str(values[name])!, `--${name}`)
  const light = {
    ...(str(values['population']) ? { population: str(values['population']) } : {}),
    ...(num('strength') !== undefined ? { strength: num('strength') } : {}),
    ...(str(values['waveform']) ? { waveform: str(values['waveform']) } : {}),
    ...(num('frequency') !== undefined ? { frequencyHz: num('frequency') } : {}),
    ...(num('ramp') !== undefined ? { rampS: num('ramp') } : {}),
    ...(num('fraction') !== undefined ? { fraction: num('fraction') } : {})
  }
  const areas = str(values['area'])
    ?.split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
  const grid = values['grid'] === true
  const recorded = values['recorded'] === true
  const window = str(values['window'])
  const single = !grid && !(recorded && !areas)
  if (!grid && !recorded && (!areas || areas.length === 0))
    throw new AppError('INVALID_INPUT', 'give --area A[,B] and --window t0,t1, or --grid', { field: '--area' })
  if (single && !window)
    throw new AppError('INVALID_INPUT', 'give --window t0,t1 (s relative to the alignment event), or --grid', {
      field: '--window'
    })
  const windows = str(values['windows'])
  const req = {
    runId,
    ...(str(values['checkpoint'])
      ? {
          checkpoint: /^\d+$/.test(str(values['checkpoint'])!)
            ? Number(str(values['checkpoint']))
            : str(values['checkpoint'])
        }
      : {}),
    conditions: single ? [{ perturbations: [{ areas: areas!, window: pair(window!, '--window'), ...light }] }] : [],
    ...(recorded ? { recorded: true } : {}),
    ...(grid
      ? { grid: { ...(areas ? { areas } : {}), ...(windows ? { windows: namedWindows(windows) } : {}), light } }
      : {}),
    ...(num('n-trials') !== undefined ? { nTrials: num('n-trials') } : {}),
    ...(num('seeds') !== undefined ? { seeds: num('seeds') } : {}),
    ...(num('seed') !== undefined ? { seed: num('seed') } : {}),
    ...(num('threads') !== undefined ? { threads: num('threads') } : {})
  }
  const parsed = experimentRequestSchema.safeParse(req)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = issue.path.map(String)
    const option = path.includes('strength')
      ? '--strength'
      : path.includes('population')
        ? '--population'
        : path.includes('waveform')
          ? '--waveform'
          : path.includes('window')
            ? '--window'
            : `--${path.at(-1) ?? 'area'}`
    throw new AppError('INVALID_INPUT', `${issue.message} (${path.join('.')})`, { field: option })
  }
  return req as ExperimentRequestInput
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
const ci = (c: [number, number]): string => `[${pct(c[0])}, ${pct(c[1])}]`

/** The result in lines; `hit` is the dataset's label of the Hit code ("correct rate" in a correct/incorrect task). */
function printTable(out: { line(s?: string): void }, r: ExperimentResult, hit: string): void {
  out.line(
    `control: ${hit} rate ${pct(r.control.hitRate)} ${ci(r.control.hitRateCi95)}, lick ${pct(r.control.lickProbability)}, jaw ${r.control.jawMean.toFixed(3)} ± ${r.control.jawSd.toFixed(3)}   (${r.nTrials} trials × ${r.seeds} seeds; trial types by ${r.trialTypeMethod})`
  )
  for (const c of r.conditions) {
    const rates = Object.entries(c.deltaAreaRateHz)
      .map(([a, v]) => `${a} ${v >= 0 ? '+' : ''}${v.toFixed(1)} Hz`)
      .join(', ')
    out.line(
      `  ${c.label.padEnd(24)} ${hit} ${pct(c.perturbed.hitRate)} ${ci(c.perturbed.hitRateCi95)}  Δ ${c.deltaHitRate >= 0 ? '+' : ''}${pct(c.deltaHitRate)} ${ci(c.deltaHitRateCi95)}  lick ${pct(c.perturbed.lickProbability)}  rate Δ ${rates}`
    )
  }
  if (r.recorded) {
    out.line('')
    out.line(`recorded vs model Δ ${hit} rate:`)
    for (const x of r.recorded.conditions)
      out.line(
        `  ${x.label.padEnd(24)} recorded ${x.deltaHitRate === null ? '-' : pct(x.deltaHitRate)} (${x.nTrials} trials)   model ${x.modelDeltaHitRate === null ? '-' : pct(x.modelDeltaHitRate)}`
      )
    const a = r.recorded.agreement
    out.line(
      `  agreement over ${a.n} conditions: Pearson r ${a.pearson === null ? '-' : a.pearson.toFixed(3)}, mean |difference| ${a.meanAbsDiff === null ? '-' : pct(a.meanAbsDiff)}`
    )
  }
  if (r.grid) {
    out.line('')
    out.line(`Δ ${hit} rate, area × window:`)
    out.line(`  ${''.padEnd(14)}${r.grid.windows.map((w) => w.name.padStart(11)).join('')}`)
    for (const a of r.grid.areas) {
      const row = r.grid.windows.map((w) => r.conditions.find((c) => c.area === a && c.windowName === w.name)!)
      out.line(
        `  ${a.padEnd(14)}${row.map((c) => `${c.deltaHitRate >= 0 ? '+' : ''}${pct(c.deltaHitRate)}`.padStart(11)).join('')}`
      )
    }
  }
}

export const perturbCommand: CliCommand = {
  summary: 'in-silico optogenetics: silence (or drive) areas in a window, predict the trial-type mix, jaw and rates',
  usage:
    'RUN --area A[,B] --window t0,t1 [--strength S] [--population inh|exc|all] [--waveform const|sine] [--frequency HZ] [--ramp S]\n' +
    '       [--fraction F] [--n-trials N] [--seeds K] [--seed S] [--checkpoint best|last|STEP] [--threads T] [--json]\n' +
    '     RUN --grid [--area A,B] [--windows "baseline=-0.1,0;response=0.2,0.4"] [same light options]   (area × window ΔHit table)\n' +
    "     RUN --recorded [--grid]   (the dataset's recorded perturbations, imported with --perturbation-column/-map, vs the model)",
  options: {
    area: { type: 'string' },
    window: { type: 'string' },
    windows: { type: 'string' },
    grid: { type: 'boolean' },
    recorded: { type: 'boolean' },
    strength: { type: 'string' },
    population: { type: 'string' },
    waveform: { type: 'string' },
    frequency: { type: 'string' },
    ramp: { type: 'string' },
    fraction: { type: 'string' },
    'n-trials': { type: 'string' },
    seeds: { type: 'string' },
    seed: { type: 'string' },
    checkpoint: { type: 'string' },
    threads: { type: 'string' }
  },
  async run(ctx, { positionals, values }) {
    const runId = positionals[0]
    if (!runId || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one run id', { field: 'RUN' })
    const { id, result } = await followExperiment(ctx, requestFromArgs(runId, values))
    if (ctx.json) ctx.out.line(JSON.stringify(perturbResultLine(id, result)))
    else {
      ctx.out.line(
        `experiment ${id} on run ${runId} (checkpoint step ${result.checkpointStep}), ${result.seconds.toFixed(1)} s`
      )
      printTable(ctx.out, result, (await runConditions(ctx, runId)).labels.Hit)
    }
  }
}

export const experimentsCommand: CliCommand = {
  summary: 'perturbation experiments stored with a run',
  usage: 'RUN [--json]',
  options: {},
  async run(ctx, { positionals }) {
    const runId = positionals[0]
    if (!runId || positionals.length > 1)
      throw new AppError('INVALID_INPUT', 'give exactly one run id', { field: 'RUN' })
    const list = await ctx.api['perturbations.list']({ runId })
    if (ctx.json) ctx.out.line(JSON.stringify(list))
    else if (list.length === 0) ctx.out.line(`run ${runId} has no perturbation experiments`)
    else
      for (const e of list)
        ctx.out.line(
          `${e.id}  ${e.status.padEnd(9)} ${e.createdAt}  ${e.nConditions} conditions  ${e.label}${e.error ? `  (${e.error})` : ''}`
        )
  }
}

// `npm run bench:timescale`: on a generated recording with slow (≈ 200 ms) trial-locked modulation, the data's
// split-half ceilings at the default smoothing and time step (12 ms, 2 ms) and at the suggested ones, and the
// engine's seconds per training step at 2 ms and at the suggested dt (repeated, alternating, with the spread).
// Prints JSON lines: "ceiling-ladder", "timescale-suggestion", "ceilings-before-after", one "step-time" per dt
// and repeat, then "step-time-summary".
import { parseArgs } from 'node:util'
import type { SessionData } from '@shared/domain/dataset'
import { resolveFitConfig, type FitConfig } from '@shared/domain/model-config'
import { suggestTimescale } from '@shared/domain/timescale'
import { ceilingLadder, createTrainer } from '../engine'
import { prepareFitData } from '../services/runs/fit-data'
import { computeCeilings } from '../services/timescale/dataset-timescales'
import { slowSession } from './slow-session'

const DEFAULTS = resolveFitConfig({})
const r4 = (x: number): number | null => (Number.isFinite(x) ? Math.round(x * 1e4) / 1e4 : null)
const line = (o: Record<string, unknown>): void => void process.stdout.write(JSON.stringify(o) + '\n')

/** The ceilings (split and evaluation batch of a default fit) at one smoothing width on data at `dtMs`. */
function ceilingsAt(
  sessions: SessionData[],
  filterMs: number,
  dtMs: number
): { filter_ms: number; dt_ms: number; t_trial: number | null; psth_r: number | null } {
  const { data } = prepareFitData(sessions, DEFAULTS.optim.heldOutFraction, null, 'generated', dtMs)
  const [p] = ceilingLadder(data, DEFAULTS.loss, DEFAULTS.optim.batchSize, [filterMs])
  return { filter_ms: filterMs, dt_ms: dtMs, t_trial: r4(p!.tTrial), psth_r: r4(p!.psthR) }
}

/** Seconds per step of `steps` training steps after one warm-up step. */
async function secondsPerStep(sessions: SessionData[], cfg: FitConfig, steps: number): Promise<number> {
  const { data } = prepareFitData(sessions, cfg.optim.heldOutFraction, null, 'generated', cfg.model.dtMs)
  const trainer = await createTrainer(data, cfg)
  try {
    await trainer.runStep()
    const t = performance.now()
    for (let i = 0; i < steps; i++) await trainer.runStep()
    return (performance.now() - t) / 1000 / steps
  } finally {
    await trainer.dispose()
  }
}

function spread(xs: number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
  return { median: r4(median)!, min: r4(s[0]!)!, max: r4(s[s.length - 1]!)! }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'tau-ms': { type: 'string', default: '200' },
      steps: { type: 'string', default: '5' },
      repeats: { type: 'string', default: '3' },
      threads: { type: 'string', default: '1' },
      'neurons-per-area': { type: 'string', default: '100' },
      'batch-size': { type: 'string', default: '64' },
      seed: { type: 'string', default: '1' }
    }
  })
  const tauMs = Number(values['tau-ms'])
  const steps = Number(values.steps)
  const repeats = Number(values.repeats)
  const sessions = [slowSession({ tauMs, seed: Number(values.seed) })]
  const s0 = sessions[0]!
  line({
    name: 'dataset',
    tau_ms: tauMs,
    units: s0.units.length,
    trials: s0.trials.length,
    window_s: [s0.binning.start, s0.binning.stop],
    dt_ms: s0.binning.dt * 1000
  })

  const ladder = computeCeilings(sessions, 'generated')
  line({ name: 'ceiling-ladder', ceilings_by_smoothing: ladder })
  const suggestion = suggestTimescale(ladder, { tauExcMs: DEFAULTS.model.tauExcMs, tauInhMs: DEFAULTS.model.tauInhMs })
  if (!suggestion) throw new Error('the generated data gave no positive ceiling: no suggestion')
  line({ name: 'timescale-suggestion', ...suggestion })
  const before = ceilingsAt(sessions, DEFAULTS.loss.filterMs, s0.binning.dt * 1000)
  const after = ceilingsAt(sessions, suggestion.filterMs, suggestion.dtMs)
  line({ name: 'ceilings-before-after', before, after })

  const config = (filterMs: number, dtMs: number): FitConfig =>
    resolveFitConfig({
      model: { neuronsPerArea: Number(values['neurons-per-area']), dtMs },
      loss: { filterMs },
      optim: { batchSize: Number(values['batch-size']), seed: 1 },
      engine: { threads: Number(values.threads) }
    })
  const settings = [
    { label: 'default', filterMs: DEFAULTS.loss.filterMs, dtMs: s0.binning.dt * 1000 },
    { label: 'suggested', filterMs: suggestion.filterMs, dtMs: suggestion.dtMs }
  ]
  const times: Record<string, number[]> = { default: [], suggested: [] }
  for (let r = 0; r < repeats; r++) {
    // alternate the order so that a slow spell of a shared machine does not land on one setting only
    for (const s of r % 2 ? [...settings].reverse() : settings) {
      const sPerStep = await secondsPerStep(sessions, config(s.filterMs, s.dtMs), steps)
      times[s.label]!.push(sPerStep)
      line({
        name: 'step-time',
        setting: s.label,
        repeat: r,
        filter_ms: s.filterMs,
        dt_ms: s.dtMs,
        steps,
        s_per_step: r4(sPerStep)
      })
    }
  }
  const d = spread(times['default']!)
  const sg = spread(times['suggested']!)
  line({
    name: 'step-time-summary',
    threads: Number(values.threads),
    neurons_per_area: Number(values['neurons-per-area']),
    batch_size: Number(values['batch-size']),
    default: { dt_ms: settings[0]!.dtMs, s_per_step: d },
    suggested: { dt_ms: suggestion.dtMs, s_per_step: sg },
    speedup_median: r4(d.median / sg.median)
  })
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:timescale failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})

// Seeded two-area pseudodata with jaw behaviour (spec/data.md "The example dataset"): SessionData + ground truth,
// plus the NWB content to write. Sessions come out of the same mapping/binning path as an imported file.
import type { Binning, BinnedSession } from '@shared/domain/dataset'
import type { ImportMapping } from '@shared/domain/import-mapping'
import { binSession, buildSession } from '../build-session'
import type { NwbSessionInput } from '../nwb/write-nwb'
import type { RawSession } from '../raw'
import { buildTrials } from '../trial-columns'
import { jawTrace, JAW_CONVERSION, JAW_RATE } from './jaw'
import { chooseLickUnits, LICK_GAIN, lickDrive, lickRng } from './lick-units'
import {
  drawUnits,
  kernel,
  ONSET_AREA1,
  ONSET_AREA2,
  ONSET_JITTER_SD,
  sessionAreas,
  type ExampleArea,
  type ExampleUnit
} from './model'
import { createRng, type Rng } from './rng'

export interface ExampleOptions {
  seed?: number
  sessions?: number
  unitsPerSession?: number
  trialsPerSession?: number
  /** Window and bin width; default 2 ms, −0.1 … +0.4 s around the stimulus. */
  binning?: Binning
  /** Probability that a trial is Hit (else Miss). */
  pHit?: number
  /**
   * Fraction (0–1) of each session's area-2 units that fire with the licks of their own trial (lick-units.ts), so
   * that the motor area carries the jaw; default 0: no unit does, and the output is that of the generator before
   * the option existed, byte for byte.
   */
  lickUnitFraction?: number
}

export interface ExampleSessionTruth {
  areas: ExampleArea[]
  units: ExampleUnit[]
  /** 1 = Hit, 0 = Miss, per trial. */
  hit: Uint8Array
  /** Stimulus time per trial, s (session clock). */
  stimulusTime: Float64Array
  /** Area-2 response onset per trial, s (NaN on Miss). */
  area2Onset: Float64Array
  /** First lick (jaw opening) per trial, s (NaN on Miss). */
  lickOnset: Float64Array
  /** With lickUnitFraction > 0 only: ids of the lick-carrying units, and every opening of each trial's bout, s. */
  lickUnitIds?: number[]
  lickTimes?: number[][]
}
export interface ExampleTruth {
  seed: number
  sessions: ExampleSessionTruth[]
}
export interface ExampleDataset {
  sessions: BinnedSession[]
  truth: ExampleTruth
  /** The mapping that imports the written files into exactly `sessions`. */
  mapping: ImportMapping
  /** Content of one NWB file per session. */
  nwb: NwbSessionInput[]
}

export const EXAMPLE_BINNING: Binning = { dt: 0.002, start: -0.1, stop: 0.4 }
const MS = 0.001

function drive(nMs: number, onsets: number[]): Float64Array {
  const d = new Float64Array(nMs)
  for (const o of onsets) {
    const m0 = Math.max(0, Math.floor(o / MS))
    for (let m = m0; m < Math.min(nMs, m0 + 300); m++) d[m] = (d[m] as number) + kernel((m + 0.5) * MS - o)
  }
  return d
}

/**
 * Bernoulli spikes per 1 ms bin at rate = baseline × max(0, 1 + modulation × drive [+ LICK_GAIN × lick drive]);
 * spike at the bin centre.
 */
function spikeTrain(rng: Rng, u: ExampleUnit, d: Float64Array, lick?: Float64Array): Float64Array {
  const out: number[] = []
  for (let m = 0; m < d.length; m++) {
    const gain = 1 + u.modulation * (d[m] as number)
    const rate = u.baselineHz * Math.max(0, lick ? gain + LICK_GAIN * (lick[m] as number) : gain)
    if (rng.next() < rate * MS) out.push((m + 0.5) * MS)
  }
  return Float64Array.from(out)
}

function session(
  rng: Rng,
  lickStream: Rng,
  s: number,
  opts: Required<ExampleOptions>
): { truth: ExampleSessionTruth; nwb: NwbSessionInput; raw: RawSession } {
  const b = opts.binning
  const K = opts.trialsPerSession
  const stimOffset = Math.max(0.15, -b.start + 0.05)
  // Long enough that a lick bout (ends ≤ 0.64 s after the stimulus) never reaches the next trial's window.
  const period = Math.max(0.8, stimOffset + b.stop + 0.05)
  const first = 0.5
  const duration = first + K * period + 0.5
  const start = Float64Array.from({ length: K }, (_, k) => first + k * period)
  const stop = start.map((t) => t + period)
  const stimulusTime = start.map((t) => t + stimOffset)
  const hit = Uint8Array.from({ length: K }, () => (rng.next() < opts.pHit ? 1 : 0))
  const area2Onset = stimulusTime.map((t, k) =>
    hit[k] ? t + ONSET_AREA2 + Math.max(-0.004, ONSET_JITTER_SD * rng.normal()) : NaN
  )
  const lickOnset = area2Onset.map((t) => (Number.isFinite(t) ? t + rng.uniform(0.1, 0.2) : NaN))
  const areas = sessionAreas(s)
  const units = drawUnits(rng, areas, opts.unitsPerSession)
  const nMs = Math.ceil(duration / MS)
  const drives: Record<ExampleArea, Float64Array> = {
    area1: drive(
      nMs,
      Array.from(stimulusTime, (t) => t + ONSET_AREA1)
    ),
    area2: drive(nMs, Array.from(area2Onset).filter(Number.isFinite))
  }
  const spikeTimes = units.map((u) => spikeTrain(rng, u, drives[u.area]))
  const jaw = jawTrace(rng, duration, lickOnset)
  // Lick-carrying units: chosen and redrawn from their own stream, after everything else (lick-units.ts).
  const lickUnits = chooseLickUnits(lickStream, units, opts.lickUnitFraction)
  if (lickUnits.length > 0) {
    const lick = lickDrive(nMs, jaw.lickTimes, MS)
    for (const i of lickUnits) spikeTimes[i] = spikeTrain(lickStream, units[i]!, drives.area2, lick)
  }
  const name = `pseudo-session-${s + 1}`
  const outcome = Array.from(hit, (h) => (h ? 'Hit' : 'Miss'))
  const typeLabel = units.map((u) => (u.type === 'E' ? 'excitatory' : 'inhibitory'))
  const nwb: NwbSessionInput = {
    identifier: name,
    description:
      `RSNN Studio example: two-area pseudodata, session ${s + 1} (${areas.join(' + ')}), seed ${opts.seed}` +
      (opts.lickUnitFraction > 0 ? `, lick-carrying fraction of area-2 units ${opts.lickUnitFraction}` : ''),
    sessionStart: '2024-01-01T00:00:00+00:00',
    metadata: {
      experimenter: ['RSNN Studio example generator'],
      institution: 'RSNN Studio',
      lab: 'RSNN Studio example data',
      keywords: ['pseudodata', 'simulation', 'whisker detection', 'multi-area spiking'],
      experimentDescription: 'Simulated two-area recording of a whisker-detection task (not recorded from an animal).',
      subject: {
        subjectId: `pseudo-mouse-${s + 1}`,
        species: 'Mus musculus',
        sex: 'U',
        age: 'P90D',
        description: 'simulated animal: the spikes and jaw trace are drawn from a model of a mouse session'
      }
    },
    units: {
      ids: units.map((u) => u.id),
      spikeTimes,
      columns: {
        area: { data: units.map((u) => u.area), description: 'brain area of the unit' },
        type: { data: typeLabel, description: 'putative cell type (excitatory / inhibitory)' }
      }
    },
    trials: {
      start,
      stop,
      columns: {
        stimulus_time: { data: stimulusTime, description: 'stimulus onset, s (session clock)' },
        outcome: { data: outcome, description: 'trial outcome (Hit / Miss)' }
      },
      numericAttrs: { rsnn_binning: [b.dt, b.start, b.stop] }
    },
    timeSeries: [
      {
        module: 'behavior',
        interface: 'BehavioralTimeSeries',
        name: 'jaw',
        description: 'jaw opening (video tracking), sampled at 200 Hz',
        data: jaw.data,
        unit: 'mm',
        conversion: JAW_CONVERSION,
        startingTime: 0,
        rate: JAW_RATE
      }
    ]
  }
  const raw: RawSession = {
    name,
    sourceFile: `${name}.nwb`,
    units: {
      ids: nwb.units.ids,
      spikeTimes,
      areaSources: { area: units.map((u) => u.area) },
      typeLabels: typeLabel,
      columns: ['spike_times', 'area', 'type']
    },
    trials: {
      ...buildTrials('/intervals/trials', start, { stop_time: stop, stimulus_time: stimulusTime, outcome }),
      binningHint: b
    },
    behaviour: { jaw: { kind: 'continuous', times: jaw.times, values: jaw.values, unit: 'mm' } },
    warnings: []
  }
  const truth: ExampleSessionTruth = { areas, units, hit, stimulusTime, area2Onset, lickOnset }
  if (opts.lickUnitFraction > 0) {
    truth.lickUnitIds = lickUnits.map((i) => units[i]!.id)
    truth.lickTimes = jaw.lickTimes
  }
  return { truth, nwb, raw }
}

/**
 * Generates the example dataset (defaults: 4 sessions × 60 units × 100 trials, 80 % Hit, seed 1).
 * Same options → identical output. `sessions` equal what importing the written NWB files with `mapping` gives.
 */
export function generateExample(options: ExampleOptions = {}): ExampleDataset {
  const opts: Required<ExampleOptions> = {
    seed: options.seed ?? 1,
    sessions: options.sessions ?? 4,
    unitsPerSession: options.unitsPerSession ?? 60,
    trialsPerSession: options.trialsPerSession ?? 100,
    binning: options.binning ?? EXAMPLE_BINNING,
    pHit: options.pHit ?? 0.8,
    lickUnitFraction: options.lickUnitFraction ?? 0
  }
  const f = opts.lickUnitFraction
  if (!(f >= 0 && f <= 1)) throw new Error(`lickUnitFraction must be between 0 and 1 (got ${f})`)
  const rng = createRng(opts.seed)
  const lickStream = lickRng(opts.seed)
  const made = Array.from({ length: opts.sessions }, (_, s) => session(rng, lickStream, s, opts))
  const mapping: ImportMapping = {
    areaColumn: 'area',
    outcomeColumn: 'outcome',
    outcomeMap: { Hit: 'Hit', Miss: 'Miss' },
    align: 'stimulus_time',
    binning: opts.binning
  }
  return {
    sessions: made.map((m) => binSession(buildSession(m.raw, mapping).session)),
    truth: { seed: opts.seed, sessions: made.map((m) => m.truth) },
    mapping,
    nwb: made.map((m) => m.nwb)
  }
}

// Writes SessionData[] in the app's own HDF5 layout, atomically (temp file in the same folder, then rename).
import { rmSync, renameSync } from 'node:fs'
import type { Group } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { binCount, type SessionData, type UnbinnedSession } from '@shared/domain/dataset'
import { trialRange } from '../trial-counts'
import { h5lib } from '../h5/h5lib'
import { tempPathFor } from '../temp-files'
import { RSNN_FORMAT, RSNN_FORMAT_ATTR, RSNN_FORMAT_VERSION, sessionGroup, type SessionsMeta } from './layout'

/** A session to write: binned already (SessionData), or binned here a block of trials at a time (UnbinnedSession). */
export type SessionToWrite = SessionData | UnbinnedSession

/** Write progress: fraction in [0, 1] of all the sessions' trials written. */
export type WriteProgress = (fraction: number, stage: string) => void

function check(s: SessionToWrite, i: number, path: string): void {
  const K = s.trials.length
  const U = s.units.length
  const T = s.nBins
  const bad = (msg: string): AppError =>
    new AppError('SHAPE_MISMATCH', `session ${i} (${s.name}): ${msg}`, { file: path, field: sessionGroup(i) })
  if (K === 0 || U === 0) throw bad(`needs at least one trial and one unit (has ${K} trials, ${U} units)`)
  if (T !== binCount(s.binning)) throw bad(`nBins ${T} does not match the binning (${binCount(s.binning)})`)
  if ('spikes' in s && s.spikes && s.spikes.length !== K * T * U)
    throw bad(`spikes has ${s.spikes.length} values, expected K·T·U = ${K * T * U}`)
  if (s.spikeTimes.length !== U) throw bad(`${s.spikeTimes.length} spike trains for ${U} units`)
  for (const [name, b] of Object.entries(s.behaviour))
    if (b.length !== K * T) throw bad(`behaviour ${name} has ${b.length} values, expected K·T = ${K * T}`)
  for (const [name, e] of Object.entries(s.taskEvents ?? {}))
    if (e.length !== K) throw bad(`task event ${name} has ${e.length} values for ${K} trials`)
  for (const [name, v] of Object.entries(s.trialGroups ?? {}))
    if (v.length !== K) throw bad(`trials column ${name} has ${v.length} values for ${K} trials`)
}

/** Spike times per write: large sessions are written in pieces, so HDF5's buffer never holds them all at once. */
const PIECE_ELEMENTS = 1 << 20

/**
 * The units' spike trains, concatenated, and their exclusive ends. Written train by train into a chunked dataset
 * (never one concatenated copy: with 50 M spikes that copy, and HDF5's own, would take 800 MB).
 */
function writeSpikeTimes(u: Group, trains: Float64Array[]): void {
  const total = trains.reduce((a, st) => a + st.length, 0)
  const ends = new BigInt64Array(trains.length)
  let at = 0
  trains.forEach((st, j) => (ends[j] = BigInt((at += st.length))))
  if (total <= PIECE_ELEMENTS) {
    const flat = new Float64Array(total)
    let from = 0
    for (const st of trains) {
      flat.set(st, from)
      from += st.length
    }
    u.create_dataset({ name: 'spike_times', data: flat })
  } else {
    const d = u.create_dataset({
      name: 'spike_times',
      data: new Float64Array(0),
      maxshape: [total],
      chunks: [PIECE_ELEMENTS]
    })
    d.resize([total])
    let from = 0
    for (const st of trains) {
      if (st.length) d.write_slice([[from, from + st.length]], st)
      from += st.length
    }
  }
  u.create_dataset({ name: 'spike_times_index', data: ends })
}

/**
 * The binned counts of trials [k0, k1), (k − k0)·T·U + t·U + u: a view of the session's array, or binned now from
 * its spike times (the same binSpikes, whose trials are independent: a block's counts are those rows of the whole).
 */
function countsOf(s: SessionToWrite): (k0: number, k1: number) => Uint8Array {
  return (k0, k1) => trialRange(s, k0, k1)
}

/**
 * Binned counts K × T × U, one gzip chunk per trial, written a block of trials at a time; `onBlock(k)` after each
 * block with the trials written so far.
 */
function writeSpikeCounts(
  g: Group,
  counts: (k0: number, k1: number) => Uint8Array,
  K: number,
  T: number,
  U: number,
  onBlock: (k: number) => void
): void {
  const per = T * U
  const block = Math.max(1, Math.floor(PIECE_ELEMENTS / per))
  const first = Math.min(K, block)
  const d = g.create_dataset({
    name: 'spikes',
    data: counts(0, first),
    shape: [first, T, U],
    maxshape: [K, T, U],
    dtype: '<B',
    chunks: [1, T, U],
    compression: 'gzip',
    compression_opts: 4
  })
  onBlock(first)
  if (first === K) return
  d.resize([K, T, U])
  for (let k = first; k < K; k += block) {
    const stop = Math.min(K, k + block)
    d.write_slice(
      [
        [k, stop],
        [0, T],
        [0, U]
      ],
      counts(k, stop)
    )
    onBlock(stop)
  }
}

function writeSession(g: Group, s: SessionToWrite, onBlock: (k: number) => void): void {
  const K = s.trials.length
  const U = s.units.length
  const T = s.nBins
  g.create_attribute('name', s.name)
  g.create_attribute('source_file', s.sourceFile)
  g.create_attribute('dt', s.binning.dt, null, '<d')
  g.create_attribute('window_start', s.binning.start, null, '<d')
  g.create_attribute('window_stop', s.binning.stop, null, '<d')
  g.create_attribute('n_bins', T, null, '<i')
  const u = g.create_group('units')
  u.create_dataset({ name: 'source_id', data: Float64Array.from(s.units, (x) => x.sourceId) })
  u.create_dataset({ name: 'area', data: s.units.map((x) => x.area) })
  u.create_dataset({ name: 'type', data: s.units.map((x) => x.type) })
  u.create_dataset({ name: 'firing_rate_hz', data: Float64Array.from(s.units, (x) => x.firingRateHz) })
  writeSpikeTimes(u, s.spikeTimes)
  const t = g.create_group('trials')
  t.create_dataset({ name: 'source_index', data: Int32Array.from(s.trials, (x) => x.sourceIndex) })
  t.create_dataset({ name: 'outcome', data: s.trials.map((x) => x.outcome) })
  t.create_dataset({ name: 'stimulus', data: Float64Array.from(s.trials, (x) => x.stimulus) })
  t.create_dataset({ name: 'align_time', data: Float64Array.from(s.trials, (x) => x.alignTime) })
  // Optional: the recorded perturbation label per trial ('' = none), only when some trial has one.
  if (s.trials.some((x) => x.perturbation))
    t.create_dataset({ name: 'perturbation', data: s.trials.map((x) => x.perturbation ?? '') })
  // Optional: the task's other events (s from align_time, NaN = absent) and categorical columns, one dataset each.
  if (s.taskEvents && Object.keys(s.taskEvents).length) {
    const e = t.create_group('events')
    for (const [name, rel] of Object.entries(s.taskEvents)) e.create_dataset({ name, data: Float64Array.from(rel) })
  }
  if (s.trialGroups && Object.keys(s.trialGroups).length) {
    const c = t.create_group('groups')
    for (const [name, values] of Object.entries(s.trialGroups)) c.create_dataset({ name, data: values })
  }
  writeSpikeCounts(g, countsOf(s), K, T, U, onBlock)
  const b = g.create_group('behaviour')
  for (const [name, values] of Object.entries(s.behaviour)) {
    b.create_dataset({
      name,
      data: values,
      shape: [K, T],
      dtype: '<f',
      chunks: [1, T],
      compression: 'gzip',
      compression_opts: 4
    })
  }
}

/**
 * Writes `sessions` to `path` in the RSNN Studio layout (see docs/data-formats.md). The file appears only when
 * complete: it is written to a temporary name beside `path` and renamed. Unbinned sessions are binned here, a block
 * of trials at a time (the file is the same as for their binSession), with progress per block.
 */
export async function writeSessionsH5(
  path: string,
  sessions: SessionToWrite[],
  meta: SessionsMeta = {},
  onProgress?: WriteProgress
): Promise<void> {
  sessions.forEach((s, i) => check(s, i, path))
  const totalTrials = sessions.reduce((a, s) => a + s.trials.length, 0)
  let before = 0
  let shown = -1
  const progress = (k: number): void => {
    // One report per percent: a 2,000-trial session is written in 2,000 blocks at 2 ms bins.
    const pct = Math.floor((100 * (before + k)) / totalTrials)
    if (pct !== shown) onProgress?.((shown = pct) / 100, 'binning and writing')
  }
  const h5 = await h5lib()
  const tmp = tempPathFor(path)
  try {
    const f = new h5.File(tmp, 'w')
    try {
      f.create_attribute(RSNN_FORMAT_ATTR, RSNN_FORMAT)
      f.create_attribute('format_version', RSNN_FORMAT_VERSION, null, '<i')
      f.create_attribute('n_sessions', sessions.length, null, '<i')
      f.create_attribute('created_at', new Date().toISOString())
      f.create_attribute('meta_json', JSON.stringify(meta))
      const root = f.create_group('sessions')
      sessions.forEach((s, i) => {
        writeSession(root.create_group(sessionGroup(i).slice('/sessions/'.length)), s, progress)
        before += s.trials.length
      })
    } finally {
      f.close()
    }
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    if (err instanceof AppError) throw err
    throw new AppError('IO_ERROR', `could not write sessions (${(err as Error).message})`, { file: path })
  }
}

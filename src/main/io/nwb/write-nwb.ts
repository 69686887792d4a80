// The app's one NWB 2.x writer (Units with ragged spike times + columns, trials TimeIntervals, behaviour TimeSeries
// in a processing module, /general metadata and provenance): the bundled example and exported generated trials
// (model-files/nwb-writer.ts) both go through it. Deterministic for a given input (object ids hashed from paths).
import { createHash } from 'node:crypto'
import { renameSync, rmSync } from 'node:fs'
import type { File as H5File, Group } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { SessionMetadata } from '@shared/domain/session-metadata'
import { h5lib } from '../h5/h5lib'
import { writeGeneralMetadata } from './out/general'
import { raggedEnds } from './out/ragged-index'
import { writeSpecCache } from './out/spec-cache'
import { tempPathFor } from '../temp-files'

export const NWB_VERSION = '2.7.0'

export interface NwbColumn {
  data: string[] | Float64Array
  description: string
}
export interface NwbTimeSeries {
  /** Processing module (e.g. 'behavior') and data interface (e.g. 'BehavioralTimeSeries'). */
  module: string
  /** The module's description (default '<module> data'). */
  moduleDescription?: string
  interface: 'BehavioralTimeSeries' | 'BehavioralEvents' | 'Position'
  name: string
  description: string
  data: Float32Array | Float64Array
  unit: string
  conversion?: number
  offset?: number
  /** Regular sampling: first sample time, s, and rate, Hz. Ignored when `timestamps` is given. */
  startingTime?: number
  rate?: number
  timestamps?: Float64Array
}
export interface NwbSessionInput {
  identifier: string
  description: string
  /** ISO 8601 with time zone. */
  sessionStart: string
  /** ISO 8601; default sessionStart. */
  fileCreateDate?: string
  units: {
    ids: number[]
    spikeTimes: Float64Array[]
    columns: Record<string, NwbColumn>
    /** Table and spike_times descriptions (defaults: recorded units). */
    description?: string
    spikeTimesDescription?: string
  }
  trials?: {
    start: Float64Array
    stop: Float64Array
    columns: Record<string, NwbColumn>
    numericAttrs?: Record<string, number[]>
    description?: string
  }
  timeSeries?: NwbTimeSeries[]
  /** Experimenter, lab, subject… written to /general. */
  metadata?: SessionMetadata
  /** Seed of the object ids (hashed with each object's path); default the identifier. */
  objectIdSeed?: string
  /** For files the app generated: /general/was_generated_by, source_script, data_collection and notes. */
  generated?: { by: [name: string, version: string]; sourceScript: string; dataCollection: string; notes?: string }
}

function uuidFor(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function typed(node: Group | ReturnType<Group['create_dataset']>, type: string, ns: string, id: string): void {
  node.create_attribute('namespace', ns)
  node.create_attribute('neurodata_type', type)
  node.create_attribute('object_id', uuidFor(`${id}:${node.path}`))
}

/** Chunked gzip for non-empty numeric arrays (the example must stay small); text is written plain. */
function dataset(
  g: Group,
  name: string,
  data: string[] | Float64Array | Float32Array | Int32Array | Uint32Array | BigUint64Array
) {
  if (Array.isArray(data) || data.length < 64) return g.create_dataset({ name, data })
  return g.create_dataset({
    name,
    data,
    chunks: [Math.min(data.length, 16384)],
    compression: 'gzip',
    compression_opts: 6
  })
}

function column(g: Group, name: string, c: NwbColumn, id: string): void {
  const d = dataset(g, name, c.data)
  d.create_attribute('description', c.description)
  typed(d, 'VectorData', 'hdmf-common', id)
}

function table(g: Group, cols: string[], description: string): void {
  g.create_attribute('colnames', cols)
  g.create_attribute('description', description)
}

function writeUnits(f: H5File, u: NwbSessionInput['units'], id: string): void {
  const g = f.create_group('units')
  typed(g, 'Units', 'core', id)
  table(g, ['spike_times', ...Object.keys(u.columns)], u.description ?? 'units sorted from the recording')
  typed(dataset(g, 'id', Int32Array.from(u.ids)), 'ElementIdentifiers', 'hdmf-common', id)
  const ends = raggedEnds(u.spikeTimes.map((s) => s.length))
  const flat = new Float64Array(u.spikeTimes.reduce((a, s) => a + s.length, 0))
  let at = 0
  for (const s of u.spikeTimes) {
    flat.set(s, at)
    at += s.length
  }
  column(g, 'spike_times', { data: flat, description: u.spikeTimesDescription ?? 'spike times of each unit, s' }, id)
  const idx = dataset(g, 'spike_times_index', ends)
  idx.create_attribute('description', 'index into spike_times')
  idx.create_attribute('target', (g.get('spike_times') as ReturnType<Group['create_dataset']>).create_reference())
  typed(idx, 'VectorIndex', 'hdmf-common', id)
  for (const [name, c] of Object.entries(u.columns)) column(g, name, c, id)
}

function writeTrials(f: H5File, t: NonNullable<NwbSessionInput['trials']>, id: string): void {
  const intervals = f.get('intervals') as Group
  const g = intervals.create_group('trials')
  typed(g, 'TimeIntervals', 'core', id)
  table(g, ['start_time', 'stop_time', ...Object.keys(t.columns)], t.description ?? 'experimental trials')
  for (const [k, v] of Object.entries(t.numericAttrs ?? {}))
    g.create_attribute(k, Float64Array.from(v), [v.length], '<d')
  typed(
    dataset(
      g,
      'id',
      Int32Array.from(t.start, (_, i) => i)
    ),
    'ElementIdentifiers',
    'hdmf-common',
    id
  )
  column(g, 'start_time', { data: t.start, description: 'start of each trial, s' }, id)
  column(g, 'stop_time', { data: t.stop, description: 'end of each trial, s' }, id)
  for (const [name, c] of Object.entries(t.columns)) column(g, name, c, id)
}

function writeSeries(f: H5File, s: NwbTimeSeries, id: string): void {
  const processing = f.get('processing') as Group
  const mod = (processing.get(s.module) as Group | null) ?? processing.create_group(s.module)
  if (!mod.attrs['neurodata_type']) {
    mod.create_attribute('description', s.moduleDescription ?? `${s.module} data`)
    typed(mod, 'ProcessingModule', 'core', id)
  }
  const iface = (mod.get(s.interface) as Group | null) ?? mod.create_group(s.interface)
  if (!iface.attrs['neurodata_type']) typed(iface, s.interface, 'core', id)
  const g = iface.create_group(s.name)
  typed(g, 'TimeSeries', 'core', id)
  g.create_attribute('description', s.description)
  g.create_attribute('comments', 'no comments')
  const d = dataset(g, 'data', s.data)
  d.create_attribute('unit', s.unit)
  d.create_attribute('conversion', s.conversion ?? 1, null, '<f')
  d.create_attribute('offset', s.offset ?? 0, null, '<f')
  d.create_attribute('resolution', -1, null, '<f')
  if (s.timestamps) {
    const ts = dataset(g, 'timestamps', s.timestamps)
    ts.create_attribute('interval', 1, null, '<i')
    ts.create_attribute('unit', 'seconds')
  } else {
    const st = g.create_dataset({ name: 'starting_time', data: s.startingTime ?? 0, dtype: '<d' })
    st.create_attribute('rate', s.rate ?? 1, null, '<f')
    st.create_attribute('unit', 'seconds')
  }
}

function writeGenerated(f: H5File, g: NonNullable<NwbSessionInput['generated']>): void {
  const general = f.get('general') as Group
  general.create_dataset({ name: 'was_generated_by', data: [...g.by], shape: [1, 2] })
  general.create_dataset({ name: 'source_script', data: g.sourceScript }).create_attribute('file_name', g.by[0])
  general.create_dataset({ name: 'data_collection', data: g.dataCollection })
  if (g.notes) general.create_dataset({ name: 'notes', data: g.notes })
}

/** Writes one session into `f`, an HDF5 file just opened for writing (callers choose how it appears on disk). */
export function writeNwbContent(f: H5File, input: NwbSessionInput): void {
  const id = input.objectIdSeed ?? input.identifier
  f.create_attribute('namespace', 'core')
  f.create_attribute('neurodata_type', 'NWBFile')
  f.create_attribute('nwb_version', NWB_VERSION)
  f.create_attribute('object_id', uuidFor(`${id}:/`))
  f.create_dataset({ name: 'identifier', data: input.identifier })
  f.create_dataset({ name: 'session_description', data: input.description })
  f.create_dataset({ name: 'session_start_time', data: input.sessionStart })
  f.create_dataset({ name: 'timestamps_reference_time', data: input.sessionStart })
  f.create_dataset({ name: 'file_create_date', data: [input.fileCreateDate ?? input.sessionStart] })
  for (const g of ['acquisition', 'analysis', 'general', 'intervals', 'processing', 'stimulus']) f.create_group(g)
  ;(f.get('stimulus') as Group).create_group('presentation')
  ;(f.get('stimulus') as Group).create_group('templates')
  if (input.generated) writeGenerated(f, input.generated)
  writeGeneralMetadata(f, input.metadata ?? {}, (p) => uuidFor(`${id}:${p}`))
  writeUnits(f, input.units, id)
  if (input.trials) writeTrials(f, input.trials, id)
  for (const s of input.timeSeries ?? []) writeSeries(f, s, id)
  writeSpecCache(f)
}

/** Writes one session as an NWB 2.x file at `path` (temp file + rename, so it appears only when complete). */
export async function writeNwb(path: string, input: NwbSessionInput): Promise<void> {
  const h5 = await h5lib()
  const tmp = tempPathFor(path)
  try {
    const f = new h5.File(tmp, 'w')
    try {
      writeNwbContent(f, input)
    } finally {
      f.close()
    }
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw err instanceof AppError
      ? err
      : new AppError('IO_ERROR', `could not write NWB file (${(err as Error).message})`, { file: path })
  }
}

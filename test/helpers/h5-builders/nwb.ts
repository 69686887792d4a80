// Tiny NWB 2.x (and NWB 1.x-marked) files with exactly the quirks a test needs: index dtypes, electrodes joins,
// fixed-length colnames, relative event times, one-hot outcomes, behaviour series, broken indices.
import type { Dataset, File as H5File, Group } from 'h5wasm'
import { h5 } from './h5'

export type IndexDtype = '<B' | '<H' | '<i' | '<q' | '<Q'
/** A column: text, numbers (written as float64), or a typed array written with its own dtype (e.g. uint8 codes). */
export type Col = string[] | number[] | Uint8Array | Int32Array | Float64Array

/** A TimeIntervals table anywhere in the file (e.g. trials under a lab's own name). */
export interface IntervalTable {
  start: number[]
  stop?: number[]
  columns?: Record<string, Col>
}

export interface NwbSpec {
  /** Root attribute nwb_version (default '2.5.0'); `legacyV1` writes NWB 1.x's root dataset instead. */
  version?: string
  legacyV1?: boolean
  units?: {
    path?: string
    ids: number[]
    spikeTimes: number[][]
    indexDtype?: IndexDtype
    /** Written instead of the true ends (to build broken files). */
    indexOverride?: number[]
    columns?: Record<string, Col>
    /** DynamicTableRegion rows (one per unit, or ragged with `index`). */
    electrodes?: { rows: number[]; index?: number[] }
    /** Index into `electrodeGroups` per unit: an `electrode_group` column of object references. */
    electrodeGroup?: number[]
    fixedColnames?: boolean
    /** spike_times written chunked (this many values a chunk) and gzip-compressed. */
    compressChunk?: number
    /** spike_times resized to this many values after writing (unallocated chunks: a tiny file declaring a huge dataset). */
    declaredSpikes?: number
  }
  electrodes?: { ids?: number[]; location: string[] }
  trials?: IntervalTable
  /** More TimeIntervals tables, by path. */
  intervals?: Record<string, IntervalTable>
  /** ElectrodeGroup groups under /general/extracellular_ephys, with their location attribute. */
  electrodeGroups?: { name: string; location: string }[]
  series?: {
    path: string
    parentType?: string
    data: number[]
    timestamps?: number[]
    startingTime?: number
    rate?: number
    conversion?: number
    offset?: number
  }[]
}

function ensureGroup(f: H5File, path: string): Group {
  let g: Group = f
  for (const part of path.split('/').filter(Boolean)) g = (g.get(part) as Group | null) ?? g.create_group(part)
  return g
}

function typed(node: Group | Dataset, type: string): void {
  node.create_attribute('neurodata_type', type)
  node.create_attribute(
    'namespace',
    type === 'Units' || type === 'TimeIntervals' || type.includes('Series') || type.startsWith('Behavioral')
      ? 'core'
      : 'hdmf-common'
  )
}

function col(g: Group, name: string, data: Col): Dataset {
  const d = ArrayBuffer.isView(data)
    ? g.create_dataset({ name, data })
    : typeof data[0] === 'string'
      ? g.create_dataset({ name, data: data as string[] })
      : g.create_dataset({ name, data: Float64Array.from(data as number[]) })
  typed(d, 'VectorData')
  return d
}

function indexData(
  values: number[],
  dtype: IndexDtype
): Uint8Array | Uint16Array | Int32Array | BigInt64Array | BigUint64Array {
  if (dtype === '<B') return Uint8Array.from(values)
  if (dtype === '<H') return Uint16Array.from(values)
  if (dtype === '<i') return Int32Array.from(values)
  if (dtype === '<q') return BigInt64Array.from(values.map(BigInt))
  return BigUint64Array.from(values.map(BigInt))
}

function colnames(g: Group, names: string[], fixed: boolean): void {
  if (fixed) g.create_attribute('colnames', names, [names.length], `S${Math.max(...names.map((n) => n.length))}`)
  else g.create_attribute('colnames', names)
}

function writeUnits(f: H5File, u: NonNullable<NwbSpec['units']>): void {
  const g = ensureGroup(f, u.path ?? '/units')
  typed(g, 'Units')
  const extra = Object.keys(u.columns ?? {})
  const joins = [...(u.electrodes ? ['electrodes'] : []), ...(u.electrodeGroup ? ['electrode_group'] : [])]
  colnames(g, ['spike_times', ...extra, ...joins], u.fixedColnames ?? false)
  g.create_attribute('description', 'test units')
  typed(g.create_dataset({ name: 'id', data: Int32Array.from(u.ids) }), 'ElementIdentifiers')
  const flat = u.spikeTimes.flat()
  const ends: number[] = []
  u.spikeTimes.reduce((a, s) => (ends.push(a + s.length), a + s.length), 0)
  if (u.compressChunk || u.declaredSpikes) {
    const chunk = u.compressChunk ?? 1024
    const st = g.create_dataset({
      name: 'spike_times',
      data: Float64Array.from(flat),
      maxshape: [null],
      chunks: [chunk],
      compression: 'gzip'
    })
    typed(st, 'VectorData')
    if (u.declaredSpikes) st.resize([u.declaredSpikes])
  } else col(g, 'spike_times', flat.length ? flat : [])
  const idx = g.create_dataset({
    name: 'spike_times_index',
    data: indexData(u.indexOverride ?? ends, u.indexDtype ?? '<i')
  })
  typed(idx, 'VectorIndex')
  for (const [k, v] of Object.entries(u.columns ?? {})) col(g, k, v)
  if (u.electrodes) {
    const d = g.create_dataset({ name: 'electrodes', data: Int32Array.from(u.electrodes.rows) })
    typed(d, 'DynamicTableRegion')
    const table = f.get('/general/extracellular_ephys/electrodes') as Group
    d.create_attribute('table', table.create_reference())
    if (u.electrodes.index)
      typed(g.create_dataset({ name: 'electrodes_index', data: Int32Array.from(u.electrodes.index) }), 'VectorIndex')
  }
  if (u.electrodeGroup) {
    const groups = u.electrodeGroup.map((i) =>
      (f.get(`/general/extracellular_ephys/group${i}`) as Group).create_reference()
    )
    typed(g.create_dataset({ name: 'electrode_group', data: groups }), 'VectorData')
  }
}

function writeIntervals(f: H5File, path: string, table: IntervalTable): void {
  const t = ensureGroup(f, path)
  typed(t, 'TimeIntervals')
  const cols = table.columns ?? {}
  colnames(t, ['start_time', 'stop_time', ...Object.keys(cols)], false)
  t.create_attribute('description', 'test intervals')
  typed(t.create_dataset({ name: 'id', data: Int32Array.from(table.start.map((_, i) => i)) }), 'ElementIdentifiers')
  col(t, 'start_time', table.start)
  col(t, 'stop_time', table.stop ?? table.start.map(() => NaN))
  for (const [k, v] of Object.entries(cols)) col(t, k, v)
}

/** Writes an NWB-like HDF5 file at `path` following `spec`. */
export async function buildNwb(path: string, spec: NwbSpec): Promise<string> {
  const lib = await h5()
  const f = new lib.File(path, 'w')
  try {
    if (spec.legacyV1) f.create_dataset({ name: 'nwb_version', data: 'NWB-1.0.5' })
    else {
      f.create_attribute('nwb_version', spec.version ?? '2.5.0')
      f.create_attribute('neurodata_type', 'NWBFile')
      f.create_attribute('namespace', 'core')
    }
    f.create_dataset({ name: 'identifier', data: 'test-session' })
    if (spec.electrodes) {
      const e = ensureGroup(f, '/general/extracellular_ephys/electrodes')
      typed(e, 'DynamicTable')
      colnames(e, ['location'], false)
      const ids = spec.electrodes.ids ?? spec.electrodes.location.map((_, i) => i)
      typed(e.create_dataset({ name: 'id', data: BigInt64Array.from(ids.map(BigInt)) }), 'ElementIdentifiers')
      col(e, 'location', spec.electrodes.location)
    }
    for (const [i, grp] of (spec.electrodeGroups ?? []).entries()) {
      const g = ensureGroup(f, `/general/extracellular_ephys/group${i}`)
      typed(g, 'ElectrodeGroup')
      g.create_attribute('location', grp.location)
      g.create_attribute('description', grp.name)
    }
    if (spec.units) writeUnits(f, spec.units)
    if (spec.trials) writeIntervals(f, '/intervals/trials', spec.trials)
    for (const [p, table] of Object.entries(spec.intervals ?? {})) writeIntervals(f, p, table)
    for (const s of spec.series ?? []) {
      const parent = ensureGroup(f, s.path.slice(0, s.path.lastIndexOf('/')))
      if (s.parentType && !parent.attrs['neurodata_type']) typed(parent, s.parentType)
      const g = ensureGroup(f, s.path)
      typed(g, 'TimeSeries')
      const d = g.create_dataset({ name: 'data', data: Float64Array.from(s.data) })
      if (s.conversion !== undefined) d.create_attribute('conversion', s.conversion, null, '<f')
      if (s.offset !== undefined) d.create_attribute('offset', s.offset, null, '<f')
      if (s.timestamps) g.create_dataset({ name: 'timestamps', data: Float64Array.from(s.timestamps) })
      else {
        const st = g.create_dataset({ name: 'starting_time', data: s.startingTime ?? 0, dtype: '<d' })
        st.create_attribute('rate', s.rate ?? 1, null, '<d')
      }
    }
  } finally {
    f.close()
  }
  return path
}

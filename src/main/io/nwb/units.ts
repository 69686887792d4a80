// Units table → spike trains per unit (ragged checks, NaN/unsorted/empty handling), area sources, cell types.
import type { File as H5File } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { RawUnits } from '../raw'
import { readNumbers, requireDataset, rowCount } from '../h5/read'
import { parseArea } from '../labels'
import { areasFromElectrodeGroup, areasFromIdJoin, areasFromRegion } from './electrodes'
import { checkRaggedIndex, splitRagged } from './ragged'
import { checkTrains, nonEmptyUnits } from '../spike-checks'
import { type TypedGroup } from './detect'
import { colPath, hasColumn, openTable, readIds, readPlainColumn, type Table } from './table'

const TYPE_COLUMNS = [
  'cell_type',
  'putative_cell_type',
  'celltype',
  'putativecelltype',
  'cell_class',
  'unit_type',
  'type'
]
const WIDTH_COLUMNS = ['width', 'spike_width', 'waveform_width', 'waveform_duration', 'trough_to_peak']
const ID_JOINS = ['peak_channel_id', 'peak_channel']

/** Picks the Units table: `/units` when present, else the first one found; null when the file has none. */
export function findUnitsTable(groups: TypedGroup[]): string | null {
  const units = groups.filter((g) => g.type === 'Units')
  return (units.find((g) => g.path === '/units') ?? units[0])?.path ?? null
}

function spikeTrains(t: Table, ids: number[], warnings: string[]): Float64Array[] {
  const f = t.f
  const dataPath = colPath(t, 'spike_times')
  if (!hasColumn(t, 'spike_times'))
    throw new AppError('FIELD_MISSING', 'units table has no spike_times', { file: f.filename, field: dataPath })
  if (!hasColumn(t, 'spike_times_index')) {
    throw new AppError('FIELD_MISSING', 'spike_times has no spike_times_index', {
      file: f.filename,
      field: `${dataPath}_index`
    })
  }
  const where = { file: f.filename, field: `${dataPath}_index`, dataPath }
  // The index is checked against the declared length before the spike times are read (bounded memory).
  const index = readNumbers(f, `${dataPath}_index`)
  checkRaggedIndex(index, rowCount(requireDataset(f, dataPath)), where)
  const trains = splitRagged(readNumbers(f, dataPath), index, where)
  if (trains.length !== ids.length) {
    throw new AppError('SHAPE_MISMATCH', `${trains.length} spike trains for ${ids.length} unit ids`, {
      file: f.filename,
      field: `${dataPath}_index`
    })
  }
  return checkTrains(trains, ids, { file: f.filename, field: dataPath }, warnings)
}

function typeInfo(t: Table): Pick<RawUnits, 'typeLabels' | 'widthMs'> {
  const out: Pick<RawUnits, 'typeLabels' | 'widthMs'> = {}
  const lower = new Map(t.columns.map((c) => [c.toLowerCase(), c]))
  const labelCol = TYPE_COLUMNS.map((c) => lower.get(c)).find((c) => c !== undefined)
  const labels = labelCol ? readPlainColumn(t, labelCol) : null
  if (Array.isArray(labels)) out.typeLabels = labels
  const widthCol = WIDTH_COLUMNS.map((c) => lower.get(c)).find((c) => c !== undefined)
  const width = widthCol ? readPlainColumn(t, widthCol) : null
  if (width instanceof Float64Array) {
    const sorted = Array.from(width)
      .filter(Number.isFinite)
      .sort((a, b) => a - b)
    // Widths stored in seconds (< 10 µs median is implausible in ms) are converted to ms.
    const median = sorted[sorted.length >> 1] ?? 0
    out.widthMs = median > 0 && median < 0.01 ? width.map((w) => w * 1000) : width
  }
  return out
}

/** Reads the Units table at `path` into RawUnits. Units without spikes are dropped with a warning. */
export function readUnits(f: H5File, path: string, warnings: string[]): RawUnits {
  const t = openTable(f, path)
  if (t.nRows === 0)
    throw new AppError('EMPTY_RESULT', 'the units table has no units', { file: f.filename, field: path })
  const ids = readIds(t)
  const trains = spikeTrains(t, ids, warnings)
  const areaSources: Record<string, string[]> = {}
  for (const c of t.columns) {
    const col = c === 'spike_times' || c === 'electrodes' || c === 'electrode_group' ? null : readPlainColumn(t, c)
    if (Array.isArray(col)) areaSources[c] = col.map(parseArea)
  }
  const viaRegion = areasFromRegion(t, ids)
  if (viaRegion) areaSources['electrodes.location'] = viaRegion
  const viaGroup = areasFromElectrodeGroup(t)
  if (viaGroup) areaSources['electrode_group.location'] = viaGroup
  for (const c of ID_JOINS) {
    const joined = t.columns.includes(c) ? areasFromIdJoin(t, c) : null
    if (joined) areaSources[c] = joined
  }
  const kept = nonEmptyUnits(trains, ids, { file: f.filename, field: colPath(t, 'spike_times') }, warnings)
  const pick = <T>(a: ArrayLike<T>): T[] => kept.map((u) => a[u] as T)
  const types = typeInfo(t)
  const units: RawUnits = {
    ids: pick(ids),
    spikeTimes: pick(trains),
    areaSources: Object.fromEntries(Object.entries(areaSources).map(([k, v]) => [k, pick(v)])),
    columns: t.columns
  }
  if (types.typeLabels) units.typeLabels = pick(types.typeLabels)
  if (types.widthMs) units.widthMs = Float64Array.from(pick(types.widthMs))
  return units
}

// Area of each unit through the electrodes table (DynamicTableRegion rows, or an id join: peak_channel_id), or
// through the unit's electrode group (a reference to an ElectrodeGroup whose `location` attribute names the area).
import type { File as H5File, Reference } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { attrReference, attrString, datasetValue, getNode, isDataset, isGroup, readNumbers, refPath } from '../h5/read'
import { mostCommon, parseArea } from '../labels'
import { splitRagged } from './ragged'
import { colPath, hasColumn, isRagged, openTable, readIds, readPlainColumn, type Table } from './table'

const DEFAULT_ELECTRODES = '/general/extracellular_ephys/electrodes'
/** h5wasm's metadata `type` code of reference datasets (H5T_REFERENCE). */
const H5T_REFERENCE = 7

/** The electrodes table a units table points at (its `electrodes.table` reference), else the default path. */
function electrodesTable(units: Table): Table | null {
  const region = units.group.get('electrodes')
  const ref = isDataset(region) ? attrReference(region, 'table') : undefined
  const target = ref ? refPath(units.f, ref) : null
  const path = target ?? DEFAULT_ELECTRODES
  return isGroup(getNode(units.f, path)) ? openTable(units.f, path) : null
}

function locations(t: Table): string[] | null {
  const loc = readPlainColumn(t, 'location')
  return Array.isArray(loc) ? loc.map(parseArea) : null
}

/**
 * Areas via `units/electrodes` (0-based electrode rows, ragged with `electrodes_index` or one per unit): the most
 * common parsed location among a unit's electrodes. Null when the file has no such column or no locations.
 */
export function areasFromRegion(units: Table, unitIds: number[]): string[] | null {
  if (!hasColumn(units, 'electrodes')) return null
  const table = electrodesTable(units)
  const locs = table ? locations(table) : null
  if (!table || !locs) return null
  const f: H5File = units.f
  const field = colPath(units, 'electrodes')
  const rows = readNumbers(f, field)
  const perUnit = isRagged(units, 'electrodes')
    ? splitRagged(rows, readNumbers(f, `${field}_index`), {
        file: f.filename,
        field: `${field}_index`,
        dataPath: field
      })
    : Array.from(rows, (r) => Float64Array.of(r))
  if (perUnit.length !== unitIds.length) {
    throw new AppError('SHAPE_MISMATCH', `${perUnit.length} electrode rows for ${unitIds.length} units`, {
      file: f.filename,
      field
    })
  }
  return perUnit.map((rs, u) => {
    for (const r of rs) {
      if (!Number.isInteger(r) || r < 0 || r >= locs.length) {
        throw new AppError(
          'INDEX_OUT_OF_RANGE',
          `electrode row ${r} of unit ${unitIds[u]} is out of range: the electrodes table ${table.path} has ${locs.length} rows`,
          { file: f.filename, field }
        )
      }
    }
    return mostCommon(Array.from(rs, (r) => locs[r] as string))
  })
}

/**
 * Areas via an id join: units column `column` (e.g. Allen `peak_channel_id`) matched against electrodes `id`.
 * Units whose id is not in the table get ''. Null when either side is missing.
 */
export function areasFromIdJoin(units: Table, column: string): string[] | null {
  const keys = readPlainColumn(units, column)
  if (!(keys instanceof Float64Array)) return null
  const table = isGroup(getNode(units.f, DEFAULT_ELECTRODES)) ? openTable(units.f, DEFAULT_ELECTRODES) : null
  const locs = table ? locations(table) : null
  if (!table || !locs) return null
  const ids = readIds(table)
  const byId = new Map(ids.map((id, i) => [id, locs[i] as string]))
  return Array.from(keys, (k) => byId.get(k) ?? '')
}

/**
 * Areas via `units/electrode_group` (one object reference per unit to an ElectrodeGroup): the group's `location`
 * attribute, parsed. Null when the column is missing, is not references, or no group has a location.
 */
export function areasFromElectrodeGroup(units: Table): string[] | null {
  const d = units.group.get('electrode_group')
  if (!isDataset(d) || d.metadata.type !== H5T_REFERENCE || isRagged(units, 'electrode_group')) return null
  const refs = datasetValue(units.f, d) as unknown
  if (!Array.isArray(refs) || refs.length !== units.nRows) return null
  const byPath = new Map<string, string>()
  const areas = refs.map((r: Reference) => {
    const path = refPath(units.f, r)
    if (path === null) return ''
    if (!byPath.has(path)) {
      const g = getNode(units.f, path)
      byPath.set(path, g ? parseArea(attrString(g, 'location') ?? '') : '')
    }
    return byPath.get(path) as string
  })
  return areas.some((a) => a !== '') ? areas : null
}

// DynamicTable access: column names, row count, plain (non-ragged) columns as numbers or text.
import type { Dataset, File as H5File, Group } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import type { Column } from '../raw'
import {
  attrStrings,
  datasetNumbers,
  datasetStrings,
  isDataset,
  isNumericDataset,
  isStringDataset,
  requireGroup,
  rowCount
} from '../h5/read'
import { h5Read } from '../h5/h5lib'
import { checkDatasetReadSize } from '../h5/read-budget'

export interface Table {
  f: H5File
  path: string
  group: Group
  /** Declared columns (`colnames`), plus any other datasets except id and *_index. */
  columns: string[]
  nRows: number
}

/** Opens the DynamicTable at `path`; its row count comes from `id` (or the first column). */
export function openTable(f: H5File, path: string): Table {
  const group = requireGroup(f, path)
  const keys = group.keys()
  const declared = attrStrings(group, 'colnames')
  const extra = keys.filter((k) => k !== 'id' && !k.endsWith('_index') && !declared.includes(k))
  const columns = [...declared.filter((c) => keys.includes(c)), ...extra.filter((k) => isDataset(group.get(k)))]
  const idDs = group.get('id')
  let nRows = isDataset(idDs) ? rowCount(idDs) : 0
  if (!isDataset(idDs)) {
    const first = columns.map((c) => group.get(c)).find(isDataset)
    nRows = first ? rowCount(first) : 0
  }
  return { f, path, group, columns, nRows }
}

export function hasColumn(t: Table, name: string): boolean {
  return isDataset(t.group.get(name))
}
export function isRagged(t: Table, name: string): boolean {
  return isDataset(t.group.get(`${name}_index`))
}
export function colPath(t: Table, name: string): string {
  return `${t.path}/${name}`
}

/** Row ids (ElementIdentifiers), or 0..n-1 when the table has none. */
export function readIds(t: Table): number[] {
  const d = t.group.get('id')
  if (!isDataset(d)) return Array.from({ length: t.nRows }, (_, i) => i)
  return Array.from(datasetNumbers(t.f, d))
}

/**
 * A plain column (one value per row) as numbers or text; null for ragged, compound, reference or 2-D columns,
 * which the importer does not need. Throws SHAPE_MISMATCH when the length differs from the table's.
 */
export function readPlainColumn(t: Table, name: string): Column | null {
  const d = t.group.get(name)
  if (!isDataset(d) || isRagged(t, name)) return null
  const shape = d.shape ?? []
  if (shape.length !== 1) return null
  if (rowCount(d) !== t.nRows) {
    throw new AppError('SHAPE_MISMATCH', `column has ${rowCount(d)} rows but the table has ${t.nRows}`, {
      file: t.f.filename,
      field: colPath(t, name)
    })
  }
  if (isNumericDataset(d)) return datasetNumbers(t.f, d)
  if (isStringDataset(d)) return datasetStrings(t.f, d)
  return enumNames(t, d)
}

/** An HDF5 enum column (h5py writes booleans as enum FALSE/TRUE) as its member names; booleans as 'true'/'false'. */
function enumNames(t: Table, d: Dataset): string[] | null {
  const members = d.metadata.enum_type?.members
  if (!members) return null
  const byValue = new Map(
    Object.entries(members).map(([name, v]) => [Number(v), /^(true|false)$/i.test(name) ? name.toLowerCase() : name])
  )
  checkDatasetReadSize(t.f.filename, d)
  const codes = h5Read(t.f.filename, d.path, () => d.value) as ArrayLike<number>
  return Array.from(codes, (v) => byValue.get(Number(v)) ?? String(v))
}

/** A plain column that must exist and be numeric. */
export function requireNumberColumn(t: Table, name: string): Float64Array {
  const c = readPlainColumn(t, name)
  if (!(c instanceof Float64Array)) {
    throw new AppError('FIELD_MISSING', `numeric column "${name}" is missing`, {
      file: t.f.filename,
      field: colPath(t, name)
    })
  }
  return c
}

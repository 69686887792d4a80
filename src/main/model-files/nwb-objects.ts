// NWB 2.x building blocks over h5wasm: typed groups (neurodata_type, namespace, object_id), VectorData,
// ragged VectorData + VectorIndex, DynamicTable ids/colnames. Only what the generated-trials writer needs.
import { randomUUID } from 'node:crypto'
import { setAttr, writeArray, type Dataset, type Group, type NumArray } from './h5'

type Namespace = 'core' | 'hdmf-common'

/** Marks an HDF5 object as an NWB typed object. */
export function typed<T extends Group | Dataset>(obj: T, namespace: Namespace, type: string): T {
  setAttr(obj, 'namespace', namespace)
  setAttr(obj, 'neurodata_type', type)
  setAttr(obj, 'object_id', randomUUID())
  return obj
}

/** A child group with an NWB type. */
export function typedGroup(parent: Group, name: string, namespace: Namespace, type: string): Group {
  return typed(parent.create_group(name), namespace, type)
}

/** A VectorData column: one value per row. */
export function vectorData(table: Group, name: string, data: NumArray | string[], description: string): Dataset {
  const ds = writeArray(table, name, data, [data.length], { description })
  return typed(ds, 'hdmf-common', 'VectorData')
}

/**
 * A ragged column: VectorData `name` with all rows concatenated and VectorIndex `name_index` holding each
 * row's exclusive end offset (NWB ragged-array convention); the index's `target` references the data.
 */
export function raggedColumn(table: Group, name: string, data: Float64Array, ends: Uint32Array | BigUint64Array, description: string): void {
  const values = vectorData(table, name, data, description)
  const index = table.create_dataset({ name: `${name}_index`, data: ends, shape: [ends.length] })
  setAttr(index, 'description', `index into ${name}`)
  typed(index, 'hdmf-common', 'VectorIndex')
  index.create_attribute('target', values.create_reference())
}

/** Sets up a DynamicTable (or subtype): description, colnames in order, and the `id` column 0..n−1. */
export function dynamicTable(table: Group, description: string, colnames: string[], nRows: number): void {
  setAttr(table, 'description', description)
  setAttr(table, 'colnames', colnames)
  const ids = writeArray(table, 'id', Int32Array.from({ length: nRows }, (_, i) => i), [nRows])
  typed(ids, 'hdmf-common', 'ElementIdentifiers')
}

/** A required NWB text dataset (identifier, session_description, ISO dates). */
export function textDataset(g: Group, name: string, value: string): void {
  writeArray(g, name, value, null)
}

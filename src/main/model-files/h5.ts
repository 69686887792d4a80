// h5wasm access for the export module: the io layer's one loader, typed dataset/attribute helpers, AppErrors naming paths.
import type { Dataset, File as H5File, Group } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { h5lib, h5Read } from '../io/h5/h5lib'
import { checkDatasetReadSize } from '../io/h5/read-budget'

/** The h5wasm module, loaded once by io/h5 (HDF5's throwing error handler on). */
export const h5 = h5lib

export type { Dataset, Group, H5File }

/** Numeric arrays this module writes (h5wasm guesses the HDF5 dtype from the array class). */
export type NumArray = Float32Array | Float64Array | Int32Array | Uint8Array | Uint32Array | BigInt64Array

/** Creates a dataset with `unit` / `description` (and any extra) string attributes. */
export function writeArray(
  g: Group,
  name: string,
  data: NumArray | string | string[],
  shape: number[] | null,
  attrs: Record<string, string | number | NumArray> = {}
): Dataset {
  const ds = g.create_dataset({ name, data, shape })
  for (const [k, v] of Object.entries(attrs)) setAttr(ds, k, v)
  return ds
}

/** Writes a string attribute as text, a number as float64 (h5wasm would otherwise guess int32 for integers). */
export function setAttr(obj: Group | Dataset, name: string, value: string | number | NumArray | string[]): void {
  if (typeof value === 'number') obj.create_attribute(name, new Float64Array([value]), [])
  else obj.create_attribute(name, value)
}

/** Gets a dataset or throws FIELD_MISSING naming the file and the HDF5 path. */
export function requireDataset(f: H5File, path: string, file: string): Dataset {
  const obj = f.get(path)
  if (!obj || !(obj instanceof Object) || (obj as { type?: string }).type !== 'Dataset') {
    throw new AppError('FIELD_MISSING', `dataset ${path} is missing`, { file, field: path })
  }
  return obj as Dataset
}

/** Reads a text attribute (scalar or 1-element array) or throws FIELD_MISSING. */
export function requireTextAttr(obj: Group | Dataset, name: string, file: string): string {
  const attr = obj.attrs[name]
  const v = h5Read(file, `${obj.path === '/' ? '' : obj.path}/@${name}`, () => attr?.value)
  const s = Array.isArray(v) ? v[0] : v
  if (typeof s !== 'string') {
    const where = `${obj.path === '/' ? '' : obj.path}/@${name}`
    throw new AppError('FIELD_MISSING', `attribute ${name} is missing or not text`, { file, field: where })
  }
  return s
}

/** Reads a dataset holding one text value (scalar or 1-element array). */
export function readText(ds: Dataset, file: string): string {
  checkDatasetReadSize(file, ds)
  const v = h5Read(file, ds.path, () => ds.value)
  const s = Array.isArray(v) ? v[0] : v
  if (typeof s !== 'string') throw new AppError('BAD_VALUE', 'expected a text value', { file, field: ds.path })
  return s
}

/** Reads a dataset holding a list of text values. */
export function readTextArray(ds: Dataset, file: string): string[] {
  checkDatasetReadSize(file, ds)
  const v = h5Read(file, ds.path, () => ds.value)
  const arr = Array.isArray(v) ? v : typeof v === 'string' ? [v] : null
  if (!arr || !arr.every((x): x is string => typeof x === 'string')) {
    throw new AppError('BAD_VALUE', 'expected a list of text values', { file, field: ds.path })
  }
  return arr
}

/** Reads a numeric dataset as a typed array (BigInt arrays converted to Float64Array). */
export function readNumbers(ds: Dataset, file: string): Exclude<NumArray, BigInt64Array> | Float64Array {
  checkDatasetReadSize(file, ds)
  const v = h5Read(file, ds.path, () => ds.value)
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Float64Array.from(v, Number)
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    if (
      v instanceof Float32Array ||
      v instanceof Float64Array ||
      v instanceof Int32Array ||
      v instanceof Uint8Array ||
      v instanceof Uint32Array
    )
      return v
    return Float64Array.from(v as unknown as ArrayLike<number>)
  }
  if (typeof v === 'number') return new Float64Array([v])
  throw new AppError('BAD_VALUE', 'expected a numeric array', { file, field: ds.path })
}

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

/** Numeric datasets smaller than this are stored as they are: deflate would save nothing worth a chunk index. */
const DEFLATE_MIN_BYTES = 4096
/** Largest chunk of a deflated dataset (bytes): bounds the memory a partial read needs. */
const DEFLATE_CHUNK_BYTES = 1 << 20
/** zlib level (h5py's default for gzip): level 9 saved under 0.2 % more on the example model and wrote slower. */
const DEFLATE_LEVEL = 4

/**
 * Chunked storage options for HDF5's deflate filter (id 1, which h5py, h5wasm and every HDF5 build read) for a numeric
 * array of at least DEFLATE_MIN_BYTES, else none. Chunks split the first dimension; zlib's output depends only on the
 * bytes and the level, so the file stays byte-reproducible.
 */
export function deflateOptions(
  data: NumArray,
  shape: number[]
): { chunks: number[]; compression: 'gzip'; compression_opts: number } | Record<string, never> {
  if (data.byteLength < DEFLATE_MIN_BYTES || shape.length === 0 || shape.some((d) => d === 0)) return {}
  const rowBytes = data.byteLength / shape[0]!
  const rows = Math.max(1, Math.min(shape[0]!, Math.floor(DEFLATE_CHUNK_BYTES / rowBytes)))
  return { chunks: [rows, ...shape.slice(1)], compression: 'gzip', compression_opts: DEFLATE_LEVEL }
}

/**
 * Creates a dataset with `unit` / `description` (and any extra) string attributes; with `deflate`, a numeric array
 * is stored compressed (deflateOptions).
 */
export function writeArray(
  g: Group,
  name: string,
  data: NumArray | string | string[],
  shape: number[] | null,
  attrs: Record<string, string | number | NumArray> = {},
  opts: { deflate?: boolean } = {}
): Dataset {
  const packed = opts.deflate && shape && typeof data !== 'string' && !Array.isArray(data)
  const ds = g.create_dataset({ name, data, shape, ...(packed ? deflateOptions(data, shape) : {}) })
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

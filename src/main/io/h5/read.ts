// Typed, checked readers over h5wasm objects: every failure names the file and the HDF5 path.
import type { Dataset, File as H5File, Group, Reference } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { h5Read } from './h5lib'
import { checkDatasetReadSize } from './read-budget'

export type H5Node = Dataset | Group

export function isGroup(x: unknown): x is Group {
  return typeof x === 'object' && x !== null && (x as { type?: string }).type === 'Group'
}
export function isDataset(x: unknown): x is Dataset {
  return typeof x === 'object' && x !== null && (x as { type?: string }).type === 'Dataset'
}

/** Object at `path`, or null when absent (h5wasm returns null; broken links are treated as absent). */
export function getNode(f: H5File, path: string): H5Node | null {
  // A soft link that loops ("too many links") throws inside HDF5: name the path that led there.
  const e = h5Read(null, path, () => f.get(path))
  return isGroup(e) || isDataset(e) ? e : null
}

/**
 * Names of the children of `g` that are hard links (real members). Soft links are aliases of objects found
 * at their own path, or point nowhere (dangling) or back at themselves; walkers skip them.
 */
export function hardChildren(g: Group): string[] {
  // get_link resolves its argument from the file root, hence the full path.
  return g.keys().filter((k) => g.get_link(g.path === '/' ? `/${k}` : `${g.path}/${k}`) === null)
}

export function requireGroup(f: H5File, path: string): Group {
  const g = getNode(f, path)
  if (!isGroup(g)) throw new AppError('FIELD_MISSING', 'group not found', { file: f.filename, field: path })
  return g
}
export function requireDataset(f: H5File, path: string): Dataset {
  const d = getNode(f, path)
  if (!isDataset(d)) throw new AppError('FIELD_MISSING', 'dataset not found', { file: f.filename, field: path })
  return d
}

/** Attribute value; scalars may come back as 1-element arrays (h5wasm), so callers use the helpers below. */
export function attrValue(node: H5Node, name: string): unknown {
  const a = node.attrs[name]
  return a === undefined ? undefined : h5Read(null, `${node.path === '/' ? '' : node.path}/@${name}`, () => a.value)
}

/** String attribute (fixed or variable length, scalar or 1-element array), trimmed of NUL padding. */
export function attrString(node: H5Node, name: string): string | undefined {
  let v = attrValue(node, name)
  if (Array.isArray(v) && v.length === 1) v = v[0]
  return typeof v === 'string' ? v.replace(/\0+$/, '') : undefined
}

/** String-array attribute such as DynamicTable `colnames` (fixed `|S14` in NWB 2.0.2, vlen later). */
export function attrStrings(node: H5Node, name: string): string[] {
  const v = attrValue(node, name)
  if (typeof v === 'string') return [v.replace(/\0+$/, '')]
  if (Array.isArray(v)) return v.filter((s): s is string => typeof s === 'string').map((s) => s.replace(/\0+$/, ''))
  return []
}

/** Numeric attribute (scalar, 1-element array or typed array), or undefined. */
export function attrNumber(node: H5Node, name: string): number | undefined {
  const v = attrValue(node, name)
  const first = ArrayBuffer.isView(v) ? (v as unknown as ArrayLike<number | bigint>)[0] : Array.isArray(v) ? v[0] : v
  if (typeof first === 'number') return first
  if (typeof first === 'bigint') return Number(first)
  return undefined
}

/** Object-reference attribute (e.g. DynamicTableRegion `table`, VectorIndex `target`), or undefined. */
export function attrReference(node: H5Node, name: string): Reference | undefined {
  let v = attrValue(node, name)
  if (Array.isArray(v)) v = v[0]
  return typeof v === 'object' && v !== null && 'ref_data' in v ? (v as Reference) : undefined
}

/** Metadata `type` codes of h5wasm (H5T classes). */
const H5T_INTEGER = 0
const H5T_FLOAT = 1
const H5T_STRING = 3

export function isNumericDataset(d: Dataset): boolean {
  const t = d.metadata.type
  return t === H5T_INTEGER || t === H5T_FLOAT
}
export function isStringDataset(d: Dataset): boolean {
  return d.metadata.type === H5T_STRING
}

/**
 * A dataset's whole value, after its declared size is checked against the file and the read cap (nothing is
 * allocated for a refused read); an HDF5 read failure (e.g. a chunk that no longer inflates) names file and path.
 */
export function datasetValue(f: H5File, d: Dataset): ReturnType<() => Dataset['value']> {
  checkDatasetReadSize(f.filename, d)
  return h5Read(f.filename, d.path, () => d.value)
}

/** Reads a numeric dataset of any integer/float dtype as Float64Array (BigInt converted, must be exact). */
export function readNumbers(f: H5File, path: string): Float64Array {
  const d = requireDataset(f, path)
  return datasetNumbers(f, d)
}

/** Elements read at once from a large 1-D numeric dataset: the read's WebAssembly buffer stays this small. */
export const SLICE_ELEMENTS = 1 << 22

/** Progress of a sliced read: elements read of the dataset's total, and its path. */
export type SliceProgress = (done: number, total: number, path: string) => void
let sliceProgress: SliceProgress | null = null

/** Runs the synchronous `read` with `onSlice` told of every slice of a large dataset (e.g. 50 M spike times). */
export function withSliceProgress<T>(onSlice: SliceProgress | undefined, read: () => T): T {
  const before = sliceProgress
  sliceProgress = onSlice ?? null
  try {
    return read()
  } finally {
    sliceProgress = before
  }
}

export function datasetNumbers(f: H5File, d: Dataset): Float64Array {
  if (!isNumericDataset(d)) {
    throw new AppError('BAD_VALUE', `expected numbers, found dtype ${JSON.stringify(d.dtype)}`, {
      file: f.filename,
      field: d.path
    })
  }
  const shape = d.shape ?? []
  if (shape.length === 1 && (shape[0] ?? 0) > SLICE_ELEMENTS) return slicedNumbers(f, d)
  return toFloat64(f, d, datasetValue(f, d), 0)
}

/**
 * A large 1-D dataset read in slices of SLICE_ELEMENTS into one Float64Array: the memory taken is the result
 * plus one slice, not the whole dataset twice more (HDF5's buffer in WebAssembly memory, which never shrinks, and
 * its copy). The declared size is checked first, as for whole reads.
 */
export function slicedNumbers(f: H5File, d: Dataset, sliceElements = SLICE_ELEMENTS): Float64Array {
  checkDatasetReadSize(f.filename, d)
  const n = rowCount(d)
  const out = new Float64Array(n)
  for (let start = 0; start < n; start += sliceElements) {
    const stop = Math.min(n, start + sliceElements)
    const part = h5Read(f.filename, d.path, () => d.slice([[start, stop]]))
    out.set(toFloat64(f, d, part, start), start)
    sliceProgress?.(stop, n, d.path)
  }
  return out
}

/** Numbers read from `d` (whole or a slice starting at `offset`) as Float64Array; 64-bit integers must be exact. */
function toFloat64(f: H5File, d: Dataset, v: unknown, offset: number): Float64Array {
  if (v instanceof Float64Array) return v
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) {
    const out = new Float64Array(v.length)
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as bigint
      if (x > BigInt(Number.MAX_SAFE_INTEGER) || x < -BigInt(Number.MAX_SAFE_INTEGER)) {
        throw new AppError('BAD_VALUE', `64-bit value ${x} at [${offset + i}] is too large`, {
          file: f.filename,
          field: d.path
        })
      }
      out[i] = Number(x)
    }
    return out
  }
  if (ArrayBuffer.isView(v)) return Float64Array.from(v as unknown as ArrayLike<number>)
  if (typeof v === 'number') return Float64Array.of(v)
  if (typeof v === 'bigint') return Float64Array.of(Number(v))
  if (typeof v === 'boolean') return Float64Array.of(v ? 1 : 0)
  throw new AppError('BAD_VALUE', 'could not read numeric data', { file: f.filename, field: d.path })
}

/** Reads a string dataset (fixed or variable length) as string[] (scalar → 1 element). */
export function readStrings(f: H5File, path: string): string[] {
  const d = requireDataset(f, path)
  return datasetStrings(f, d)
}

export function datasetStrings(f: H5File, d: Dataset): string[] {
  if (!isStringDataset(d)) {
    throw new AppError('BAD_VALUE', `expected text, found dtype ${JSON.stringify(d.dtype)}`, {
      file: f.filename,
      field: d.path
    })
  }
  const v = datasetValue(f, d)
  const arr = Array.isArray(v) ? v : [v]
  return arr.map((s) => (typeof s === 'string' ? s.replace(/\0+$/, '') : String(s)))
}

/** Number of rows (first dimension) of a dataset; scalars count as 1. */
export function rowCount(d: Dataset): number {
  const s = d.shape
  return s === null || s.length === 0 ? 1 : (s[0] ?? 0)
}

/** Dereferences an object reference to a path, or null when it points nowhere. */
export function refPath(f: H5File, ref: Reference): string | null {
  try {
    const e = f.dereference(ref)
    return isGroup(e) || isDataset(e) ? e.path : null
  } catch {
    return null
  }
}

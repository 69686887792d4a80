// MATLAB v7.3 decoding over h5wasm: char (uint16), cell (object refs into #refs#), empty, logical, struct arrays,
// and MATLAB's column-major dimensions (HDF5 shape reversed).
import type { Dataset, File as H5File, Group, Reference } from 'h5wasm'
import { AppError } from '@shared/contract/errors'
import { attrNumber, attrString, datasetNumbers, datasetValue, isDataset, isGroup, type H5Node } from '../h5/read'

export function matClass(node: H5Node): string {
  return attrString(node, 'MATLAB_class') ?? ''
}
export function isMatEmpty(node: H5Node): boolean {
  return attrNumber(node, 'MATLAB_empty') === 1
}
function isRefDataset(d: Dataset): boolean {
  return d.dtype === 'Reference'
}
/** MATLAB dimensions (rows, cols, …): the HDF5 shape reversed. */
export function matDims(d: Dataset): number[] {
  return [...(d.shape ?? [])].reverse()
}

function where(f: H5File, path: string): { file: string; field: string } {
  return { file: f.filename, field: path }
}

/** Elements of a cell array (or struct-array field), in MATLAB linear order, dereferenced. */
export function cellElements(f: H5File, d: Dataset): H5Node[] {
  if (isMatEmpty(d)) return []
  if (!isRefDataset(d)) throw new AppError('BAD_VALUE', 'expected a cell array (object references)', where(f, d.path))
  const v = datasetValue(f, d)
  const refs = (Array.isArray(v) ? v : [v]) as Reference[]
  return refs.map((r, i) => {
    const e = f.dereference(r)
    if (!isGroup(e) && !isDataset(e)) {
      throw new AppError('INDEX_OUT_OF_RANGE', `cell element ${i} points to nothing`, where(f, d.path))
    }
    return e
  })
}

/** Rows of a MATLAB char array as strings (a 1×N char is one string). */
export function charRows(f: H5File, d: Dataset): string[] {
  if (isMatEmpty(d)) return ['']
  const codes = datasetNumbers(f, d)
  const [rows = 1, cols = codes.length] = matDims(d)
  const out: string[] = []
  for (let r = 0; r < rows; r++) {
    let s = ''
    // Column-major: element (r, c) is at r + c·rows.
    for (let c = 0; c < cols; c++) s += String.fromCharCode(codes[r + c * rows] as number)
    out.push(s.replace(/\0+$/, ''))
  }
  return out
}

/** Cells nested deeper than this are refused: real files nest one or two levels; a loop would never end. */
const MAX_CELL_DEPTH = 16

/**
 * Text value of a node: char → its string, cell of chars → strings, empty → []. `within` holds the cells being
 * read around this one, so a cell that contains itself (directly or through others) is refused, naming it.
 */
export function matStrings(f: H5File, node: H5Node, within: string[] = []): string[] {
  if (!isDataset(node) || isMatEmpty(node)) return []
  if (matClass(node) === 'char') return charRows(f, node)
  if (matClass(node) === 'cell' || isRefDataset(node)) {
    if (within.includes(node.path) || within.length >= MAX_CELL_DEPTH) {
      const chain = [...within, node.path].join(' → ')
      throw new AppError(
        'BAD_VALUE',
        `cell array contains itself (${chain}); the file is damaged`,
        where(f, within[0] ?? node.path)
      )
    }
    return cellElements(f, node).flatMap((e) => matStrings(f, e, [...within, node.path]))
  }
  throw new AppError(
    'BAD_VALUE',
    `expected text (char or cell of char), found MATLAB class "${matClass(node)}"`,
    where(f, node.path)
  )
}

/** Numeric value (double, integer, logical) as Float64Array in MATLAB linear order; empty → length 0. */
export function matNumbers(f: H5File, node: H5Node): Float64Array {
  if (!isDataset(node)) throw new AppError('BAD_VALUE', 'expected a numeric array, found a struct', where(f, node.path))
  if (isMatEmpty(node)) return new Float64Array()
  if (isRefDataset(node))
    throw new AppError('BAD_VALUE', 'expected a numeric array, found a cell array', where(f, node.path))
  return datasetNumbers(f, node)
}

/** A cell array of numeric vectors (e.g. spike times per unit). */
export function matCellNumbers(f: H5File, node: H5Node): Float64Array[] {
  if (!isDataset(node)) throw new AppError('BAD_VALUE', 'expected a cell array, found a struct', where(f, node.path))
  return cellElements(f, node).map((e) => matNumbers(f, e))
}

/**
 * Number of elements of a MATLAB struct group. A 1×1 struct stores field values directly; a struct array stores
 * each field as a dataset of references (one per element) without MATLAB_class "cell".
 */
export function structLength(g: Group, probeField: string): number {
  const d = g.get(probeField)
  if (!isDataset(d) || d.dtype !== 'Reference' || matClass(d) === 'cell') return 1
  return (d.shape ?? [1]).reduce((a, b) => a * b, 1)
}

/** Field `name` of element `i` of struct group `g` (null when the field is absent). */
export function structField(f: H5File, g: Group, name: string, i: number, length: number): H5Node | null {
  const d = g.get(name)
  if (!isDataset(d) && !isGroup(d)) return null
  if (length === 1) return d
  if (!isDataset(d))
    throw new AppError('SHAPE_MISMATCH', 'struct-array field is a group', where(f, `${g.path}/${name}`))
  const elements = cellElements(f, d)
  const e = elements[i]
  if (!e)
    throw new AppError('SHAPE_MISMATCH', `field has ${elements.length} elements, needed ${i + 1}`, where(f, d.path))
  return e
}

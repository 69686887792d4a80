// Where a file stores plain values (uncompressed dataset bytes, strings): the byte ranges in which a changed byte
// is a different but valid file, since HDF5 keeps no checksum over them (only compressed chunks and, from
// superblock 2 on, metadata carry one). A fuzz test that wants "identical or refused" must not flip there.
import type { Dataset, Group } from 'h5wasm'
import { withH5 } from '../../src/main/io/h5/h5lib'
import { hardChildren, isDataset, isGroup } from '../../src/main/io/h5/read'

export type Range = [start: number, end: number]

function mark(file: Buffer, needle: Buffer, out: Range[], every: boolean): boolean {
  let at = file.indexOf(needle)
  const found = at >= 0
  while (at >= 0) {
    out.push([at, at + needle.length])
    if (!every) break
    at = file.indexOf(needle, at + 1)
  }
  return found
}

function markValue(file: Buffer, value: unknown, out: Range[]): void {
  if (ArrayBuffer.isView(value)) {
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    if (bytes.length === 0 || mark(file, bytes, out, false)) return
    // Chunked storage: the values lie in pieces.
    for (let i = 0; i < bytes.length; i += 64) mark(file, bytes.subarray(i, Math.min(bytes.length, i + 64)), out, false)
    return
  }
  const strings = (Array.isArray(value) ? value.flat(4) : [value]).filter((v): v is string => typeof v === 'string')
  for (const s of new Set(strings)) if (Buffer.byteLength(s) >= 2) mark(file, Buffer.from(s), out, true)
  const numbers = (Array.isArray(value) ? value.flat(4) : [value]).filter((v): v is number => typeof v === 'number')
  if (numbers.length) markValue(file, Float64Array.from(numbers), out)
}

/** Sorted, merged ranges of plain (uncompressed) dataset values in `path`, whose bytes are `file`. */
export async function plainValueRanges(path: string, file: Buffer): Promise<Range[]> {
  const ranges: Range[] = []
  await withH5(path, (f) => {
    const walk = (g: Group, depth: number): void => {
      if (depth > 30) return
      for (const name of hardChildren(g)) {
        const node = g.get(name)
        if (isGroup(node)) walk(node, depth + 1)
        else if (isDataset(node) && (node as Dataset).filters.length === 0) {
          try {
            markValue(file, (node as Dataset).value, ranges)
          } catch {
            // references, compounds: not plain values
          }
        }
      }
    }
    walk(f, 0)
  })
  ranges.sort((a, b) => a[0] - b[0])
  const merged: Range[] = []
  for (const r of ranges) {
    const last = merged.at(-1)
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([...r])
  }
  return merged
}

export function inRanges(pos: number, ranges: Range[]): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [a, b] = ranges[mid]!
    if (pos < a) hi = mid - 1
    else if (pos >= b) lo = mid + 1
    else return true
  }
  return false
}

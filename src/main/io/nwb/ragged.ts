// Ragged (VectorData + VectorIndex) decoding with the checks NWB files need: monotone ends, last end == data length.
import { AppError } from '@shared/contract/errors'

/**
 * Splits `data` into rows using exclusive end offsets (`index[i]` = end of row i; row i starts at index[i-1] or 0).
 * Refuses the table when an end is past the data (e.g. aibs.nwb, cut to 10 rows with its original index),
 * decreases, or does not end exactly at the data length.
 * @returns views into `data`, one per row
 */
export function splitRagged(
  data: Float64Array,
  index: ArrayLike<number>,
  where: { file: string; field: string; dataPath: string }
): Float64Array[] {
  checkRaggedIndex(index, data.length, where)
  const rows: Float64Array[] = []
  let prev = 0
  for (let i = 0; i < index.length; i++) {
    const end = index[i] as number
    rows.push(data.subarray(prev, end))
    prev = end
  }
  return rows
}

/**
 * The checks of splitRagged against the data's length alone, so that a file's declared shape can be checked
 * before the data is read (a damaged index must not make the importer read, or allocate, anything).
 */
export function checkRaggedIndex(
  index: ArrayLike<number>,
  dataLength: number,
  where: { file: string; field: string; dataPath: string }
): void {
  let prev = 0
  for (let i = 0; i < index.length; i++) {
    const end = index[i] as number
    if (!Number.isInteger(end) || end < 0) {
      throw new AppError('BAD_VALUE', `index value ${end} at row ${i} is not a non-negative integer`, where)
    }
    if (end > dataLength) {
      throw new AppError(
        'INDEX_OUT_OF_RANGE',
        `index value ${end} at row ${i} points past the end of ${where.dataPath} (length ${dataLength}); the table is inconsistent and cannot be read`,
        where
      )
    }
    if (end < prev) {
      throw new AppError('BAD_VALUE', `index must be non-decreasing: row ${i} ends at ${end} before ${prev}`, where)
    }
    prev = end
  }
  if (index.length > 0 && prev !== dataLength) {
    throw new AppError(
      'SHAPE_MISMATCH',
      `last index value ${prev} does not match the length of ${where.dataPath} (${dataLength})`,
      where
    )
  }
}

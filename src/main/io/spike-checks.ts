// Checks on spike trains shared by every reader: NaN/Inf refused naming the unit, unsorted sorted with a warning.
import { AppError } from '@shared/contract/errors'

/**
 * Validates spike trains in place of use: non-finite times throw BAD_VALUE naming the unit (id and row);
 * an unsorted train is returned sorted (copy) and reported in `warnings`.
 */
export function checkTrains(
  trains: Float64Array[],
  ids: number[],
  where: { file: string; field: string },
  warnings: string[]
): Float64Array[] {
  return trains.map((st, u) => {
    for (let i = 0; i < st.length; i++) {
      if (!Number.isFinite(st[i] as number)) {
        throw new AppError(
          'BAD_VALUE',
          `spike times of unit ${ids[u]} (row ${u}) contain ${st[i]} at spike ${i}`,
          where
        )
      }
    }
    for (let i = 1; i < st.length; i++) {
      if ((st[i] as number) < (st[i - 1] as number)) {
        warnings.push(`${where.field}: spike times of unit ${ids[u]} were not sorted; sorted them`)
        return Float64Array.from(st).sort()
      }
    }
    return st
  })
}

/** Indices of units that have at least one spike; throws EMPTY_RESULT when none has. */
export function nonEmptyUnits(
  trains: Float64Array[],
  ids: number[],
  where: { file: string; field: string },
  warnings: string[]
): number[] {
  const keep: number[] = []
  const dropped: number[] = []
  trains.forEach((st, u) => (st.length > 0 ? keep.push(u) : dropped.push(ids[u] as number)))
  if (keep.length === 0) throw new AppError('EMPTY_RESULT', 'every unit has an empty spike train', where)
  if (dropped.length > 0)
    warnings.push(`${where.field}: dropped ${dropped.length} unit(s) without spikes (ids ${dropped.join(', ')})`)
  return keep
}

// Row-major matrix access and pair helpers used by the comparison views.
import { describe, expect, it } from 'vitest'
import { column, columnWhere, indexIn, pairList, row, thin } from '../../../src/renderer/src/lib/analysis/matrix'

const m = Float32Array.from([1, 2, 3, 4, 5, 6])

describe('matrix helpers', () => {
  it('rows and columns of a 3 × 2 matrix', () => {
    expect(Array.from(row(m, 1, 2))).toEqual([3, 4])
    expect(Array.from(column(m, 1, 2))).toEqual([2, 4, 6])
    expect(column(m, 0, 0).length).toBe(0)
  })
  it('selects a column by outcome code', () => {
    expect(columnWhere(m, 0, 2, [0, 1, 0], 0)).toEqual([1, 5])
  })
  it('maps pairs', () => {
    expect(pairList(Int32Array.from([0, 5, 2, 1]))).toEqual([
      [0, 5],
      [2, 1]
    ])
    expect(indexIn(Int32Array.from([4, 8, 9]), 8)).toBe(1)
    expect(indexIn(Int32Array.from([4]), 3)).toBe(-1)
  })
  it('thins evenly and keeps short lists', () => {
    expect(thin(3, 10)).toEqual([0, 1, 2])
    expect(thin(10, 4)).toEqual([0, 2, 5, 7])
  })
})

// CSV export: RFC 4180 quoting, numbers, missing values; file names for downloads.
import { describe, expect, it } from 'vitest'
import { columnsToRows, csvCell, toCsv } from '../../../src/renderer/src/lib/csv'
import { safeFilename } from '../../../src/renderer/src/lib/filename'

describe('csv', () => {
  it('quotes cells with commas, quotes and newlines', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('x\ny')).toBe('"x\ny"')
    expect(csvCell('plain')).toBe('plain')
  })
  it('writes numbers at full precision and blanks for null/NaN', () => {
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004')
    expect(csvCell(NaN)).toBe('')
    expect(csvCell(null)).toBe('')
    expect(csvCell(true)).toBe('true')
  })
  it('joins header and rows with CRLF', () => {
    expect(
      toCsv(
        ['step', 'loss'],
        [
          [1, 0.5],
          [2, null]
        ]
      )
    ).toBe('step,loss\r\n1,0.5\r\n2,\r\n')
  })
  it('turns columns of unequal length into rows', () => {
    expect(columnsToRows([[1, 2, 3], new Float32Array([0.5])])).toEqual([
      [1, 0.5],
      [2, undefined],
      [3, undefined]
    ])
  })
})

describe('safeFilename', () => {
  it('strips path characters and keeps the extension', () => {
    expect(safeFilename('Loss curves — run 3/a', 'svg')).toBe('loss-curves-run-3-a.svg')
    expect(safeFilename('../..', 'png')).toBe('figure.png')
  })
})

// CSV formula injection: text a spreadsheet would run as a formula is neutralised in cells and headers, in the
// one writer used by the report tables (main) and the export buttons (renderer); numbers stay numbers.
import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '@shared/csv'
import { tableCsv as reportCsv } from '@shared/tables/table'
import { toCsv as rendererCsv } from '../../../src/renderer/src/lib/csv'

describe('CSV formula injection', () => {
  it('prefixes text starting with =, +, -, @, tab or CR with an apostrophe (then quotes as RFC 4180 asks)', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0")
    expect(csvCell('+SUM(A1:A2)')).toBe("'+SUM(A1:A2)")
    expect(csvCell('-2+3')).toBe("'-2+3")
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)")
    expect(csvCell('\tx')).toBe("'\tx")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
  })

  it('keeps numbers, and text that is a plain number, as they are', () => {
    expect(csvCell(-0.5)).toBe('-0.5')
    expect(csvCell('-0.5')).toBe('-0.5')
    expect(csvCell('+3e-2')).toBe('+3e-2')
    expect(csvCell('-12')).toBe('-12')
    expect(csvCell('ALM-left')).toBe('ALM-left')
    expect(csvCell('a=b')).toBe('a=b')
  })

  it('neutralises headers too, and both entry points write the same text', () => {
    const header = ['area', '=1+1']
    const rows = [['=cmd|x', -0.25]]
    const text = "area,'=1+1\r\n'=cmd|x,-0.25\r\n"
    expect(toCsv(header, rows)).toBe(text)
    expect(reportCsv({ header, rows })).toBe(text)
    expect(rendererCsv(header, rows)).toBe(text)
  })
})

// Hash routing (parse/format round trip, fallbacks) and the number/duration/date formats of tables and cards.
import { describe, expect, it } from 'vitest'
import { formatHash, parseHash, viewLabel, views } from '../../../src/renderer/src/lib/routes'
import { fmtDate, fmtDuration, fmtNum, fmtPct } from '../../../src/renderer/src/lib/format'

describe('routes', () => {
  it('round-trips a view and its selection', () => {
    const hash = formatHash('variability', { run: 'run-1', session: 2, area: undefined, empty: '' })
    expect(hash).toBe('#/variability?run=run-1&session=2')
    expect(parseHash(hash)).toEqual({ view: 'variability', params: { run: 'run-1', session: '2' } })
  })
  it('falls back to the Library for empty or unknown hashes', () => {
    expect(parseHash('').view).toBe('library')
    expect(parseHash('#/nowhere?x=1')).toEqual({ view: 'library', params: { x: '1' } })
  })
  it('labels every view once', () => {
    expect(views.map((v) => v.id)).toEqual([
      'library',
      'import',
      'explorer',
      'fit',
      'variability',
      'behaviour',
      'connectivity',
      'perturbations',
      'compare'
    ])
    expect(viewLabel('fit')).toBe('Fit monitor')
  })
})

describe('format', () => {
  it('numbers: significant digits, exponents for extremes, dash for missing', () => {
    expect(fmtNum(0.123456)).toBe('0.123')
    expect(fmtNum(123456)).toBe('1.23e+5')
    expect(fmtNum(0.00012)).toBe('1.20e-4')
    expect(fmtNum(0)).toBe('0')
    expect(fmtNum(null)).toBe('—')
    expect(fmtNum(NaN)).toBe('—')
  })
  it('durations and percentages', () => {
    expect(fmtDuration(5.25)).toBe('5.3 s')
    expect(fmtDuration(42)).toBe('42 s')
    expect(fmtDuration(125)).toBe('2 min 05 s')
    expect(fmtDuration(3725)).toBe('1 h 02 min')
    expect(fmtDuration(null)).toBe('—')
    expect(fmtPct(0.6125)).toBe('61.3 %')
  })
  it('dates: local YYYY-MM-DD HH:MM, invalid input unchanged', () => {
    expect(fmtDate('2026-01-02T03:04:00')).toBe('2026-01-02 03:04')
    expect(fmtDate('not a date')).toBe('not a date')
    expect(fmtDate(null)).toBe('—')
  })
})

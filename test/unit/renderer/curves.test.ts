// Live loss curve: fetched points followed by newer live points only, nulls as NaN.
import { describe, expect, it } from 'vitest'
import { lastRecorded, mergeCurves } from '../../../src/renderer/src/lib/analysis/curves'

const c = (step: number[], v: (number | null)[]) => ({ step, total: v, psth: v, trial: v, reg: v })

describe('mergeCurves', () => {
  it('appends only live points past the last fetched step', () => {
    const m = mergeCurves(c([0, 10, 20], [3, 2, 1]), c([15, 20, 25, 24, 30], [9, 9, 0.5, 7, 0.4]))
    expect(Array.from(m.step)).toEqual([0, 10, 20, 25, 30])
    expect(Array.from(m.total)).toEqual([3, 2, 1, 0.5, 0.4])
  })
  it('turns null losses into NaN gaps and handles missing halves', () => {
    const m = mergeCurves(null, c([1, 2], [null, 2]))
    expect(Number.isNaN(m.psth[0])).toBe(true)
    expect(m.psth[1]).toBe(2)
    expect(mergeCurves(null, null).step.length).toBe(0)
    expect(Array.from(mergeCurves(c([5], [1]), null).step)).toEqual([5])
  })
})

describe('lastRecorded', () => {
  it("gives a finished run's last model rate (the Fit monitor's card without live progress), skipping gaps", () => {
    expect(lastRecorded([4, 5.5, null])).toBe(5.5)
    expect(lastRecorded([4, NaN])).toBe(4)
    expect(lastRecorded([])).toBeNull()
    expect(lastRecorded(undefined)).toBeNull()
  })
})

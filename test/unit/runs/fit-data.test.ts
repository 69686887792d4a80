// SessionData → FitData: stratified held-out split, jaw normalisation, codes, errors.
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { normaliseJaw, prepareFitData, stratifiedHeldOut } from '../../../src/main/services/runs/fit-data'
import { makeSession } from './helpers/sessions'

describe('stratifiedHeldOut', () => {
  it('holds out round(fraction × n) per class, the same trials for the same seed', () => {
    const classes = [...Array(40).fill('Hit'), ...Array(10).fill('Miss')] as string[]
    const all = classes.map((_, k) => k)
    const a = stratifiedHeldOut(classes, all, 0.2, 1)
    expect(a.filter((k) => classes[k] === 'Hit')).toHaveLength(8)
    expect(a.filter((k) => classes[k] === 'Miss')).toHaveLength(2)
    expect(stratifiedHeldOut(classes, all, 0.2, 1)).toEqual(a)
    expect(stratifiedHeldOut(classes, all, 0.2, 2)).not.toEqual(a)
    expect([...a].sort((x, y) => x - y)).toEqual(a)
  })

  it('keeps a lone trial of a class in training and never holds out a whole class', () => {
    const classes = ['Hit', 'Hit', 'Hit', 'FA', 'CR', 'CR']
    const held = stratifiedHeldOut(classes, [0, 1, 2, 3, 4, 5], 0.9, 1)
    expect(held).not.toContain(3)
    expect(held.filter((k) => classes[k] === 'Hit')).toHaveLength(2)
    expect(held.filter((k) => classes[k] === 'CR')).toHaveLength(1)
  })

  it('only draws from the candidate trials', () => {
    const classes = Array(10).fill('Hit') as string[]
    const held = stratifiedHeldOut(classes, [1, 3, 5, 7, 9], 0.4, 1)
    expect(held).toHaveLength(2)
    for (const k of held) expect(k % 2).toBe(1)
  })
})

describe('normaliseJaw', () => {
  it("subtracts each trial's pre-stimulus mean and divides by the rms across-trial spread", () => {
    // 2 trials × 4 bins, stimulus at bin 2: baselines 1 and 3.
    const jaw = new Float32Array([1, 1, 2, 4, 3, 3, 3, 5])
    const out = normaliseJaw(jaw, 2, 4, 2, [0, 1])
    // centred: [0,0,1,3] and [0,0,0,2]; across-trial variances per bin: 0,0,0.25,0.25 → mean 0.125
    const s = Math.sqrt(0.125)
    const want = [0, 0, 1 / s, 3 / s, 0, 0, 0, 2 / s]
    out.forEach((v, i) => expect(v).toBeCloseTo(want[i] ?? NaN, 5))
  })

  it('uses the first bin as baseline when the window starts at the stimulus, and scale 1 when flat', () => {
    const out = normaliseJaw(new Float32Array([2, 3, 2, 3]), 2, 2, 0, [0, 1])
    expect(Array.from(out)).toEqual([0, 1, 0, 1])
  })
})

describe('prepareFitData', () => {
  it('maps areas, unit types, outcomes, stimulus and marks the held-out trials', () => {
    const { data, split, notes } = prepareFitData([makeSession({}, 1), makeSession({ units: 4 }, 2)], 0.2)
    expect(notes).toEqual([])
    expect(data.areas).toEqual(['area1', 'area2'])
    expect(data.nBins).toBe(40)
    expect(data.dt).toBeCloseTo(0.002)
    expect(data.stimBin).toBe(10)
    const s0 = data.sessions[0]!
    expect(Array.from(s0.unitArea)).toEqual([0, 0, 0, 1, 1, 1])
    expect(Array.from(s0.unitInhibitory)).toEqual([0, 0, 1, 0, 0, 1])
    expect(s0.outcome[0]).toBe(1) // Miss
    expect(s0.outcome[1]).toBe(0) // Hit
    expect(s0.stimulus[1]).toBe(4)
    expect(s0.heldOut.reduce((a, b) => a + b, 0)).toBe(4) // 16 Hit → 3, 4 Miss → 1
    expect(split[0]!.heldOut).toHaveLength(4)
    for (const k of split[0]!.heldOut) expect(s0.heldOut[k]).toBe(1)
    expect(s0.jaw).not.toBeNull()
  })

  it('reuses a stored split exactly', () => {
    const sessions = [makeSession({}, 1)]
    const stored = [{ session: 's1', nTrials: 20, heldOut: [0, 1, 2], excluded: [] }]
    const { data } = prepareFitData(sessions, 0.5, stored)
    expect(Array.from(data.sessions[0]!.heldOut.slice(0, 4))).toEqual([1, 1, 1, 0])
    expect(data.sessions[0]!.heldOut.reduce((a, b) => a + b, 0)).toBe(3)
  })

  it('leaves out trials whose jaw is NaN, or the jaw when most trials lack it', () => {
    const few = makeSession({}, 1)
    few.behaviour['jaw']![5 * 40 + 3] = NaN
    const a = prepareFitData([few], 0.2)
    expect(a.data.sessions[0]!.outcome).toHaveLength(19)
    expect(a.split[0]!.excluded).toEqual([5])
    expect(a.notes[0]).toMatch(/1 trials without a jaw/)
    const many = makeSession({}, 1)
    many.behaviour['jaw']!.fill(NaN, 0, 15 * 40)
    const b = prepareFitData([many], 0.2)
    expect(b.data.sessions[0]!.jaw).toBeNull()
    expect(b.data.sessions[0]!.outcome).toHaveLength(20)
  })

  it('copies the spikes of kept trials in order', () => {
    const s = makeSession({}, 3)
    s.behaviour['jaw']![0] = NaN // drops trial 0
    const { data } = prepareFitData([s], 0.2)
    const block = 40 * 6
    expect(Array.from(data.sessions[0]!.spikes.subarray(0, block))).toEqual(
      Array.from(s.spikes!.subarray(block, 2 * block))
    )
  })

  it('refuses sessions binned differently, naming the session', () => {
    const err = (() => {
      try {
        prepareFitData([makeSession({}, 1), makeSession({ nBins: 30 }, 2)], 0.2, null, 'ds.h5')
      } catch (e) {
        return e
      }
      return null
    })()
    expect(err).toBeInstanceOf(AppError)
    expect((err as AppError).code).toBe('SHAPE_MISMATCH')
    expect((err as AppError).message).toMatch(/ds\.h5: sessions\/s2\/binning/)
  })

  it('refuses a dataset with no usable session', () => {
    expect(() => prepareFitData([], 0.2)).toThrow(/no sessions/)
    expect(() => prepareFitData([makeSession({ trials: 0 }, 1)], 0.2)).toThrow(/No session has both units and trials/)
  })
})

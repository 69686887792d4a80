// Each recorded row's own task-event times and its trials-table row, read from the dataset's trials through the
// split's kept trials (one mapping: storedTrialOf).
import { describe, expect, it } from 'vitest'
import {
  keptTrials,
  recordedSourceIndex,
  recordedTaskEvents,
  storedTrialOf
} from '../../../src/main/analysis/trial-rows'

describe('recordedTaskEvents', () => {
  it('maps each row (session, kept trial) to its stored trial, skipping the split’s excluded trials', () => {
    const trials = (n: number) => Array.from({ length: n }, () => ({}) as never)
    const sessions: { name: string; trials: never[]; taskEvents: Record<string, Float64Array> }[] = [
      { name: 'a', trials: trials(4), taskEvents: { lick_time: Float64Array.of(0.1, 0.2, 0.3, 0.4) } },
      // session b has no lick column but a reward one
      { name: 'b', trials: trials(3), taskEvents: { reward_time: Float64Array.of(1.1, NaN, 1.3) } }
    ]
    // a: trial 1 excluded, so kept trials [0, 2, 3]; b: none excluded
    const split = [
      { session: 'a', excluded: [1] },
      { session: 'b', excluded: [] }
    ]
    // rows: a kept #1 (stored 2), a kept #2 (stored 3), b #0, b #1, a kept #5 (out of range)
    const rows = { session: Int32Array.of(0, 0, 1, 1, 0), trial: Int32Array.of(1, 2, 0, 1, 5) }
    const out = recordedTaskEvents(rows, sessions, split)
    expect(out.map((e) => e.name)).toEqual(['lick_time', 'reward_time'])
    expect(Array.from(out[0]!.timeS)).toEqual([0.3, 0.4, NaN, NaN, NaN].map(Math.fround))
    expect(Array.from(out[1]!.timeS)).toEqual([NaN, NaN, 1.1, NaN, NaN].map(Math.fround))
  })

  it('no events kept: an empty list', () => {
    expect(
      recordedTaskEvents({ session: Int32Array.of(0), trial: Int32Array.of(0) }, [{ name: 'a', trials: [] }], [])
    ).toEqual([])
  })
})

describe('recordedSourceIndex', () => {
  // Session a: the import dropped source rows 1 and 4 (e.g. an excluded outcome), so its stored trials are source rows
  // [0, 2, 3, 5, 6, 7]; the split leaves out stored trials 1 and 3 (e.g. perturbed), so the fit's kept trials are
  // stored [0, 2, 4, 5] = source rows [0, 3, 6, 7]. Session b: nothing dropped or left out.
  const sessions = [
    { name: 'a', trials: [0, 2, 3, 5, 6, 7].map((sourceIndex) => ({ sourceIndex })) as never[] },
    { name: 'b', trials: [0, 1, 2].map((sourceIndex) => ({ sourceIndex })) as never[] }
  ]
  const split = [
    { session: 'a', excluded: [1, 3] },
    { session: 'b', excluded: [] }
  ]

  it('names each row by its trials-table row, not by its position among the kept trials', () => {
    expect(keptTrials(6, [1, 3])).toEqual([0, 2, 4, 5])
    // rows: a kept #1, a kept #3, b #2, a kept #4 (out of range)
    const rows = { session: Int32Array.of(0, 0, 1, 0), trial: Int32Array.of(1, 3, 2, 4) }
    expect(Array.from(storedTrialOf(rows, sessions, split))).toEqual([2, 5, 2, -1])
    expect(Array.from(recordedSourceIndex(rows, sessions, split))).toEqual([3, 7, 2, -1])
  })
})

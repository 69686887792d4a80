// Stimulus conditions with fewer than 2 trials: their trials are excluded (every per-trial field cut to the rest,
// counted in a warning); a session with no condition of 2 trials is refused.
import { describe, expect, it } from 'vitest'
import type { SessionData } from '@shared/domain/dataset'
import { dropShortConditions } from '../../../src/main/io/used-data-checks'

/** 4 trials (stimulus 1, 0, 1, 2), 2 bins, 1 unit; every per-trial field holds its trial index. */
function session(stimuli = [1, 0, 1, 2]): SessionData {
  const K = stimuli.length
  return {
    name: 's',
    sourceFile: 's.nwb',
    units: [{ sourceId: 1, area: 'A', type: 'E', firingRateHz: 1 }],
    trials: stimuli.map((stimulus, k) => ({ sourceIndex: k, outcome: 'Hit', stimulus, alignTime: k })),
    binning: { dt: 0.1, start: 0, stop: 0.2 },
    nBins: 2,
    spikes: Uint8Array.from({ length: K * 2 }, (_, i) => i >> 1),
    spikeTimes: [Float64Array.of(0.05)],
    behaviour: { jaw: Float32Array.from({ length: K * 2 }, (_, i) => (i >> 1) + 0.5) },
    taskEvents: { go: Float64Array.from({ length: K }, (_, k) => k / 10) },
    trialGroups: { type: stimuli.map((_, k) => `t${k}`) }
  }
}

describe('dropShortConditions', () => {
  it('excludes the trials of conditions with 1 trial from every per-trial field, with a counted warning', () => {
    const { session: s, warning, refusal } = dropShortConditions(session())
    expect(refusal).toBeNull()
    expect(warning).toBe(
      'session "s": 2 trials excluded, in stimulus conditions with fewer than 2 trials (condition 0: 1 trial, condition 2: 1 trial): a fit could not evaluate them'
    )
    expect(s.trials.map((t) => t.sourceIndex)).toEqual([0, 2])
    expect(Array.from(s.spikes!)).toEqual([0, 0, 2, 2])
    expect(Array.from(s.behaviour['jaw']!)).toEqual([0.5, 0.5, 2.5, 2.5])
    expect(Array.from(s.taskEvents!['go']!)).toEqual([0, 0.2])
    expect(s.trialGroups!['type']).toEqual(['t0', 't2'])
  })

  it('keeps a session whose conditions all have 2 trials as it is', () => {
    const whole = session([1, 0, 1, 0])
    expect(dropShortConditions(whole)).toEqual({ session: whole, warning: null, refusal: null })
  })

  it('refuses a session with no condition of 2 trials, naming them', () => {
    const r = dropShortConditions(session([1, 0, 2]))
    expect(r.warning).toBeNull()
    expect(r.refusal).toBe(
      'session "s" has no stimulus condition with at least 2 trials (condition 0: 1 trial, condition 1: 1 trial, condition 2: 1 trial): a fit on it cannot be evaluated; choose another stimulus column or trials table'
    )
  })
})

// The ceilings summed a block of trials at a time (services/timescale/reduced-counts.ts) equal the engine's ladder
// over the whole K × T × U array, bit for bit: the example's two sessions, and sessions whose binned array is absent
// (as a stored Neuropixels-sized session comes), binned here from spike times in blocks of one trial.
import { describe, expect, it } from 'vitest'
import type { SessionData } from '@shared/domain/dataset'
import { resolveFitConfig } from '@shared/domain/model-config'
import { CEILING_LADDER_MS, ceilingLadder } from '../../../src/main/engine'
import { prepareLossTargets } from '../../../src/main/engine/losses'
import { identityNeuronMap } from '../../../src/main/engine/metrics/ceiling-ladder'
import { generateExample } from '../../../src/main/io/example/generate'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { reduceSessions } from '../../../src/main/services/timescale/reduced-counts'

const { loss, optim } = resolveFitConfig({})
const sessions = generateExample({ seed: 4, sessions: 2, unitsPerSession: 14, trialsPerSession: 30 }).sessions

function both(stored: readonly SessionData[]) {
  const whole = prepareFitData(stored, optim.heldOutFraction, null, 'example')
  const empty = prepareFitData(stored, optim.heldOutFraction, null, 'example', undefined, { spikes: false })
  expect(empty.data.sessions.every((s) => s.spikes.length === 0)).toBe(true)
  const reducedCounts = reduceSessions(empty, stored)
  const targetsOf = (data: typeof whole.data, reduced?: typeof reducedCounts) =>
    prepareLossTargets(data, identityNeuronMap(data), loss, reduced ? { reduced } : {}).sessions.map((t) => ({
      features: t.features,
      meanRate: t.meanRate,
      groups: t.groups
    }))
  // The data side of the targets too (the rate cut's mean rates, the trial features), not only the ladder.
  expect(targetsOf(empty.data, reducedCounts)).toEqual(targetsOf(whole.data))
  return {
    full: ceilingLadder(whole.data, loss, optim.batchSize),
    reduced: ceilingLadder(empty.data, loss, optim.batchSize, CEILING_LADDER_MS, reducedCounts)
  }
}

describe('ceilings from counts summed over trials', () => {
  it("equal the whole array's ladder at every width, bit for bit", () => {
    const { full, reduced } = both(sessions)
    expect(full.some((p) => Number.isFinite(p.tTrial) && Number.isFinite(p.psthR))).toBe(true)
    expect(reduced).toEqual(full)
  })

  it('equal it for sessions without a binned array (counts binned from the spike times)', () => {
    const unbinned = sessions.map(({ spikes: _, ...s }) => ({ ...s }))
    expect(both(unbinned).reduced).toEqual(both(sessions).full)
  })
})

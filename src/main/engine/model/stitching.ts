// Session stitching (spec §1.5): every recorded unit gets its own model neuron of the same area and E/I type
// (unknown type counts as E), drawn at random with a seeded stream; the neurons left over are unrecorded.
import { AppError } from '@shared/contract/errors'
import { type Rng, shuffleInPlace } from '../rng'
import type { FitData, NeuronMap } from '../types'
import type { Layout } from './layout'

/** Maps recorded units to model neurons. Deterministic given `rng`. */
export function stitchSessions(data: FitData, layout: Layout, rng: Rng): NeuronMap {
  const A = layout.areas.length
  const N = layout.n
  const session = new Int32Array(N).fill(-1)
  const unit = new Int32Array(N).fill(-1)
  // Free model neurons per (area, type), shuffled once: taking them in order is a uniform draw without replacement.
  const pools: Int32Array[] = []
  const next = new Int32Array(2 * A)
  for (let a = 0; a < A; a++) {
    const e = new Int32Array(layout.nEPerArea)
    for (let k = 0; k < e.length; k++) e[k] = a * layout.nEPerArea + k
    const inh = new Int32Array(layout.nIPerArea)
    for (let k = 0; k < inh.length; k++) inh[k] = layout.nE + a * layout.nIPerArea + k
    shuffleInPlace(e, rng)
    shuffleInPlace(inh, rng)
    pools.push(e, inh)
  }
  data.sessions.forEach((s, si) => {
    for (let u = 0; u < s.unitArea.length; u++) {
      const slot = 2 * s.unitArea[u] + (s.unitInhibitory[u] === 1 ? 1 : 0)
      const pool = pools[slot]
      if (next[slot] >= pool.length) {
        // buildLayout sizes the areas for this; reaching here means the data changed under us.
        throw new AppError(
          'INVALID_SETTINGS',
          `not enough model neurons for the units of area ${layout.areas[s.unitArea[u]]}`,
          {
            field: `sessions[${si}].unitArea`
          }
        )
      }
      const neuron = pool[next[slot]++]
      session[neuron] = si
      unit[neuron] = u
    }
  })
  return { session, unit }
}

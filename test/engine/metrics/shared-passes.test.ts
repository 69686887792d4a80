// The evaluation's shared passes (one group-mean pass for all sessions, one trial-mean pass per trial list) give
// exactly what the per-session / per-neuron computations give.
import { describe, expect, it } from 'vitest'
import { applyFilter, modelFeatures, prepareLossTargets, sessionLayout } from '../../../src/main/engine/losses'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'
import { pearson, psthPearson } from '../../../src/main/engine/metrics'
import { sessionModelFeatures } from '../../../src/main/engine/metrics/model-features'
import { fitData, lossConfig, neuronMap, randomSession, trialsOf } from '../losses/fixtures'

const T = 16
const B = 6
const s0 = randomSession(41, 's0', 8, T, [0, 0, 1, 1, 1], true)
const s1 = randomSession(42, 's1', 8, T, [0, 1, 1, 0], false)
const map = neuronMap([
  [1, 0],
  [0, 0],
  [-1, -1],
  [0, 3],
  [1, 2],
  [0, 1],
  [1, 1],
  [0, 4],
  [1, 3],
  [0, 2]
])
const N = 10
const targets = prepareLossTargets(fitData([s0, s1], T, 0.01), map, lossConfig({ filterMs: 20, resample: 2 }), {
  minAreaNeurons: 1
})
const rnd = mulberry32(3)
const spikes = Float32Array.from({ length: B * T * N }, () => (rnd() < 0.6 ? 0 : Math.floor(rnd() * 9) / 8))
const jaw = Float32Array.from({ length: B * T }, () => rnd())
const stimulus = Float32Array.from({ length: B }, (_, b) => b % 2)

describe('evaluation shared passes', () => {
  it('sessionModelFeatures equals modelFeatures of each session', () => {
    for (const j of [jaw, null]) {
      const X = sessionModelFeatures(targets, spikes, j, B)
      targets.sessions.forEach((s, i) => {
        const layout = sessionLayout(s, targets.featureFilter, j !== null)
        expect(X[i]).toEqual(modelFeatures(layout, spikes, j, B, T, N))
      })
    }
  })

  it('psthPearson equals per-neuron strided trial means', () => {
    const heldOut = [trialsOf(s0, 1), trialsOf(s1, 1)]
    const rows = psthPearson(targets, spikes, stimulus, heldOut)
    expect(rows.length).toBeGreaterThan(0)
    const L = targets.filter1.outLen
    const mean = (x: ArrayLike<number>, trials: number[], C: number, col: number): Float64Array => {
      const avg = new Float64Array(T)
      for (const k of trials) for (let t = 0; t < T; t++) avg[t] += x[(k * T + t) * C + col]
      for (let t = 0; t < T; t++) avg[t] /= trials.length
      const out = new Float64Array(L)
      applyFilter(targets.filter1, avg, 0, 1, out, 0, 1)
      return out
    }
    for (const row of rows) {
      const si = map.session[row.neuron]
      const sess = targets.data.sessions[si]
      const u = map.unit[row.neuron]
      const a: number[] = []
      const b: number[] = []
      for (const c of [0, 1]) {
        const model = [...Array(B).keys()].filter((k) => stimulus[k] === c)
        const held = [...heldOut[si]].filter((k) => sess.stimulus[k] === c)
        if (held.length === 0) continue
        a.push(...mean(spikes, model, N, row.neuron))
        b.push(...mean(sess.spikes, held, sess.unitArea.length, u))
      }
      expect(row.r).toBe(pearson(Float64Array.from(a), Float64Array.from(b)))
    }
  })
})

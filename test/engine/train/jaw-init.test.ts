// model.initJawFromData: the jaw readout starts as the sessions' least-squares maps from their recorded motor-area
// excitatory units to their recorded jaws, so that a model whose neurons fire as their units reads out the jaw.
import { describe, expect, it } from 'vitest'
import { createTrainer, type FitData } from '../../../src/main/engine'
import { buildLayout } from '../../../src/main/engine/model/layout'
import { stitchSessions } from '../../../src/main/engine/model/stitching'
import { PURPOSE, Rng } from '../../../src/main/engine/rng'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

const T = 40
const TAU_MS = 50

/** Two sessions whose jaws are exact readouts (own weights and offset) of their area-A2 excitatory units. */
function jawData(): FitData {
  const data = tinyData({ nBins: T, trials: 30, unitsPerArea: 6, sessions: 2, withJaw: true, seed: 3 })
  const alpha = Math.exp(-(data.dt * 1000) / TAU_MS)
  data.sessions.forEach((s, si) => {
    const U = s.unitArea.length
    const read = Array.from({ length: U }, (_, u) => u).filter((u) => s.unitArea[u] === 1 && !s.unitInhibitory[u])
    const w = read.map((_, i) => (si === 0 ? 0.8 : -0.5) * (i + 1))
    const c = si === 0 ? 0.3 : -0.2
    const K = s.outcome.length
    const start = startCounts(data, si, read)
    for (let k = 0; k < K; k++) {
      const x = [...start]
      for (let t = 0; t < T; t++) {
        let v = c
        read.forEach((u, i) => {
          x[i] = alpha * x[i]! + (1 - alpha) * s.spikes[(k * T + t) * U + u]!
          v += w[i]! * x[i]!
        })
        s.jaw![k * T + t] = v
      }
    }
  })
  return data
}

/** Each unit's mean count per bin before the stimulus, over the training trials (where the model's filter starts). */
function startCounts(data: FitData, si: number, units: number[]): number[] {
  const s = data.sessions[si]!
  const U = s.unitArea.length
  const train = Array.from(s.heldOut, (h, k) => (h ? -1 : k)).filter((k) => k >= 0)
  return units.map((u) => {
    let n = 0
    for (const k of train) for (let t = 0; t < data.stimBin; t++) n += s.spikes[(k * T + t) * U + u]!
    return n / (train.length * data.stimBin)
  })
}

const cfg = (init: boolean) =>
  tinyConfig({ model: { neuronsPerArea: 12, tauJawMs: TAU_MS, initJawFromData: init }, optim: { seed: 4 } })

describe('initJawFromData', () => {
  it('reads out the mean of the recorded jaws when every neuron fires as its recorded unit', async () => {
    const data = jawData()
    const c = cfg(true)
    const t = await createTrainer(data, c)
    const p = t.exportParams()
    const notes = t.notes ?? []
    await t.dispose()
    expect(notes.some((n) => n.startsWith('jaw readout set from 6 recorded motor-area units of 2 sessions'))).toBe(true)
    const layout = buildLayout(data, c.model)
    const map = stitchSessions(data, layout, new Rng(c.optim.seed, PURPOSE.stitching))
    const w = p.arrays['w_jaw']!.data
    const [gain, offset] = p.arrays['jaw_affine']!.data as unknown as [number, number]
    const alpha = Math.exp(-(data.dt * 1000) / TAU_MS)
    // neurons of the motor area that no session recorded read nothing
    for (const i of layout.motor) if (map.session[i]! < 0) expect(w[i]).toBe(0)
    // trial k of both sessions at once: model neuron i fires as its unit in its session's trial k
    const spikeOf = (i: number, k: number, tt: number): number => {
      const s = data.sessions[map.session[i]!]!
      return s.spikes[(k * T + tt) * s.unitArea.length + map.unit[i]!]!
    }
    const recorded = Array.from(layout.motor).filter((i) => map.session[i]! >= 0)
    const start = recorded.map((i) => startCounts(data, map.session[i]!, [map.unit[i]!])[0]!)
    let worst = 0
    for (const k of [0, 1, 4, 7]) {
      let j = 0.5 * recorded.reduce((a, i, q) => a + w[i]! * start[q]!, 0)
      for (let tt = 0; tt < T; tt++) {
        const r = recorded.reduce((a, i) => a + w[i]! * spikeOf(i, k, tt), 0)
        j = alpha * j + (1 - alpha) * 0.5 * r
        const want = 0.5 * (data.sessions[0]!.jaw![k * T + tt]! + data.sessions[1]!.jaw![k * T + tt]!)
        worst = Math.max(worst, Math.abs(gain * j + offset - want))
      }
    }
    expect(worst).toBeLessThan(1e-3)
  })

  it('changes nothing when off, and leaves the random readout (saying why) when no session has a jaw', async () => {
    const withJaw = jawData()
    const noJaw = jawData()
    for (const s of noJaw.sessions) s.jaw = null
    const params = async (data: FitData, init: boolean) => {
      const t = await createTrainer(data, cfg(init))
      const p = t.exportParams()
      const notes = [...(t.notes ?? [])]
      await t.dispose()
      return { w: Array.from(p.arrays['w_jaw']!.data), affine: Array.from(p.arrays['jaw_affine']!.data), notes }
    }
    const off = await params(withJaw, false)
    const on = await params(withJaw, true)
    expect(on.w).not.toEqual(off.w)
    expect(off.notes.some((n) => n.startsWith('jaw readout'))).toBe(false)
    const none = await params(noJaw, true)
    expect(none.w).toEqual(off.w)
    expect(none.affine).toEqual(off.affine)
    expect(none.notes).toContain(
      'jaw readout left at its random start: no session has both a jaw and a recorded motor-area unit'
    )
  })
})

// bench:trial-structure's jaw readout: the least-squares fit recovers a jaw that is exactly such a readout, reads
// only the motor area's excitatory units, and is absent where there is nothing to read.
import { describe, expect, it } from 'vitest'
import { fitJawReadout } from '../../../src/main/bench/jaw-readout'
import type { EngineSession } from '../../../src/main/engine/types'

const [K, T, U, stimBin, dt, tau] = [40, 60, 5, 10, 0.002, 0.05]

function session(): EngineSession {
  let a = 12345
  const rand = (): number => (a = (Math.imul(a, 1103515245) + 12345) >>> 0) / 4294967296
  const spikes = Uint8Array.from({ length: K * T * U }, () => (rand() < 0.15 ? 1 : 0))
  return {
    name: 's',
    unitArea: Int32Array.from([0, 1, 1, 1, 1]),
    unitInhibitory: Uint8Array.from([0, 0, 1, 0, 0]),
    spikes,
    outcome: new Uint8Array(K),
    stimulus: new Float32Array(K),
    jaw: null,
    heldOut: Uint8Array.from({ length: K }, (_, k) => (k % 5 === 0 ? 1 : 0))
  }
}

/** The jaw a model would read out with weights `w` (per unit) and offset `c`, written independently of the bench. */
function readoutJaw(s: EngineSession, w: number[], c: number): Float32Array {
  const alpha = Math.exp(-dt / tau)
  const train = Array.from({ length: K }, (_, k) => k).filter((k) => s.heldOut[k] === 0)
  const jaw = new Float32Array(K * T)
  const start = w.map((_, u) => {
    let n = 0
    for (const k of train) for (let t = 0; t < stimBin; t++) n += s.spikes[(k * T + t) * U + u]!
    return n / (train.length * stimBin)
  })
  for (let k = 0; k < K; k++) {
    const x = [...start]
    for (let t = 0; t < T; t++) {
      let v = c
      for (let u = 0; u < U; u++) {
        x[u] = alpha * x[u]! + (1 - alpha) * s.spikes[(k * T + t) * U + u]!
        v += w[u]! * x[u]!
      }
      jaw[k * T + t] = v
    }
  }
  return jaw
}

describe('fitJawReadout', () => {
  it("recovers a jaw that is a readout of the motor area's excitatory units, on training and held-out trials", () => {
    const s = session()
    s.jaw = readoutJaw(s, [0, 2, 0, -1.5, 0.7], 0.3)
    const r = fitJawReadout(s, T, dt, stimBin, 1, tau)!
    expect(r.units).toEqual([1, 3, 4])
    for (const k of [0, 1, 5, 7]) {
      const got = r.apply(s.spikes, k)
      for (let t = 0; t < T; t++) expect(got[t]).toBeCloseTo(s.jaw[k * T + t]!, 3)
    }
  })

  it('cannot use an inhibitory or other-area unit: a jaw read from them is not recovered', () => {
    const s = session()
    s.jaw = readoutJaw(s, [3, 0, 3, 0, 0], 0)
    const r = fitJawReadout(s, T, dt, stimBin, 1, tau)!
    let err = 0
    for (let t = 0; t < T; t++) err = Math.max(err, Math.abs(r.apply(s.spikes, 1)[t]! - s.jaw[T + t]!))
    expect(err).toBeGreaterThan(0.05)
  })

  it('is null without a jaw or without an excitatory unit in the motor area', () => {
    expect(fitJawReadout(session(), T, dt, stimBin, 1, tau)).toBeNull()
    const s = session()
    s.jaw = new Float32Array(K * T)
    s.unitInhibitory.fill(1, 1)
    expect(fitJawReadout(s, T, dt, stimBin, 1, tau)).toBeNull()
  })
})

// Layout, stitching, initialisation and PRNG: E-first layout, automatic neuron raise, one distinct model neuron
// per recorded unit of the same area/type, E/I-balanced columns, spectral radius, stream determinism.
import { describe, expect, it } from 'vitest'
import { buildLayout } from '../../../src/main/engine/model/layout'
import { initParams, spectralRadius } from '../../../src/main/engine/model/init'
import { buildDims } from '../../../src/main/engine/model/params'
import { stitchSessions } from '../../../src/main/engine/model/stitching'
import { Rng } from '../../../src/main/engine/rng'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

describe('layout and stitching', () => {
  it('lays neurons out E-first and raises neuronsPerArea when units need it', () => {
    const data = tinyData({ sessions: 3, unitsPerArea: 4 }) // 9 E + 3 I units per area over 3 sessions
    const cfg = tinyConfig({ model: { neuronsPerArea: 6 } })
    const l = buildLayout(data, cfg.model)
    expect(l.nPerArea).toBeGreaterThan(6)
    expect(l.notes[0]).toMatch(
      /^Neurons per area: \d+ \(one model neuron per recorded unit, .*the setting's 6 is a minimum\)\.$/
    )
    // the note names the area and type that forced the raise: that side is filled exactly
    const why = /(A\d) has (\d+) (excitatory|inhibitory) recorded units/.exec(l.notes[0] ?? '')
    expect(why).not.toBeNull()
    expect(Number(why?.[2])).toBe(why?.[3] === 'excitatory' ? l.nEPerArea : l.nIPerArea)
    expect(l.nEPerArea).toBeGreaterThanOrEqual(9)
    expect(l.nIPerArea).toBeGreaterThanOrEqual(3)
    for (let i = 0; i < l.n; i++) expect(l.neuronInhibitory[i]).toBe(i < l.nE ? 0 : 1)
    const map = stitchSessions(data, l, new Rng(1, 6))
    const seen = new Set<string>()
    for (let i = 0; i < l.n; i++) {
      const s = map.session[i]
      if (s < 0) continue
      const u = map.unit[i]
      const key = `${s}:${u}`
      expect(seen.has(key)).toBe(false)
      seen.add(key)
      expect(l.neuronArea[i]).toBe(data.sessions[s].unitArea[u])
      expect(l.neuronInhibitory[i]).toBe(data.sessions[s].unitInhibitory[u])
    }
    expect(seen.size).toBe(data.sessions.reduce((a, s) => a + s.unitArea.length, 0))
    const again = stitchSessions(data, l, new Rng(1, 6))
    expect(Array.from(again.unit)).toEqual(Array.from(map.unit))
  })
})

describe('initialisation (spec §2.4)', () => {
  const data = tinyData({ areas: ['A', 'B', 'C'] })
  const cfg = tinyConfig({ model: { neuronsPerArea: 20 } })
  const l = buildLayout(data, cfg.model)
  const { dims } = buildDims(cfg.model, l, data.dt, data.nBins, data.stimBin)
  const p = initParams(l, dims, new Rng(2), 0.1, 0, 'f64')
  const n = l.n

  it('starts inter-area excitation at zero and balances every column', () => {
    for (const w of [p.w_rec_d0, p.w_rec_d1]) {
      for (let j = 0; j < n; j++) {
        for (let i = 0; i < n; i++) {
          if (l.neuronArea[i] !== l.neuronArea[j] || i === j) expect(w[j * n + i]).toBe(0)
        }
      }
      for (let i = 0; i < n; i++) {
        let se = 0
        let si = 0
        for (let j = 0; j < n; j++) {
          if (j < l.nE) se += w[j * n + i]
          else si += w[j * n + i]
        }
        expect(se).toBeGreaterThan(0)
        expect(Math.abs(se - si) / se).toBeLessThan(1e-9)
      }
    }
  })

  it('scales each group to signed spectral radius ½ (÷ two groups)', () => {
    for (const w of [p.w_rec_d0, p.w_rec_d1]) {
      const rho = spectralRadius(w, n, l.nE, new Rng(77), 200)
      expect(rho).toBeGreaterThan(0.4)
      expect(rho).toBeLessThan(0.6)
    }
  })
})

describe('Rng', () => {
  it('is reproducible, keyed, and its state round-trips (including the cached normal)', () => {
    const a = new Rng(1, 2, 3)
    const b = new Rng(1, 2, 3)
    const c = new Rng(1, 2, 4)
    const xs = Array.from({ length: 5 }, () => a.nextU32())
    expect(Array.from({ length: 5 }, () => b.nextU32())).toEqual(xs)
    expect(Array.from({ length: 5 }, () => c.nextU32())).not.toEqual(xs)
    a.normal()
    const st = a.getState()
    const next = [a.normal(), a.uniform()]
    const d = new Rng(0)
    d.setState(st)
    expect([d.normal(), d.uniform()]).toEqual(next)
  })

  it('draws uniforms and normals with the right moments', () => {
    const r = new Rng(9)
    const N = 200_000
    let su = 0
    let sn = 0
    let sn2 = 0
    for (let i = 0; i < N; i++) {
      su += r.uniform()
      const z = r.normal()
      sn += z
      sn2 += z * z
    }
    expect(Math.abs(su / N - 0.5)).toBeLessThan(0.005)
    expect(Math.abs(sn / N)).toBeLessThan(0.01)
    expect(Math.abs(sn2 / N - 1)).toBeLessThan(0.02)
  })
})

// Local inhibition: detected on the initial weights (the connectivity rule), refused as soon as one inhibitory
// weight reaches another area, and the split adjoint equals the full one (the skipped terms are exact zeros).
import { describe, expect, it } from 'vitest'
import { createJsKernels } from '../../../src/main/engine/kernels/js'
import { adjointDots, inhibitionIsLocal } from '../../../src/main/engine/model/local-inhibition'
import { refreshModelTensors, allocModelTensors } from '../../../src/main/engine/model/params'
import { setupFit } from '../../../src/main/engine/train/setup'
import { Rng } from '../../../src/main/engine/rng'
import { tinyConfig, tinyData } from '../helpers/tiny-data'

describe('local inhibition', () => {
  const k = createJsKernels('f64')
  const s = setupFit(tinyData({ withJaw: false }), tinyConfig({ model: { neuronsPerArea: 10 } }))
  const { n, nE, nAreas } = s.dims
  const mt = allocModelTensors(s.dims, s.dyn, s.layout.motor, k)

  it('holds for the initial weights of a two-area model, not after an inter-area inhibitory weight', () => {
    expect(nAreas).toBe(2)
    refreshModelTensors(mt, s.params)
    expect(mt.inhLocal[0]).toBe(1)
    // last inhibitory neuron (area 2) → first excitatory neuron (area 1)
    const p = { ...s.params, w_rec_d1: Float64Array.from(s.params.w_rec_d1) as typeof s.params.w_rec_d1 }
    p.w_rec_d1[(n - 1) * n + 0] = 0.01
    refreshModelTensors(mt, p)
    expect(mt.inhLocal[0]).toBe(0)
    expect(inhibitionIsLocal(s.dims, mt.wRec)).toBe(false)
    expect(inhibitionIsLocal({ ...s.dims, nAreas: 1 }, mt.wRec)).toBe(false)
  })

  it('gives the full adjoint with the inhibitory rows cut to their own area', () => {
    refreshModelTensors(mt, s.params)
    expect(mt.inhLocal[0]).toBe(1)
    const rng = new Rng(3)
    const vec = Float64Array.from({ length: n }, () => rng.normal())
    // ascending rows, as the backward lists them: some excitatory, some inhibitory of each area
    const rows = Int32Array.from(new Set([1, 4, nE - 1, nE, nE + 1, n - 2, n - 1])).sort()
    const split = new Float64Array(n)
    adjointDots(k, mt, mt.wRec[0], split, 0, rows, 0, rows.length, vec)
    const full = new Float64Array(n)
    k.dotRows(full, 0, mt.wRec[0], rows, 0, rows.length, n, vec, 0)
    for (const j of rows) expect(split[j]).toBeCloseTo(full[j], 12)
    expect(rows.some((j) => j >= nE && full[j] !== 0)).toBe(true)
  })
})

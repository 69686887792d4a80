// wasm-SIMD adjointRow against the js reference (kernels/adjoint-row.ts): bit-equal outputs (adjoint ring cleared,
// dL/dV, its sums and δ) on random backward-like rows of odd and even lengths at nonzero offsets, with zeros and
// refractory (sp = 0) neurons, and a hand-computed single neuron.
import { describe, expect, it } from 'vitest'
import { adjointRow } from '../../../src/main/engine/kernels/adjoint-row'
import { createWasmKernels } from '../../../src/main/engine/kernels/wasm'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

const wasm = createWasmKernels()

interface Row {
  gz: Float32Array
  gs: Float64Array
  reset: Float64Array
  alpha: Float64Array
  gVNext: Float64Array
  wJaw: Float64Array
  sp: Float32Array
  eta: Float32Array
  sumGV: Float64Array
  sumGVEta: Float64Array
  delta: Float32Array
}

const GZ_OFF = 3
const TRACE_OFF = 5

/** A random row in kernel memory (floats at offsets, as the ring and trace are read). */
function randomRow(n: number, seed: number): Row {
  const r = mulberry32(seed)
  const f = (len: number): Float32Array => wasm.allocFloat(len) as Float32Array
  const d = (): Float64Array => wasm.allocDouble!(n)
  const row: Row = {
    gz: f(n + GZ_OFF),
    gs: d(),
    reset: d(),
    alpha: d(),
    gVNext: d(),
    wJaw: d(),
    sp: f(n + TRACE_OFF),
    eta: f(n + TRACE_OFF),
    sumGV: d(),
    sumGVEta: d(),
    delta: f(n)
  }
  for (let i = 0; i < n; i++) {
    row.gz[GZ_OFF + i] = r() < 0.3 ? 0 : r() - 0.5
    row.gs[i] = (r() - 0.5) * 1e-2
    row.reset[i] = 0.9 + 0.2 * r()
    row.alpha[i] = 0.8 + 0.19 * r()
    row.gVNext[i] = (r() - 0.5) * 3
    row.wJaw[i] = r() < 0.5 ? 0 : r()
    row.sp[TRACE_OFF + i] = r() < 0.2 ? 0 : r() * 2
    row.eta[TRACE_OFF + i] = (r() - 0.5) * 0.3
    row.sumGV[i] = r() - 0.5
    row.sumGVEta[i] = r() - 0.5
  }
  return row
}

/** A plain-array copy (the js reference runs on it). */
function copyRow(row: Row): Row {
  const c = {} as Record<keyof Row, Float32Array | Float64Array>
  for (const [k, v] of Object.entries(row)) c[k as keyof Row] = v.slice()
  return c as unknown as Row
}

function run(impl: typeof adjointRow, row: Row, n: number, gr: number): void {
  impl(
    n,
    row.gz,
    GZ_OFF,
    row.gs,
    row.reset,
    row.alpha,
    row.gVNext,
    row.wJaw,
    gr,
    row.sp,
    row.eta,
    TRACE_OFF,
    row.sumGV,
    row.sumGVEta,
    row.delta
  )
}

const bits = (a: Float32Array | Float64Array): number[] =>
  Array.from(a instanceof Float32Array ? new Int32Array(a.slice().buffer) : new Int32Array(a.slice().buffer))

describe('wasm adjointRow', () => {
  it.each([1, 2, 3, 7, 64, 500, 501])('is bit-equal to the js reference (n %i)', (n) => {
    const row = randomRow(n, n)
    const ref = copyRow(row)
    const gr = 0.0123 * n
    run(adjointRow, ref, n, gr)
    run(wasm.adjointRow!.bind(wasm), row, n, gr)
    for (const k of ['gz', 'gVNext', 'sumGV', 'sumGVEta', 'delta'] as const)
      expect(bits(row[k]), k).toEqual(bits(ref[k]))
    expect(Array.from(row.gz.subarray(GZ_OFF))).toEqual(new Array(n).fill(0))
    expect(row.delta.some((v) => v !== 0)).toBe(true)
  })

  it('computes one neuron by hand', () => {
    const row = randomRow(1, 1)
    row.gz[GZ_OFF] = 0.5
    row.gs[0] = 0.25
    row.reset[0] = 2
    row.alpha[0] = 0.75
    row.gVNext[0] = 1
    row.wJaw[0] = 4
    row.sp[TRACE_OFF] = 0.5
    row.eta[TRACE_OFF] = 2
    row.sumGV[0] = 0
    row.sumGVEta[0] = 1
    wasm.adjointRow!(
      1,
      row.gz,
      GZ_OFF,
      row.gs,
      row.reset,
      row.alpha,
      row.gVNext,
      row.wJaw,
      0.125,
      row.sp,
      row.eta,
      TRACE_OFF,
      row.sumGV,
      row.sumGVEta,
      row.delta
    )
    // agvn = .75; dL/dz = .5 + .25 − 2·.75 + .125·4 = −.25; gV = .75 + .5·(−.25) = .625
    expect(row.gVNext[0]).toBe(0.625)
    expect(row.sumGV[0]).toBe(0.625)
    expect(row.sumGVEta[0]).toBe(1 + 0.625 * 2)
    expect(row.delta[0]).toBe(0.25 * 0.625)
    expect(row.gz[GZ_OFF]).toBe(0)
  })
})

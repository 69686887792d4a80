// wasm spikeStep against the js reference (kernels/spike-step.ts): the same spikes, list, refractory counters,
// voltages and trace bits on random rows (refractory neurons, near-threshold draws, n odd, nonzero offsets), and a
// hand-computed three-neuron step.
import { describe, expect, it } from 'vitest'
import { spikeStep } from '../../../src/main/engine/kernels/spike-step'
import { createWasmKernels } from '../../../src/main/engine/kernels/wasm'
import { mulberry32 } from '../../../src/main/engine/losses/subsample'

const wasm = createWasmKernels()
const TRACE_OFF = 7
const LIST_OFF = 3

function randomStep(n: number, seed: number) {
  const r = mulberry32(seed)
  const d = (): Float64Array => wasm.allocDouble!(n)
  const s = {
    vRow: d(),
    sgRow: d(),
    uniRow: d(),
    reset: d(),
    vState: d(),
    noiseRow: d(),
    ref: wasm.allocInt(n),
    list: wasm.allocInt(n + LIST_OFF),
    sp: wasm.allocFloat(n + TRACE_OFF) as Float32Array,
    eta: wasm.allocFloat(n + TRACE_OFF) as Float32Array,
    flags: wasm.allocBytes!(n + TRACE_OFF)
  }
  for (let i = 0; i < n; i++) {
    s.vRow[i] = r() * 0.2 - 0.05
    s.sgRow[i] = r() < 0.3 ? r() : r() * 1e-3
    s.uniRow[i] = r() < 0.2 ? s.sgRow[i] * (0.5 + r()) : r()
    s.reset[i] = 0.1 + 0.01 * r()
    s.noiseRow[i] = (r() - 0.5) * 0.03
    s.ref[i] = r() < 0.2 ? 1 + Math.floor(r() * 2) : 0
  }
  return s
}

type Step = ReturnType<typeof randomStep>

function copy(s: Step): Step {
  const c = {} as Record<string, unknown>
  for (const [k, v] of Object.entries(s)) c[k] = (v as Float64Array).slice()
  return c as unknown as Step
}

function run(impl: typeof spikeStep, s: Step, n: number): number {
  return impl(
    n,
    s.vRow,
    s.sgRow,
    s.uniRow,
    s.ref,
    s.reset,
    s.vState,
    2,
    (0.3 * 15) / 0.1,
    1,
    s.noiseRow,
    s.sp,
    s.eta,
    s.flags,
    TRACE_OFF,
    s.list,
    LIST_OFF
  )
}

describe('wasm spikeStep', () => {
  it.each([1, 2, 5, 64, 500, 501])('is bit-equal to the js reference (n %i)', (n) => {
    const s = randomStep(n, n + 1)
    const ref = copy(s)
    const cnt = run(spikeStep, ref, n)
    expect(run(wasm.spikeStep!.bind(wasm), s, n)).toBe(cnt)
    for (const k of ['vState', 'ref', 'list', 'sp', 'eta', 'flags'] as const) {
      const a = s[k] as ArrayLike<number> & { buffer: ArrayBufferLike; byteOffset: number; byteLength: number }
      const b = ref[k] as typeof a
      expect(Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)), k).toEqual(
        Array.from(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))
      )
    }
    if (n >= 64) expect(cnt).toBeGreaterThan(0)
  })

  it('computes a three-neuron step by hand', () => {
    const s = randomStep(3, 9)
    s.vRow.set([0.2, 0.05, 0.3])
    s.sgRow.set([0.5, 0.25, 0.9])
    s.uniRow.set([0.4, 0.3, 0.1])
    s.ref.set([0, 0, 1])
    s.reset.set([0.1, 0.1, 0.1])
    const cnt = wasm.spikeStep!(
      3,
      s.vRow,
      s.sgRow,
      s.uniRow,
      s.ref,
      s.reset,
      s.vState,
      2,
      4,
      1,
      s.noiseRow,
      s.sp,
      s.eta,
      s.flags,
      0,
      s.list,
      0
    )
    // neuron 0: u .4 < σ .5 → spike, v = .2 − .1; neuron 1: .3 ≥ .25 → silent; neuron 2: refractory
    expect(cnt).toBe(1)
    expect(s.list[0]).toBe(0)
    expect(Array.from(s.flags.subarray(0, 3))).toEqual([1, 0, 2])
    expect(Array.from(s.ref)).toEqual([2, 0, 0])
    expect(s.vState[0]).toBeCloseTo(0.1, 15)
    expect(s.vState[1]).toBe(0.05)
    expect(s.sp[0]).toBe(Math.fround(4 * 0.25))
    expect(s.sp[2]).toBe(0)
  })
})

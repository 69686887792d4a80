// The pure parts of a perturbation experiment: intervals (hand-computed), standard windows, condition resolution,
// the stratified stimulus mix, and one arm's sums on a hand-made batch.
import { describe, expect, it } from 'vitest'
import { experimentRequestSchema } from '@shared/domain/perturbation-experiment'
import { ArmSums } from '../../../../src/main/analysis/perturbation/arm'
import { resolveConditions, stimulusMix } from '../../../../src/main/analysis/perturbation/conditions'
import { pairedMean, wilson } from '../../../../src/main/analysis/perturbation/stats'
import { binTimes, standardWindows } from '../../../../src/main/analysis/perturbation/windows'

describe('intervals', () => {
  it('Wilson: 8 of 10 → [0.490, 0.943]; 0 of 0 → [0, 1]; bounded in [0, 1]', () => {
    const [lo, hi] = wilson(8, 10)
    expect(lo).toBeCloseTo(0.4902, 4)
    expect(hi).toBeCloseTo(0.9433, 4)
    expect(wilson(0, 0)).toEqual([0, 1])
    expect(wilson(0, 5)[0]).toBe(0)
    expect(wilson(5, 5)[1]).toBe(1)
  })

  it('paired mean: differences [1, 0, 0, −1, 1] → 0.2 ± 1.96·sd/√5; all zero → exactly [0, 0]', () => {
    const d = [1, 0, 0, -1, 1]
    const r = pairedMean(
      d.reduce((a, b) => a + b),
      d.reduce((a, b) => a + b * b, 0),
      d.length
    )
    const sd = Math.sqrt((3 - 5 * 0.04) / 4)
    expect(r.mean).toBeCloseTo(0.2, 12)
    expect(r.ci95[1] - r.mean).toBeCloseTo((1.959963984540054 * sd) / Math.sqrt(5), 12)
    expect(pairedMean(0, 0, 40)).toEqual({ mean: 0, ci95: [0, 0] })
  })
})

describe('task windows', () => {
  it('baseline before the event; stimulus, delay quarters and a response half after it', () => {
    // example layout: −0.1 … 0.4 s in 2 ms bins
    const axis = { nBins: 250, dt: 0.002, stimBin: 50 }
    expect(standardWindows(axis)).toEqual([
      { name: 'baseline', window: [-0.1, 0] },
      { name: 'stimulus', window: [0, 0.1] },
      { name: 'delay', window: [0.1, 0.2] },
      { name: 'response', window: [0.2, 0.4] }
    ])
    expect(binTimes(axis)[50]).toBe(0)
    expect(binTimes(axis)[0]).toBe(-0.1)
    expect(standardWindows({ nBins: 10, dt: 0.1, stimBin: 0 }).map((w) => w.name)).toEqual([
      'stimulus',
      'delay',
      'response'
    ])
  })
})

describe('conditions', () => {
  const axis = { nBins: 250, dt: 0.002, stimBin: 50 }
  it('grid = every area × every standard window, area-major, with the light settings', () => {
    const req = experimentRequestSchema.parse({ runId: 'r', grid: { light: { strength: 5, waveform: 'const' } } })
    const r = resolveConditions(req, ['area1', 'area2'], axis)
    expect(r.conditions.map((c) => c.label)).toEqual([
      'area1 baseline',
      'area1 stimulus',
      'area1 delay',
      'area1 response',
      'area2 baseline',
      'area2 stimulus',
      'area2 delay',
      'area2 response'
    ])
    expect(r.conditions[7]!.perturbations).toEqual([
      {
        areas: ['area2'],
        window: [0.2, 0.4],
        population: 'inh',
        strength: 5,
        waveform: 'const',
        frequencyHz: 100,
        rampS: 0.05,
        fraction: 0.51
      }
    ])
    expect(r.grid!.windows).toHaveLength(4)
  })

  it('refuses an unknown area naming the field, and a request with neither conditions nor grid', () => {
    const req = experimentRequestSchema.parse({
      runId: 'r',
      conditions: [{ perturbations: [{ areas: ['V1'], window: [0, 0.1] }] }]
    })
    expect(() => resolveConditions(req, ['area1'], axis)).toThrow(
      expect.objectContaining({ code: 'BAD_VALUE', field: 'conditions[0].perturbations.areas' })
    )
    expect(experimentRequestSchema.safeParse({ runId: 'r' }).success).toBe(false)
  })

  it('stimulus mix keeps the recorded proportions, stratified', () => {
    const rec = [4, 0, 4, 4, 0, 4, 4, 4, 0, 4] // 70 % stimulus
    const m = stimulusMix(rec, 100)
    expect(m.filter((x) => x === 4).length).toBe(70)
    expect(Array.from(stimulusMix([2], 3))).toEqual([2, 2, 2])
    expect(() => stimulusMix([], 3)).toThrow(expect.objectContaining({ field: 'trials' }))
  })
})

describe('arm sums', () => {
  it('counts types, Hit rate per seed, licks, jaw and the excitatory rate per area', () => {
    // 2 trials × 2 bins × 3 neurons: neuron 0 area 0 E, neuron 1 area 1 E, neuron 2 area 1 I
    const m = {
      areas: ['a', 'b'],
      neuronArea: Int32Array.from([0, 1, 1]),
      neuronInhibitory: Uint8Array.from([0, 0, 1]),
      nBins: 2,
      dt: 0.5,
      stimBin: 0
    }
    const arm = new ArmSums(m)
    const spikes = Uint8Array.from([1, 0, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0])
    arm.add(0, {
      spikes,
      jaw: Float32Array.from([1, 3, 0, 0]),
      stimulus: Float32Array.from([4, 4]),
      outcome: Uint8Array.from([0, 1]),
      lick: Uint8Array.from([1, 0])
    })
    arm.add(1, {
      spikes,
      jaw: Float32Array.from([1, 1, 1, 1]),
      stimulus: Float32Array.from([4, 0]),
      outcome: Uint8Array.from([0, 2]),
      lick: Uint8Array.from([1, 0])
    })
    const s = arm.summary([0, 1])
    expect(s.nTrials).toBe(4)
    expect(s.hitRate).toBeCloseTo(2 / 3, 12)
    expect(s.hitRateBySeed).toEqual([0.5, 1])
    expect(s.faRate).toBe(0)
    expect(s.mix).toEqual({ Hit: 0.5, Miss: 0.25, CR: 0.25, FA: 0 })
    expect(s.lickProbability).toBe(0.5)
    // trial means 2, 0, 1, 1 → mean 1, sd √(2/3)
    expect(s.jawMean).toBe(1)
    expect(s.jawSd).toBeCloseTo(Math.sqrt(2 / 3), 12)
    expect(s.series.jawMean).toEqual([0.75, 1.25])
    // area a (neuron 0): one spike per batch in each bin → 2 / (4 trials · 1 neuron · 0.5 s) = 1 Hz
    expect(s.series.areaRateHz['a']).toEqual([1, 1])
    // area b counts only neuron 1 (E; neuron 2 is inhibitory): bin 0 none, bin 1 two per batch → 4 / 2 = 2 Hz
    expect(s.series.areaRateHz['b']).toEqual([0, 2])
    // over the window's bins [0, 1)
    expect(s.areaRateHz).toEqual({ a: 1, b: 0 })
  })
})

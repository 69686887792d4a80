// The Perturbations view's pure helpers: the request a form describes (and what it refuses), the area × window
// Δ Hit table, the recorded effect in the same layout, and the per-area rate change.
import { describe, expect, it } from 'vitest'
import {
  experimentRequestSchema,
  lightSettingsSchema,
  type ArmSummary,
  type ExperimentResult
} from '@shared/domain/perturbation-experiment'
import {
  conditionHeader,
  conditionRows,
  deltaHitGrid,
  initialForm,
  rateChange,
  recordedGrid,
  requestFrom,
  windowOf
} from '../../../src/renderer/src/lib/analysis/perturbation'

const light = lightSettingsSchema.parse({})
const windows = [
  { name: 'baseline', window: [-0.2, 0] as [number, number] },
  { name: 'stimulus', window: [0, 0.1] as [number, number] },
  { name: 'response', window: [0.1, 0.4] as [number, number] }
]
const setup = { areas: ['A1', 'A2'], windows, trialEndS: 0.4 }

const mix = (hit: number) => ({ Hit: hit, Miss: 1 - hit, CR: 0, FA: 0 })
function arm(hit: number, rates: Record<string, number[]>): ArmSummary {
  const ci: [number, number] = [hit - 0.1, hit + 0.1]
  return {
    nTrials: 10,
    hitRate: hit,
    hitRateCi95: ci,
    hitRateBySeed: [hit],
    faRate: null,
    mix: mix(hit),
    mixCi95: { Hit: ci, Miss: ci, CR: [0, 0], FA: [0, 0] },
    lickProbability: hit,
    jawMean: 0,
    jawSd: 0,
    areaRateHz: {},
    series: { jawMean: [0, 0], jawSd: [0, 0], areaRateHz: rates }
  }
}
function result(withRecorded: boolean): ExperimentResult {
  const control = arm(0.8, { A1: [5, 6], A2: [2, 4] })
  const conditions = ['A1', 'A2'].flatMap((area, i) =>
    windows.map((w, j) => ({
      label: `${area} ${w.name}`,
      area,
      window: w.window,
      windowName: w.name,
      perturbations: [],
      nLitNeurons: 3,
      perturbed: arm(0.8 - 0.1 * (3 * i + j), { A1: [4, 6], A2: [2, 1] }),
      deltaHitRate: -0.1 * (3 * i + j),
      deltaHitRateCi95: [0, 0] as [number, number],
      deltaMix: mix(0),
      deltaAreaRateHz: {}
    }))
  )
  const rec = (label: string, area: string, window: [number, number], d: number | null) => ({
    label,
    area,
    window,
    nTrials: 5,
    nControlTrials: 20,
    hitRate: null,
    controlHitRate: null,
    deltaHitRate: d,
    modelDeltaHitRate: null
  })
  return {
    runId: 'r',
    checkpointStep: 1,
    areas: ['A1', 'A2'],
    timeS: [0, 0.01],
    nTrials: 10,
    seeds: 1,
    trialTypeMethod: 'lick',
    control,
    // Grid order on purpose not area-major: cells are found by area and window name.
    conditions: [...conditions].reverse(),
    grid: { areas: ['A1', 'A2'], windows },
    recorded: withRecorded
      ? {
          conditions: [
            rec('a', 'A2', [0.2, 0.3], -0.4),
            rec('b', 'A2', [0.1, 0.2], -0.2),
            rec('c', 'A1', [-0.1, 0], 0.1),
            rec('d', 'A1+A2', [0, 0.1], 0.5),
            rec('e', 'A1', [0, 0.05], null)
          ],
          agreement: { n: 0, pearson: null, meanAbsDiff: null }
        }
      : null,
    seconds: 1
  }
}

describe('Perturbations view helpers', () => {
  it('builds a valid single-condition request from the initial form (last area, response window)', () => {
    const f = initialForm(setup, 'run-1', light)
    const check = requestFrom(f)
    expect(check.ok).toBe(true)
    if (!check.ok) return
    const req = experimentRequestSchema.parse(check.request)
    expect(req.conditions).toHaveLength(1)
    expect(req.conditions[0]?.label).toBe('A2 response')
    expect(req.conditions[0]?.perturbations[0]).toMatchObject({
      areas: ['A2'],
      window: [0.1, 0.4],
      strength: 20,
      population: 'inh'
    })
    expect(req.grid).toBeUndefined()
  })

  it('builds a grid request; no area ticked means all areas', () => {
    const check = requestFrom({ ...initialForm(setup, 'run-1', light), mode: 'grid', areas: [] })
    expect(check.ok && experimentRequestSchema.parse(check.request).grid).toMatchObject({ light: { strength: 20 } })
    expect(check.ok && check.request.grid?.areas).toBeUndefined()
  })

  it('refuses a form without areas, with an empty window, or with bad trial counts, naming the field', () => {
    const f = initialForm(setup, 'run-1', light)
    expect(requestFrom({ ...f, areas: [] })).toMatchObject({ ok: false, field: 'areas' })
    expect(requestFrom({ ...f, window: [0.2, 0.2] })).toMatchObject({ ok: false, field: 'window' })
    expect(requestFrom({ ...f, nTrials: 0 })).toMatchObject({ ok: false, field: 'nTrials' })
    expect(requestFrom({ ...f, seeds: 1.5 })).toMatchObject({ ok: false, field: 'seeds' })
    expect(requestFrom({ ...f, runId: '' })).toMatchObject({ ok: false, field: 'run' })
  })

  it('lays the grid conditions out as area × window by name', () => {
    const g = deltaHitGrid(result(false))!
    expect(g.rows).toEqual(['A1', 'A2'])
    expect(g.cols).toEqual(['baseline', 'stimulus', 'response'])
    expect(Array.from(g.values).map((v) => Math.round(v * 10) / 10)).toEqual([-0, -0.1, -0.2, -0.3, -0.4, -0.5])
    expect(deltaHitGrid({ ...result(false), grid: null })).toBeNull()
  })

  it('puts each recorded perturbation in the period holding its midpoint, averaging several', () => {
    expect(windowOf(windows, [0.2, 0.3])).toBe(2)
    expect(windowOf(windows, [0.5, 0.6])).toBe(-1)
    const r = recordedGrid(result(true))!
    // A2 response: mean of −0.4 and −0.2; A1 baseline: 0.1; a combined area (A1+A2) and a null value are left out.
    expect(Array.from(r.values).map((v) => (Number.isNaN(v) ? null : Math.round(v * 100) / 100))).toEqual([
      0.1,
      null,
      null,
      null,
      null,
      -0.3
    ])
    expect(recordedGrid(result(false))).toBeNull()
  })

  it('gives one CSV row per condition, as wide as the header', () => {
    const rows = conditionRows(result(false))
    expect(rows).toHaveLength(6)
    for (const r of rows) expect(r).toHaveLength(conditionHeader.length)
    expect(rows[0]?.slice(0, 2)).toEqual(['A2 response', 'A2'])
  })

  it('gives each area its rate change over time, perturbed − control', () => {
    const r = result(false)
    const i = r.conditions.findIndex((c) => c.label === 'A1 baseline')
    expect(rateChange(r, i)).toEqual([
      { area: 'A1', delta: [-1, 0] },
      { area: 'A2', delta: [0, -3] }
    ])
    expect(rateChange(r, 99)).toEqual([])
  })
})

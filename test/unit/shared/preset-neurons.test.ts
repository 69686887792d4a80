// The presets' model size from a dataset summary (modelNeurons) agrees with the engine's layout, inhibitory units
// included: every recorded unit gets a model neuron of its own area and type (engine/model/layout.ts).
import { describe, expect, it } from 'vitest'
import { datasetShape, modelNeurons } from '@shared/domain/fit-presets'
import { resolveFitConfig } from '@shared/domain/model-config'
import { resolveNeuronsPerArea } from '../../../src/main/engine/model/layout'
import type { EngineSession, FitData } from '../../../src/main/engine/types'
import { generateExample } from '../../../src/main/io/example/generate'
import { prepareFitData } from '../../../src/main/services/runs/fit-data'
import { summariseSession } from '../../../src/main/services/datasets/summary'

const window = { start: -0.1, stop: 0.4, dt: 0.002 }

/** An engine session with `counts[a] = [excitatory, inhibitory]` units in area a (spikes and trials irrelevant). */
function engineSession(counts: [number, number][]): EngineSession {
  const area: number[] = []
  const inh: number[] = []
  counts.forEach(([e, i], a) => {
    for (let k = 0; k < e + i; k++) {
      area.push(a)
      inh.push(k < e ? 0 : 1)
    }
  })
  return {
    name: 's',
    unitArea: Int32Array.from(area),
    unitInhibitory: Uint8Array.from(inh),
    spikes: new Uint8Array(0),
    outcome: new Uint8Array(0),
    stimulus: new Float32Array(0),
    jaw: null,
    heldOut: new Uint8Array(0)
  }
}

describe('modelNeurons', () => {
  const cases: { name: string; sessions: [number, number][][] }[] = [
    {
      name: 'an area with many inhibitory units',
      sessions: [
        [
          [30, 0],
          [195, 105]
        ]
      ]
    },
    {
      name: 'two sessions, inhibitory units in both areas',
      sessions: [
        [
          [150, 40],
          [0, 0]
        ],
        [
          [200, 30],
          [90, 60]
        ]
      ]
    },
    {
      name: 'excitatory units only',
      sessions: [
        [
          [260, 0],
          [10, 0]
        ]
      ]
    },
    {
      name: 'fewer units than the setting',
      sessions: [
        [
          [20, 5],
          [30, 5]
        ]
      ]
    }
  ]
  for (const c of cases) {
    it(`gives the engine's neuron count: ${c.name}`, () => {
      const model = resolveFitConfig({}).model
      const areas = ['A1', 'A2']
      const data: FitData = { areas, dt: 0.002, nBins: 250, stimBin: 50, sessions: c.sessions.map(engineSession) }
      const engine = resolveNeuronsPerArea(data, model).used * areas.length
      const summaries = c.sessions.map((counts) => {
        const unitsPerArea: Record<string, number> = {}
        const inhibitoryPerArea: Record<string, number> = {}
        counts.forEach(([e, i], a) => {
          if (e + i > 0) unitsPerArea[areas[a]!] = e + i
          if (i > 0) inhibitoryPerArea[areas[a]!] = i
        })
        const n = counts.reduce((x, [e, i]) => x + e + i, 0)
        return { nUnits: n, nTrials: 100, window, unitsPerArea, inhibitoryPerArea }
      })
      expect(modelNeurons(datasetShape(summaries), model)).toBe(engine)
    })
  }

  it('without unit types counts every unit as excitatory (a larger network than the engine builds)', () => {
    const model = resolveFitConfig({}).model
    const shape = datasetShape([{ nUnits: 330, nTrials: 100, window, unitsPerArea: { A1: 30, A2: 300 } }])
    expect(shape.areaInhibitory).toBeUndefined()
    expect(modelNeurons(shape, model)).toBe(2 * 375)
  })

  it('from the summaries of imported sessions (the example generator types its units) as the fit will build it', () => {
    const ex = generateExample({ seed: 1, sessions: 4, unitsPerSession: 100, trialsPerSession: 20 })
    const summaries = ex.sessions.map(summariseSession)
    expect(summaries.some((s) => Object.keys(s.inhibitoryPerArea ?? {}).length > 0)).toBe(true)
    const model = resolveFitConfig({}).model
    const { data } = prepareFitData(ex.sessions, 0.2, null, 'generated')
    const engine = resolveNeuronsPerArea(data, model).used * data.areas.length
    expect(modelNeurons(datasetShape(summaries), model)).toBe(engine)
  })
})

// The Behaviour and Connectivity views download tables defined once in src/shared/tables (beside the report's):
// their CSV text, pinned on small hand-checkable payloads, is what the views wrote when they built it themselves.
import { describe, expect, it } from 'vitest'
import type { Behaviour, Connectivity } from '@shared/domain/comparison'
import type { InputCurrents } from '@shared/domain/input-currents'
import { jawWideTable, trialTypeMixIntervalsTable } from '@shared/tables/behaviour'
import {
  connectivityMatrixTable,
  connectivityTable,
  inputCurrentsTable,
  weightHistogramTable
} from '@shared/tables/connectivity'
import { tableCsv } from '@shared/tables/table'

const f32 = (...v: number[]): Float32Array => Float32Array.from(v)
const meanSd = (n: number, mean: number[], sd: number[]) => ({ n, mean: f32(...mean), sd: f32(...sd) })

const behaviour = {
  timeS: f32(-0.01, 0.02),
  trials: { sessionNames: [] }, // no condition labels: the detection task
  trialTypeMix: {
    recorded: { Hit: 0.5, Miss: 0.25, CR: 0.25, FA: 0 },
    generated: { Hit: 0.75, Miss: 0, CR: 0, FA: 0.25 },
    nRecorded: 4,
    nGenerated: 4
  },
  perOutcome: [
    { outcome: 'Hit', recorded: meanSd(2, [0.5, 1], [0.25, 0.5]), generated: meanSd(3, [0.25, 0.75], [0, 0.125]) },
    { outcome: 'Miss', recorded: meanSd(0, [0, 0], [0, 0]), generated: meanSd(0, [0, 0], [0, 0]) },
    { outcome: 'FA', recorded: meanSd(0, [NaN, NaN], [NaN, NaN]), generated: meanSd(1, [2, 4], [0, 0]) }
  ]
} as unknown as Behaviour

const connectivity = {
  areas: ['A1', 'M2'],
  meanExc: f32(0.5, 0.25, 0.125, 1),
  meanInh: f32(2, 0, 0, 4),
  histogram: { edges: f32(0, 0.5, 1), exc: Uint32Array.of(3, 1), inh: Uint32Array.of(0, 2) }
} as unknown as Connectivity

const currents = {
  areas: ['A1', 'M2'],
  periods: [{ name: 'delay', window: [0.2, 0.4] }],
  byOutcome: [
    { outcome: 'Hit', nTrials: 3, values: f32(1, 2, 3, 4) },
    { outcome: 'Miss', nTrials: 2, values: f32(0.5, 2, 1, 8) }
  ]
} as unknown as InputCurrents

const lines = (...l: string[]): string => l.join('\r\n') + '\r\n'

describe('view tables in src/shared/tables', () => {
  it('trial-type mix with the recorded 95 % interval, outcomes present only', () => {
    const ci = 1.96 * Math.sqrt((0.5 * 0.5) / 4) // Hit: p = 0.5, n = 4
    const ci2 = 1.96 * Math.sqrt((0.25 * 0.75) / 4)
    expect(tableCsv(trialTypeMixIntervalsTable(behaviour))).toBe(
      lines(
        'outcome,recorded_fraction,recorded_ci_lo,recorded_ci_hi,generated_fraction',
        `Hit,0.5,${0.5 - ci},${0.5 + ci},0.75`,
        `Miss,0.25,0,${0.25 + ci2},0`,
        `CR,0.25,0,${0.25 + ci2},0`,
        'FA,0,0,0,0.25'
      )
    )
  })

  it('jaw, wide: time in ms then mean and sd per outcome with trials', () => {
    const t0 = Math.fround(Math.fround(-0.01) * 1000)
    const t1 = Math.fround(Math.fround(0.02) * 1000)
    expect(tableCsv(jawWideTable(behaviour))).toBe(
      lines(
        'time_ms,Hit_recorded_mean,Hit_recorded_sd,Hit_generated_mean,Hit_generated_sd,FA_recorded_mean,FA_recorded_sd,FA_generated_mean,FA_generated_sd',
        `${t0},0.5,0.25,0.25,0,,,2,0`,
        `${t1},1,0.5,0.75,0.125,,,4,0`
      )
    )
  })

  it('a two-alternative dataset’s own condition labels name the rows and columns', () => {
    const labels = { Hit: 'left', Miss: 'right' }
    const lr = { ...behaviour, trials: { sessionNames: [], conditionLabels: labels } } as unknown as Behaviour
    expect(trialTypeMixIntervalsTable(lr).rows.map((r) => r[0])).toEqual(['left', 'right', 'CR', 'FA'])
    expect(jawWideTable(lr).header.slice(1, 2)).toEqual(['left_recorded_mean'])
    const t = inputCurrentsTable({ ...currents, conditionLabels: labels })
    expect(t.header.slice(3)).toEqual([
      'left_input_per_neuron_per_s',
      'right_input_per_neuron_per_s',
      'left_minus_right'
    ])
  })

  it('connectivity: the two matrices (row = target), the long form, the weight histogram', () => {
    expect(tableCsv(connectivityMatrixTable(connectivity, 'exc'))).toBe(
      lines('target_area,from_A1,from_M2', 'A1,0.5,0.25', 'M2,0.125,1')
    )
    expect(tableCsv(connectivityMatrixTable(connectivity, 'inh'))).toBe(
      lines('target_area,from_A1,from_M2', 'A1,2,0', 'M2,0,4')
    )
    expect(tableCsv(connectivityTable(connectivity))).toBe(
      lines(
        'source_area,target_area,mean_exc_weight_au,mean_inh_weight_magnitude_au',
        'A1,A1,0.5,2',
        'M2,A1,0.25,0',
        'A1,M2,0.125,0',
        'M2,M2,1,4'
      )
    )
    expect(tableCsv(weightHistogramTable(connectivity))).toBe(
      lines('edge_lo,edge_hi,exc_count,inh_count', '0,0.5,3,0', '0.5,1,1,2')
    )
  })

  it('input currents per period, target and source, with Hit − Miss', () => {
    expect(tableCsv(inputCurrentsTable(currents))).toBe(
      lines(
        'period,target_area,source_area,Hit_input_per_neuron_per_s,Miss_input_per_neuron_per_s,hit_minus_miss',
        'delay,A1,A1,1,0.5,0.5',
        'delay,A1,M2,2,2,0',
        'delay,M2,A1,3,1,2',
        'delay,M2,M2,4,8,-4'
      )
    )
    const hitOnly = { ...currents, byOutcome: currents.byOutcome.slice(0, 1) }
    expect(tableCsv(inputCurrentsTable(hitOnly)).split('\r\n')[0]).toBe(
      'period,target_area,source_area,Hit_input_per_neuron_per_s'
    )
  })
})

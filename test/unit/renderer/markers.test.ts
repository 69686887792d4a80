// Task-event markers on time axes: dashed medians per group (each event named once), per-row ticks in ms, and the
// model views' axis from a dataset's session summaries.
import { describe, expect, it } from 'vitest'
import { paletteFor } from '@shared/palette'
import type { SessionSummary } from '@shared/domain/dataset'
import { conditionEventMedians } from '@shared/domain/trial-groups'
import { makeSession } from '../services/fake-io'
import { conditionEvents, datasetTimeAxis } from '@shared/domain/time-axis'
import {
  groupColor,
  markerRefs,
  markersFromTrials,
  pairEventLegend,
  pairRefs,
  rowMarks,
  timeAxisRefs
} from '../../../src/renderer/src/lib/markers'

const p = paletteFor('light')

describe('markers', () => {
  it('one dashed line per event and group in the group colour, the event named on its first line', () => {
    const refs = markerRefs(
      [
        { name: 'go_cue_time', group: 'Hit', medianS: 1.5, nTrials: 3 },
        { name: 'go_cue_time', group: 'Miss', medianS: 1.25, nTrials: 1 },
        { name: 'reward_time', group: 'Hit', medianS: 2, nTrials: 3 },
        { name: 'reward_time', group: 'Miss', medianS: Number.NaN, nTrials: 0 }
      ],
      (g) => groupColor(p, 'outcome', g, 0)
    )
    expect(refs).toEqual([
      { value: 1500, label: 'go cue', color: p.Hit },
      { value: 1250, label: '', color: p.Miss },
      { value: 2000, label: 'reward', color: p.Hit }
    ])
  })

  it('groups other than outcomes take the series colours in display order', () => {
    expect([0, 1, 6].map((i) => groupColor(p, 'trial_type', 'x', i))).toEqual([p.series[0], p.series[1], p.series[0]])
    expect(groupColor(p, 'outcome', 'FA', 5)).toBe(p.FA)
  })

  it('medians per group from per-trial times; ticks in ms with NaN kept', () => {
    const events = [{ name: 'response_time', times: Float32Array.of(0.5, Number.NaN, 0.75, 1) }]
    expect(markersFromTrials(events, ['L', 'R', 'L', 'L'], ['L', 'R'])).toEqual([
      { name: 'response_time', group: 'L', medianS: 0.75, nTrials: 3 }
    ])
    const [m] = rowMarks(events)
    expect(m!.label).toBe('response')
    expect(Array.from(m!.times)).toEqual([500, NaN, 750, 1000])
  })

  it('the model views’ axis: first alignment, each event the median of the sessions’ medians', () => {
    const s = (alignment: string | undefined, go: number): SessionSummary =>
      ({
        ...(alignment ? { alignment } : {}),
        taskEvents: [{ name: 'go_cue_time', medianS: go, nTrials: 10 }]
      }) as SessionSummary
    const axis = datasetTimeAxis([s(undefined, 1), s('pole_in_time', 2), s('pole_in_time', 4)])
    expect(axis).toEqual({ alignment: 'pole_in_time', events: [{ name: 'go_cue_time', medianS: 2 }] })
    expect(timeAxisRefs(axis)).toEqual([
      { value: 0, label: 'pole in' },
      { value: 2000, label: 'go cue' }
    ])
    // Before the dataset is known: the alignment event only.
    expect(timeAxisRefs(null)).toEqual([{ value: 0, label: 'alignment event' }])
  })

  it('the model views’ lines per condition: medians pooled over the sessions’ trials, one condition at a time', () => {
    // session a: Hit, Hit, Miss; session b: Hit, Miss (no reward column: its trials count as trials without one)
    const a = {
      ...makeSession({ name: 'a', units: [], outcomes: ['Hit', 'Hit', 'Miss'], nBins: 1 }),
      taskEvents: { go_cue_time: Float64Array.of(1, 1.2, 1.1), reward_time: Float64Array.of(1.5, 1.7, NaN) }
    }
    const b = {
      ...makeSession({ name: 'b', units: [], outcomes: ['Hit', 'Miss'], nBins: 1 }),
      taskEvents: { go_cue_time: Float64Array.of(1.4, 0.9) }
    }
    const perCondition = conditionEventMedians([a, b])
    expect(perCondition).toEqual([
      { name: 'go_cue_time', outcome: 'Hit', medianS: 1.2, nTrials: 3 },
      { name: 'go_cue_time', outcome: 'Miss', medianS: 1, nTrials: 2 },
      { name: 'reward_time', outcome: 'Hit', medianS: 1.6, nTrials: 2 }
    ])
    const axis = { alignment: 'stim_time', events: [{ name: 'go_cue_time', medianS: 1.1 }] }
    // A Miss panel draws the misses' go cue and no reward; a Hit panel both; without per-condition medians (a payload
    // without them), the dataset's pooled medians.
    expect(timeAxisRefs(axis, conditionEvents(perCondition, 'Miss'))).toEqual([
      { value: 0, label: 'stim' },
      { value: 1000, label: 'go cue' }
    ])
    expect(timeAxisRefs(axis, conditionEvents(perCondition, 'Hit')).map((r) => r.label)).toEqual([
      'stim',
      'go cue',
      'reward'
    ])
    expect(conditionEvents(undefined, 'Hit')).toBeUndefined()
    expect(timeAxisRefs(axis, conditionEvents(undefined, 'Hit'))).toEqual([
      { value: 0, label: 'stim' },
      { value: 1100, label: 'go cue' }
    ])
  })

  it('a matched pair’s lines: the recorded trial’s own times and the generated trial’s medians, each in its colour', () => {
    const colors = { recorded: p.recorded, generated: p.generated }
    const refs = pairRefs(
      { alignment: 'stim_time', events: [{ name: 'lick_time', medianS: 0.5 }] },
      {
        recorded: [{ name: 'lick_time', medianS: 0.3125 }],
        generated: [{ name: 'lick_time', medianS: 0.4 }],
        generatedCondition: 'Hit'
      },
      colors,
      'correct'
    )
    expect(refs).toEqual([
      { value: 0, label: 'stim' },
      { value: 312.5, label: 'lick', color: p.recorded, title: 'lick: the recorded trial’s own time, 313 ms' },
      {
        value: 400,
        label: '',
        color: p.generated,
        title: 'lick: generated trial, median over the recorded correct trials, 400 ms'
      }
    ])
    // A recorded miss (no lick of its own) with a generated hit: the generated trial's line carries the name.
    const missPair = pairRefs(
      null,
      { recorded: [], generated: [{ name: 'lick_time', medianS: 0.4 }], generatedCondition: 'Hit' },
      colors,
      'correct'
    )
    expect(missPair.map((r) => [r.value, r.label, r.color])).toEqual([
      [0, 'alignment event', undefined],
      [400, 'lick', p.generated]
    ])
    expect(pairEventLegend(colors).map((l) => [l.color, l.kind])).toEqual([
      [p.recorded, 'event'],
      [p.generated, 'event']
    ])
  })
})

// Time axes of figures (app and CLI report): the alignment in words, and which task events a matched pair's two
// trials show (the recorded trial its own times, the generated trial its classified condition's medians).
import { describe, expect, it } from 'vitest'
import type { TrialSet } from '@shared/domain/comparison'
import { alignmentName, pairEvents, timeAxisLabel, timeAxisLines } from '@shared/domain/time-axis'

describe('alignment names on time axes', () => {
  it('names the trials column the window is aligned to, in words', () => {
    expect(timeAxisLabel('pole_in_time')).toBe('Time from pole in (ms)')
    expect(timeAxisLabel('pole_in_time', 's')).toBe('Time from pole in (s)')
    expect(alignmentName('stim_onset_time')).toBe('stim onset')
    expect(alignmentName('go_cue')).toBe('go cue')
    expect(alignmentName('start_time')).toBe('trial start')
    expect(timeAxisLabel(undefined)).toBe('Time from alignment event (ms)')
  })

  it('the lines of an axis: the alignment at 0, then the finite event times', () => {
    const axis = { alignment: 'stim_time', events: [{ name: 'go_cue_time', medianS: 1.1 }] }
    expect(timeAxisLines(axis)).toEqual([
      { timeS: 0, label: 'stim' },
      { timeS: 1.1, label: 'go cue' }
    ])
    expect(timeAxisLines(axis, [{ name: 'reward_time', medianS: NaN }])).toEqual([{ timeS: 0, label: 'stim' }])
  })
})

describe('the task events of a matched pair', () => {
  // Recorded rows: 0 a Hit with its own lick at 0.31 s, 1 a Miss (no lick); generated rows: 0 classified Hit,
  // 1 classified Miss. Medians per condition: the Hit trials' lick at 0.4 s, go cue 0.2 s (Hit) and 0.25 s (Miss).
  const trials: TrialSet = {
    recorded: {
      session: Int32Array.of(0, 0),
      sourceIndex: Int32Array.of(3, 5),
      outcome: Uint8Array.of(0, 1),
      stimulus: Float32Array.of(1, 1),
      taskEvents: [
        { name: 'go_cue_time', timeS: Float32Array.of(0.21, 0.19) },
        { name: 'lick_time', timeS: Float32Array.of(0.31, NaN) }
      ]
    },
    generated: { outcome: Uint8Array.of(0, 1), stimulus: Float32Array.of(1, 1) },
    sessionNames: ['a'],
    taskEvents: [
      { name: 'go_cue_time', outcome: 'Hit', medianS: 0.2, nTrials: 8 },
      { name: 'go_cue_time', outcome: 'Miss', medianS: 0.25, nTrials: 4 },
      { name: 'lick_time', outcome: 'Hit', medianS: 0.4, nTrials: 8 }
    ]
  }
  const f = (x: number): number => Math.round(x * 1e6) / 1e6
  const rounded = (es: { name: string; medianS: number }[]) => es.map((e) => ({ ...e, medianS: f(e.medianS) }))

  it('the recorded trial shows its own times (none for an event it lacks), not its condition’s medians', () => {
    expect(rounded(pairEvents(trials, 0, 1).recorded)).toEqual([
      { name: 'go_cue_time', medianS: 0.21 },
      { name: 'lick_time', medianS: 0.31 }
    ])
    expect(rounded(pairEvents(trials, 1, 0).recorded)).toEqual([{ name: 'go_cue_time', medianS: 0.19 }])
  })

  it('the generated trial shows the medians of its own classified condition', () => {
    // A recorded Hit paired with a generated Miss: no lick line for the generated trial.
    expect(pairEvents(trials, 0, 1)).toMatchObject({
      generated: [{ name: 'go_cue_time', medianS: 0.25 }],
      generatedCondition: 'Miss'
    })
    expect(pairEvents(trials, 1, 0)).toMatchObject({
      generated: [
        { name: 'go_cue_time', medianS: 0.2 },
        { name: 'lick_time', medianS: 0.4 }
      ],
      generatedCondition: 'Hit'
    })
  })

  it('a payload without per-trial times or medians shows no events', () => {
    const { taskEvents: _, ...bare } = trials
    const rec = { ...trials.recorded, taskEvents: undefined }
    expect(pairEvents({ ...bare, recorded: rec }, 0, 0)).toEqual({
      recorded: [],
      generated: [],
      generatedCondition: 'Hit'
    })
  })
})

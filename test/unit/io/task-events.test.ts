// The task's events and categorical trials columns kept at import (relative to the alignment event, value by
// value), the guessed window that covers them, the store's round trip (and older files without them), the warning
// when the window leaves events out.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultBinning } from '@shared/domain/dataset'
import {
  generateExample,
  inspectRecording,
  loadRecording,
  readRecording,
  readRecordingReport,
  readSessionsH5,
  writeSessionsH5
} from '../../../src/main/io'
import { eventsOutsideWindow, guessWindow, MAX_GUESSED_STOP_S } from '../../../src/main/io/task-events'
import { summariseSession } from '../../../src/main/services/datasets/summary'
import { sessionLines } from '../../../src/main/cli/format'
import { buildTaskNwb, responseTime, TASK } from '../../helpers/h5-builders/task-nwb'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-task-'))
let file = ''
beforeAll(async () => {
  file = await buildTaskNwb(join(dir, 'task.nwb'))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('task events and trial groups at import', () => {
  it('guesses a window from the stimulus to after the latest event (reward, median 1.87 s → 2.2 s)', async () => {
    const g = await inspectRecording(file)
    expect(g.guess.align).toBe('stim_time')
    // go cue 1.5 s; response 1.5 + median(0.25 + 0.01·(k mod 5)) over the 18 hits = 1.77 s; reward 1.87 s.
    expect(g.guess.binning).toEqual({ dt: defaultBinning.dt, start: defaultBinning.start, stop: 2.2 })
  })

  it('keeps each event per trial, relative to the alignment event, and the categorical columns', async () => {
    const [s] = await readRecording(file, {})
    expect(s!.binning.stop).toBe(2.2)
    expect(s!.alignment).toBe('stim_time')
    expect(Object.keys(s!.taskEvents!).sort()).toEqual(['go_cue_time', 'response_time', 'reward_time'])
    expect(s!.trials).toHaveLength(TASK.trials)
    s!.trials.forEach((t, i) => {
      const k = t.sourceIndex
      expect(t.alignTime).toBe(TASK.stim(k))
      expect(s!.taskEvents!['go_cue_time']![i]).toBeCloseTo(TASK.goCueAfterStim, 9)
      const response = responseTime(k) - TASK.stim(k)
      if (TASK.outcome(k) === 'miss') {
        expect(s!.taskEvents!['response_time']![i]).toBeNaN()
        expect(s!.taskEvents!['reward_time']![i]).toBeNaN()
      } else {
        expect(s!.taskEvents!['response_time']![i]).toBeCloseTo(response, 9)
        expect(s!.taskEvents!['reward_time']![i]).toBeCloseTo(response + TASK.rewardAfterResponse, 9)
      }
    })
    // Text and whole-number columns with few values; not the outcome column, not a continuous one (difficulty).
    expect(Object.keys(s!.trialGroups!).sort()).toEqual(['block', 'trial_type'])
    expect(s!.trialGroups!['trial_type']).toEqual(s!.trials.map((t) => TASK.trialType(t.sourceIndex)))
    expect(s!.trialGroups!['block']).toEqual(s!.trials.map((t) => String(TASK.block(t.sourceIndex))))
  })

  it('the window follows the alignment the user chose when no window is given', async () => {
    // Aligned to the go cue, the latest event is the reward at 0.37 s: the default end (1.2 s) already covers it.
    const [s] = await readRecording(file, { align: 'go_cue_time' })
    expect(s!.binning).toEqual(defaultBinning)
    expect(Object.keys(s!.taskEvents!).sort()).toEqual(['response_time', 'reward_time', 'stim_time'])
    expect(s!.taskEvents!['stim_time']![0]).toBeCloseTo(-1.5, 9)
  })

  it('the session summary (and rsnn show) gives each event’s median and each column’s values in order', async () => {
    const [s] = await readRecording(file, {})
    const sum = summariseSession(s!)
    expect(sum.taskEvents!.map((e) => [e.name, +e.medianS.toFixed(9), e.nTrials])).toEqual([
      ['go_cue_time', 1.5, 24],
      ['response_time', 1.77, 18],
      ['reward_time', 1.87, 18]
    ])
    expect(sum.trialGroups).toEqual([
      { name: 'block', values: ['1', '2', '3'] },
      { name: 'trial_type', values: ['left', 'right'] }
    ])
    const lines = sessionLines(sum, 0)
    expect(lines).toContain(
      '  task events     go_cue_time (median 1.5 s, 24 trials), response_time (median 1.77 s, 18 trials), reward_time (median 1.87 s, 18 trials)'
    )
    expect(lines).toContain('  group trials by block (1, 2, 3); trial_type (left, right)')
  })

  it('round-trips through the store file; a file written without them reads as before', async () => {
    const [s] = await readRecording(file, {})
    const path = join(dir, 'store.h5')
    await writeSessionsH5(path, [s!])
    const [back] = await readSessionsH5(path)
    expect(Object.keys(back!.taskEvents!).sort()).toEqual(Object.keys(s!.taskEvents!).sort())
    for (const [name, rel] of Object.entries(s!.taskEvents!))
      expect(Array.from(back!.taskEvents![name]!)).toEqual(Array.from(rel))
    expect(back!.trialGroups).toEqual(s!.trialGroups)
    // The app's own layout imported as a recording keeps them (events back on the session clock, then relative).
    const [again] = await readRecording(path, {})
    expect(again!.alignment).toBe('align_time')
    expect(again!.binning).toEqual(s!.binning)
    s!.taskEvents!['reward_time']!.forEach((r, i) =>
      Number.isNaN(r)
        ? expect(again!.taskEvents!['reward_time']![i]).toBeNaN()
        : expect(again!.taskEvents!['reward_time']![i]).toBeCloseTo(r, 9)
    )
    expect(again!.trialGroups!['trial_type']).toEqual(s!.trialGroups!['trial_type'])
    // Datasets imported before: no events or groups stored, none read.
    const old = join(dir, 'old.h5')
    await writeSessionsH5(old, generateExample({ sessions: 1, unitsPerSession: 4, trialsPerSession: 6 }).sessions)
    const [o] = await readSessionsH5(old)
    expect(o!.taskEvents).toBeUndefined()
    expect(o!.trialGroups).toBeUndefined()
  })
})

describe('guessWindow and eventsOutsideWindow', () => {
  it('caps the end at MAX_GUESSED_STOP_S, keeps the base window without events', async () => {
    const raw = (await loadRecording(file)).sessions
    expect(guessWindow(raw, 'stim_time').stop).toBe(2.2)
    // Aligned to trial start, the reward comes at 0.5 + 1.87 = 2.37 s → + 0.3 → 2.7 s.
    expect(guessWindow(raw, 'start_time').stop).toBe(2.7)
    const late = raw.map((s) => ({ ...s, trials: { ...s.trials!, columns: { ...s.trials!.columns } } }))
    const t = late[0]!.trials
    t.columns['reward_time'] = (t.columns['reward_time'] as Float64Array).map((v) => v + 10)
    expect(guessWindow(late, 'stim_time').stop).toBe(MAX_GUESSED_STOP_S)
    const none = raw.map((s) => ({ ...s, trials: { ...s.trials!, timeColumns: ['start_time', 'stim_time'] } }))
    expect(guessWindow(none, 'stim_time')).toEqual(defaultBinning)
  })

  it('names each event outside the window, in how many trials, and its median', () => {
    const ev = { go_cue_time: Float64Array.of(1.5, 1.5, NaN), reward_time: Float64Array.of(0.2, 2.5, 3) }
    expect(eventsOutsideWindow('s1', ev, { start: -0.2, stop: 1.2 })).toEqual([
      's1: go_cue_time falls outside the window -0.2–1.2 s in 2 of 2 trials (median 1.500 s from the alignment event): widen the window to see it',
      's1: reward_time falls outside the window -0.2–1.2 s in 2 of 3 trials (median 2.500 s from the alignment event): widen the window to see it'
    ])
    expect(eventsOutsideWindow('s1', ev, { start: -0.2, stop: 3 })).toEqual([])
  })

  it('the import reports events the chosen window leaves out', async () => {
    const { sessions } = await readRecordingReport(file, { binning: defaultBinning })
    const outside = eventsOutsideWindow(sessions[0]!.name, sessions[0]!.taskEvents!, sessions[0]!.binning)
    expect(outside.map((w) => w.split(' falls')[0])).toEqual([
      `${sessions[0]!.name}: go_cue_time`,
      `${sessions[0]!.name}: response_time`,
      `${sessions[0]!.name}: reward_time`
    ])
  })
})

const real = resolve(__dirname, '../../../../shared/realdata/sub-anm369963_ses-20170228.nwb')
describe.skipIf(!existsSync(real))('Economo et al. recording (../shared/realdata)', () => {
  it('pole out and cue start kept per trial from pole in; the guessed window covers them, the old one missed the cue', async () => {
    const rec = await loadRecording(real)
    const t = rec.sessions[0]!.trials!
    const g = await inspectRecording(real)
    expect(g.guess.align).toBe('pole_in_time')
    // Medians after pole in: pole out 1.00016 s, cue start 2.50066 s → window end 2.80066 s rounded up: 2.9 s.
    expect(g.guess.binning?.stop).toBe(2.9)
    const { sessions } = await readRecordingReport(real, g.guess)
    const s = sessions[0]!
    expect(Object.keys(s.taskEvents!).sort()).toEqual(['cue_start_time', 'pole_out_time'])
    const poleIn = t.columns['pole_in_time'] as Float64Array
    s.trials.forEach((tr, i) => {
      const k = tr.sourceIndex
      expect(s.taskEvents!['pole_out_time']![i]).toBe((t.columns['pole_out_time'] as Float64Array)[k]! - poleIn[k]!)
      expect(s.taskEvents!['cue_start_time']![i]).toBe((t.columns['cue_start_time'] as Float64Array)[k]! - poleIn[k]!)
    })
    // First row of the file (README): pole in 4.03782, pole out 7.09064, cue 10.1796 s after the trial start.
    const first = s.trials.findIndex((tr) => tr.sourceIndex === 0)
    if (first >= 0) expect(s.taskEvents!['cue_start_time']![first]).toBeCloseTo(10.1796 - 4.03782, 9)
    else expect(s.trials[0]!.sourceIndex).toBeGreaterThan(0)
    // 'type' (lick left / right) is a group; 'response' is the outcome column, so it is not.
    expect(s.trialGroups!['type']!.slice(0, 3)).toEqual(
      s.trials.slice(0, 3).map((tr) => (t.columns['type'] as string[])[tr.sourceIndex])
    )
    expect(Object.keys(s.trialGroups!)).not.toContain('response')
    // The guessed window covers both events in every kept trial; the old default (to 1.2 s) missed the cue.
    expect(eventsOutsideWindow(s.name, s.taskEvents!, s.binning)).toEqual([])
    const before = eventsOutsideWindow(s.name, s.taskEvents!, { start: -0.2, stop: 1.2 })
    expect(before.map((w) => w.split(' falls')[0])).toEqual([`${s.name}: cue_start_time`])
    expect(before[0]).toMatch(/in (\d+) of \1 trials \(median 2\.501 s from the alignment event\)/)
  })
})

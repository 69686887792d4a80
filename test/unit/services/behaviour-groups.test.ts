// The Data explorer's behaviour plots grouped like the raster and PSTHs: a task recording with a jaw trace and licks
// that differ by trial type, imported, then viewed by a kept categorical column, value by value.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { SessionData } from '@shared/domain/dataset'
import { readRecording } from '../../../src/main/io'
import { behaviourView } from '../../../src/main/services/datasets/views'
import { eventRaster, eventRates } from '../../../src/renderer/src/lib/analysis/events'
import { buildTaskNwb, jawOf, licksOf, TASK } from '../../helpers/h5-builders/task-nwb'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-task-behaviour-'))
let s: SessionData
beforeAll(async () => {
  const [one] = await readRecording(await buildTaskNwb(join(dir, 'task.nwb'), { behaviour: true }), {})
  s = one!
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('jaw: each trial labelled by its trial type, the mean per type (1 on left, 2 on right in every bin)', () => {
  const b = behaviourView(s, 'jaw', 'trial_type')
  expect(b.groupBy).toBe('trial_type')
  expect(b.labels).toEqual(s.trials.map((t) => TASK.trialType(t.sourceIndex)))
  expect(b.groups).toEqual(['left', 'right'])
  expect(b.means.map((m) => [m.group, m.nTrials])).toEqual([
    ['left', 12],
    ['right', 12]
  ])
  s.trials.forEach((t, k) => {
    for (let i = 0; i < b.nBins; i++) expect(b.values[k * b.nBins + i]).toBe(jawOf(t.sourceIndex))
  })
  expect(Array.from(b.means[0]!.mean)).toEqual(new Array(b.nBins).fill(1))
  expect(Array.from(b.means[1]!.mean)).toEqual(new Array(b.nBins).fill(2))
  // By outcome (the default) the same trials mix both types: hits are the 12 left and 6 right
  // trials, misses (k = 3 mod 4) all right: (12·1 + 6·2) / 18 = 4/3.
  const byOutcome = behaviourView(s, 'jaw')
  expect(byOutcome.means.map((m) => [m.group, m.nTrials, m.mean[0]])).toEqual([
    ['Hit', 18, Math.fround(4 / 3)],
    ['Miss', 6, 2]
  ])
})

it('licks: the event raster and rate per trial type put each lick in its trial and bin', () => {
  const b = behaviourView(s, 'licks', 'block')
  expect(b.groups).toEqual(['1', '2', '3'])
  const byType = behaviourView(s, 'licks', 'trial_type')
  const r = eventRaster(byType.values, byType.labels, byType.groups, byType.nBins)
  expect(r.groups).toEqual([
    { label: 'left', start: 0, end: 12 },
    { label: 'right', start: 12, end: 24 }
  ])
  const { dt, start } = s.binning
  r.order.forEach((k, row) => {
    const expected = new Array(byType.nBins).fill(0)
    for (const t of licksOf(s.trials[k]!.sourceIndex))
      expected[Math.floor((t - TASK.stim(s.trials[k]!.sourceIndex) - start) / dt)]++
    expect(Array.from(r.counts.subarray(row * byType.nBins, (row + 1) * byType.nBins))).toEqual(expected)
  })
  const [left, right] = eventRates(r, byType.nBins, dt, 1)
  // Every left trial licks once in each of two bins: 1 lick per bin per trial = 1/dt events per second there.
  const peaks = Array.from(left!.rateHz).flatMap((v, i) => (v > 0 ? [[i, Math.round(v * dt * 1e6) / 1e6]] : []))
  expect(peaks).toEqual([
    [Math.floor((1.8025 - start) / dt), 1],
    [Math.floor((1.9025 - start) / dt), 1]
  ])
  expect(Array.from(right!.rateHz).every((v) => v === 0)).toBe(true)
})

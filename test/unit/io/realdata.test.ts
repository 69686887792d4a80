// The five real files of ../shared/realdata: every value its README lists, read through the public io API.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import { hashFile, inspectRecording, loadRecording, readRecording, readRecordingReport } from '../../../src/main/io'

const dir = resolve(__dirname, '../../../../shared/realdata')
const present = existsSync(join(dir, 'README.md'))
if (!present) console.log(`skipping real-data io tests: ${dir} is absent`)
const file = (name: string): string => join(dir, name)

function counts(values: string[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const v of values) out[v] = (out[v] ?? 0) + 1
  return out
}

describe.skipIf(!present)('real files (../shared/realdata)', () => {
  it('A8604-211122.nwb: 3 units from a uint16 index, no areas, no trials', async () => {
    const rec = await loadRecording(file('A8604-211122.nwb'))
    const s = rec.sessions[0]!
    expect(rec.format).toBe('nwb')
    expect(s.name).toBe('A8604-211122')
    expect(s.units.ids).toEqual([6, 191, 206])
    expect(s.units.spikeTimes.map((t) => t.length)).toEqual([11020, 4690, 5644])
    expect(s.units.spikeTimes[0]![0]).toBeCloseTo(0.030333, 6)
    expect(s.units.spikeTimes[0]!.at(-1)).toBeCloseTo(1087.352833, 6)
    expect(s.units.spikeTimes[2]![0]).toBeCloseTo(0.028133, 6)
    expect(s.units.areaSources['location']).toEqual(['', '', ''])
    expect(s.trials).toBeNull()
    const guess = await inspectRecording(file('A8604-211122.nwb'))
    expect(guess.guess.areaColumn).toBeUndefined()
    expect(guess.warnings.join('\n')).toMatch(/no trials table/)
    expect(guess.warnings.join('\n')).toMatch(/no brain-area column/)
    await expect(readRecording(file('A8604-211122.nwb'), {})).rejects.toMatchObject({ code: 'EMPTY_RESULT' })
  })

  it('sub-anm369963 (NWB 2.0.2): unit 1001 in ALM via electrodes join, 178 trials, relative events, NaN stops', async () => {
    const f = file('sub-anm369963_ses-20170228.nwb')
    const rec = await loadRecording(f)
    const s = rec.sessions[0]!
    expect(s.units.ids).toEqual([1001])
    expect(s.units.spikeTimes[0]!.length).toBe(1679)
    expect(s.units.spikeTimes[0]![0]).toBeCloseTo(372.76, 2)
    expect(s.units.spikeTimes[0]!.at(-1)).toBeCloseTo(1460.724, 2)
    expect(s.units.areaSources['electrodes.location']).toEqual(['ALM'])
    expect(s.units.typeLabels).toEqual(['PTlower'])
    const t = s.trials!
    expect(t.n).toBe(178)
    expect(t.startTime[0]).toBeCloseTo(302.371, 6)
    expect(Array.from(t.columns['stop_time'] as Float64Array).every(Number.isNaN)).toBe(true)
    expect(t.relativeColumns.sort()).toEqual(['cue_start_time', 'pole_in_time', 'pole_out_time'])
    // Converted to session time: first row 302.371 + 4.03782 / 7.09064 / 10.1796.
    expect((t.columns['pole_in_time'] as Float64Array)[0]).toBeCloseTo(302.371 + 4.03782, 6)
    expect((t.columns['pole_out_time'] as Float64Array)[0]).toBeCloseTo(302.371 + 7.09064, 6)
    expect((t.columns['cue_start_time'] as Float64Array)[0]).toBeCloseTo(302.371 + 10.1796, 6)
    expect(counts(t.columns['type'] as string[])).toEqual({ 'lick left': 93, 'lick right': 85 })
    expect(counts(t.columns['response'] as string[])).toEqual({
      correct: 132,
      'no response': 27,
      incorrect: 13,
      'early lick': 6
    })
    const good = Array.from(t.columns['is_good'] as Float64Array)
    expect(good.filter((v) => v === 1).length).toBe(166)
    const licks = s.behaviour
    expect(licks['lick_left_times']).toMatchObject({ kind: 'events' })
    expect((licks['lick_left_times'] as { times: Float64Array }).times.length).toBe(782)
    expect((licks['lick_right_times'] as { times: Float64Array }).times.length).toBe(1016)
  })

  it('sub-anm369963: guess and binned import (Hit = correct, Miss = no response; trials before the unit dropped)', async () => {
    const f = file('sub-anm369963_ses-20170228.nwb')
    const g = await inspectRecording(f)
    expect(g.guess).toMatchObject({
      areaColumn: 'electrodes.location',
      outcomeColumn: 'response',
      align: 'pole_in_time'
    })
    expect(g.guess.outcomeMap).toEqual({
      correct: 'Hit',
      'no response': 'Miss',
      incorrect: 'exclude',
      'early lick': 'exclude'
    })
    expect(g.outcomeValues['response']).toEqual(['correct', 'early lick', 'incorrect', 'no response'])
    const { sessions, warnings } = await readRecordingReport(f, g.guess)
    const s = sessions[0]!
    expect(s.units).toEqual([
      { sourceId: 1001, area: 'ALM', type: 'E', firingRateHz: expect.closeTo(1679 / (1460.724 - 372.76), 3) }
    ])
    // The window covers the task's events: −0.2 s to 2.9 s (cue start median 2.5 s after pole in, + 0.3 s).
    expect(s.binning).toEqual({ dt: 0.002, start: -0.2, stop: 2.9 })
    expect(s.nBins).toBe(1550)
    expect(s.spikes.length).toBe(s.trials.length * 1550)
    const hit = s.trials.filter((t) => t.outcome === 'Hit').length
    const miss = s.trials.filter((t) => t.outcome === 'Miss').length
    expect(hit).toBeLessThanOrEqual(132)
    expect(miss).toBeLessThanOrEqual(27)
    expect(s.trials.every((t) => t.alignTime + 2.9 > 372.76 && t.alignTime - 0.2 <= 1460.724)).toBe(true)
    expect(warnings.join('\n')).toMatch(/outside the recorded span/)
    // Every binned spike is one of the unit's spikes inside some trial's window.
    const total = s.spikes.reduce((a, b) => a + b, 0)
    const st = s.spikeTimes[0]!
    const expected = s.trials.reduce(
      (a, t) => a + st.filter((x) => x >= t.alignTime - 0.2 && x < t.alignTime + 2.9).length,
      0
    )
    expect(total).toBe(expected)
  })

  it('sub-anm372793: 1 unit (2434 spikes), 340 trials with their response counts', async () => {
    const s = (await loadRecording(file('sub-anm372793_ses-20170508.nwb'))).sessions[0]!
    expect(s.units.ids).toEqual([1001])
    expect(s.units.spikeTimes[0]!.length).toBe(2434)
    expect(s.units.areaSources['electrodes.location']).toEqual(['ALM'])
    expect(s.units.typeLabels).toEqual(['PTupper'])
    const t = s.trials!
    expect(t.n).toBe(340)
    expect(t.startTime[0]).toBeCloseTo(369.615, 6)
    expect((t.columns['pole_in_time'] as Float64Array)[0]).toBeCloseTo(369.615 + 4.21198, 6)
    expect(counts(t.columns['type'] as string[])).toEqual({ 'lick left': 178, 'lick right': 162 })
    expect(counts(t.columns['response'] as string[])).toEqual({
      correct: 291,
      'early lick': 40,
      incorrect: 7,
      'no response': 2
    })
    expect((s.behaviour['lick_left_times'] as { times: Float64Array }).times.length).toBe(1758)
    expect((s.behaviour['lick_right_times'] as { times: Float64Array }).times.length).toBe(3431)
  })

  it('aibs.nwb: refused because spike_times_index points past the 10 stored spike times', async () => {
    const f = file('aibs.nwb')
    const err = await loadRecording(f).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AppError)
    expect(err).toMatchObject({ code: 'INDEX_OUT_OF_RANGE', file: f, field: '/units/spike_times_index' })
    expect((err as AppError).message).toContain(f)
    expect((err as AppError).message).toMatch(/index value 32415 at row 0 .*\/units\/spike_times \(length 10\)/)
    await expect(inspectRecording(f)).rejects.toMatchObject({ code: 'INDEX_OUT_OF_RANGE' })
  })

  it('d533101.cell_metrics.cellinfo.mat: CellExplorer unit in HIP with 849 spikes, no trials', async () => {
    const f = file('d533101.cell_metrics.cellinfo.mat')
    const rec = await loadRecording(f)
    expect(rec.format).toBe('mat-v7.3')
    const s = rec.sessions[0]!
    expect(s.units.spikeTimes.map((t) => t.length)).toEqual([849])
    expect(s.units.spikeTimes[0]![0]).toBeCloseTo(3.0695, 4)
    expect(s.units.spikeTimes[0]!.at(-1)).toBeCloseTo(240.0018, 4)
    expect(s.units.areaSources['brainRegion']).toEqual(['HIP'])
    expect(s.units.typeLabels).toEqual(['Pyramidal Cell'])
    expect(s.trials).toBeNull()
    const g = await inspectRecording(f)
    expect(g.format).toBe('mat-v7.3')
    expect(g.guess.areaColumn).toBe('brainRegion')
    expect(g.warnings.join('\n')).toMatch(/no trials/)
    await expect(readRecording(f, {})).rejects.toMatchObject({ code: 'EMPTY_RESULT', file: f })
  })

  it('two Economo sessions import as two sessions with the same unit id', async () => {
    const files = ['sub-anm369963_ses-20170228.nwb', 'sub-anm372793_ses-20170508.nwb'].map(file)
    const sessions = (
      await Promise.all(files.map(async (f) => readRecording(f, (await inspectRecording(f)).guess)))
    ).flat()
    expect(sessions.map((s) => s.units[0]!.sourceId)).toEqual([1001, 1001])
    expect(sessions.map((s) => s.units[0]!.area)).toEqual(['ALM', 'ALM'])
  })

  it('hashFile gives the sha256 the README lists', async () => {
    expect((await hashFile(file('A8604-211122.nwb'))).slice(0, 16)).toBe('6c9913f1a36c43dc')
    expect((await hashFile(file('d533101.cell_metrics.cellinfo.mat'))).slice(0, 16)).toBe('4c83bc0964bd1a19')
  })
})

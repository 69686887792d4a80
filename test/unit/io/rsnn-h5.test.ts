// The app's own HDF5 layout: round trip, atomic write, files labs write themselves (no binned array), bad shapes.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError } from '@shared/contract/errors'
import type { SessionData } from '@shared/domain/dataset'
import {
  generateExample,
  hashFile,
  inspectRecording,
  readRecording,
  readSessionsH5,
  readSessionsMeta,
  writeSessionsH5
} from '../../../src/main/io'
import { h5 } from '../../helpers/h5-builders/h5'
import { buildNwb } from '../../helpers/h5-builders/nwb'

const dir = mkdtempSync(join(tmpdir(), 'rsnn-own-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const ex = generateExample({ seed: 3, sessions: 2, unitsPerSession: 12, trialsPerSession: 15 })

function same(a: SessionData, b: SessionData): void {
  expect(b.name).toBe(a.name)
  expect(b.sourceFile).toBe(a.sourceFile)
  expect(b.units).toEqual(a.units)
  expect(b.trials).toEqual(a.trials)
  expect(b.binning).toEqual(a.binning)
  expect(b.nBins).toBe(a.nBins)
  expect(Buffer.from(b.spikes!).equals(Buffer.from(a.spikes!))).toBe(true)
  expect(b.spikeTimes.map((s) => Array.from(s))).toEqual(a.spikeTimes.map((s) => Array.from(s)))
  expect(Object.keys(b.behaviour)).toEqual(Object.keys(a.behaviour))
  for (const k of Object.keys(a.behaviour)) expect(Array.from(b.behaviour[k]!)).toEqual(Array.from(a.behaviour[k]!))
}

describe('own HDF5 layout', () => {
  const file = join(dir, 'dataset.h5')

  it('round-trips sessions and metadata, leaving no temporary file', async () => {
    await writeSessionsH5(file, ex.sessions, { id: 'ds1', name: 'example', mapping: ex.mapping })
    expect(readdirSync(dir)).toEqual(['dataset.h5'])
    const back = await readSessionsH5(file)
    expect(back).toHaveLength(2)
    back.forEach((s, i) => same(ex.sessions[i]!, s))
    expect(await readSessionsMeta(file)).toEqual({ id: 'ds1', name: 'example', mapping: ex.mapping })
    expect(await hashFile(file)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('round-trips a session larger than one write piece (1.5 M spike times, 2.5 M binned counts), written in pieces', async () => {
    const [U, T, K] = [10, 100, 2500]
    const big: SessionData = {
      name: 'big',
      sourceFile: 'big.nwb',
      units: Array.from({ length: U }, (_, u) => ({
        sourceId: u,
        area: u % 2 ? 'A' : 'B',
        type: 'E' as const,
        firingRateHz: 5
      })),
      trials: Array.from({ length: K }, (_, k) => ({
        sourceIndex: k,
        outcome: 'Hit' as const,
        stimulus: 1,
        alignTime: k
      })),
      binning: { dt: 0.01, start: 0, stop: 1 },
      nBins: T,
      spikes: Uint8Array.from({ length: K * T * U }, (_, i) => (i * 7919) % 251),
      // Unit 3 has no spikes: an empty train between full ones.
      spikeTimes: Array.from({ length: U }, (_, u) =>
        u === 3 ? new Float64Array(0) : Float64Array.from({ length: 166_667 }, (_, i) => u + i * 0.001)
      ),
      behaviour: {}
    }
    const f = join(dir, 'big.h5')
    await writeSessionsH5(f, [big], {})
    same(big, (await readSessionsH5(f))[0]!)
  })

  it('is recognised by inspect/read and re-binned with a new mapping', async () => {
    const g = await inspectRecording(file)
    expect(g.format).toBe('rsnn-h5')
    expect(g.guess).toMatchObject({ areaColumn: 'area', outcomeColumn: 'outcome', align: 'align_time' })
    const same1 = await readRecording(file, g.guess)
    same(ex.sessions[0]!, same1[0]!)
    const coarse = await readRecording(file, { ...g.guess, binning: { dt: 0.01, start: -0.1, stop: 0.4 } })
    const s = coarse[0]!
    expect(s.nBins).toBe(50)
    // Same spikes inside the window, in 5× wider bins.
    const sum = (a: Uint8Array): number => a.reduce((x, y) => x + y, 0)
    expect(sum(s.spikes)).toBe(sum(ex.sessions[0]!.spikes))
  })

  it('reads a file a lab wrote without the binned array (spikes computed from spike times)', async () => {
    const lib = await h5()
    const f = join(dir, 'lab.h5')
    const w = new lib.File(f, 'w')
    w.create_attribute('rsnn_format', 'rsnn-studio-sessions')
    const g = w.create_group('sessions').create_group('s000')
    g.create_attribute('dt', 0.1, null, '<d')
    g.create_attribute('window_start', 0, null, '<d')
    g.create_attribute('window_stop', 0.2, null, '<d')
    g.create_group('units')
    g.create_group('trials')
    g.create_dataset({ name: 'units/source_id', data: Float64Array.of(11, 12) })
    g.create_dataset({ name: 'units/area', data: ['V1', 'LM'] })
    g.create_dataset({ name: 'units/spike_times', data: Float64Array.of(1.05, 1.15, 3.02, 1.0) })
    g.create_dataset({ name: 'units/spike_times_index', data: Uint8Array.of(3, 4) })
    g.create_dataset({ name: 'trials/align_time', data: Float64Array.of(1, 3) })
    g.create_dataset({ name: 'trials/outcome', data: ['Hit', 'CR'] })
    w.close()
    const [s] = await readSessionsH5(f)
    expect(s!.units.map((u) => [u.sourceId, u.area, u.type])).toEqual([
      [11, 'V1', 'unknown'],
      [12, 'LM', 'unknown']
    ])
    expect(s!.trials.map((t) => [t.outcome, t.stimulus, t.sourceIndex])).toEqual([
      ['Hit', 1, 0],
      ['CR', 1, 1]
    ])
    // trial 0 [1, 1.2): unit 11 at 1.05 (bin 0), 1.15 (bin 1); unit 12 at 1.0 (bin 0); trial 1 [3, 3.2): 3.02 (bin 0)
    expect(Array.from(s!.spikes!)).toEqual([1, 1, 1, 0, 1, 0, 0, 0])
  })

  it('refuses wrong shapes and values naming the dataset', async () => {
    const lib = await h5()
    const f = join(dir, 'broken.h5')
    const w = new lib.File(f, 'w')
    w.create_attribute('rsnn_format', 'rsnn-studio-sessions')
    const g = w.create_group('sessions').create_group('s000')
    g.create_attribute('dt', 0.1, null, '<d')
    g.create_attribute('window_start', 0, null, '<d')
    g.create_attribute('window_stop', 0.2, null, '<d')
    g.create_group('units')
    g.create_group('trials')
    g.create_dataset({ name: 'units/source_id', data: Float64Array.of(11) })
    g.create_dataset({ name: 'units/area', data: ['V1'] })
    g.create_dataset({ name: 'units/spike_times', data: Float64Array.of(1.1) })
    g.create_dataset({ name: 'units/spike_times_index', data: Uint8Array.of(1) })
    g.create_dataset({ name: 'trials/align_time', data: Float64Array.of(1) })
    g.create_dataset({ name: 'trials/outcome', data: ['Won'] })
    w.close()
    const e = await readSessionsH5(f).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(AppError)
    expect(e).toMatchObject({ code: 'BAD_VALUE', file: f, field: '/sessions/s000/trials/outcome' })
    expect((e as AppError).message).toMatch(/value "Won" at row 0 is not one of Hit, Miss, CR, FA/)
  })

  it('refuses to write inconsistent sessions and leaves nothing behind', async () => {
    const bad = { ...ex.sessions[0]!, spikes: new Uint8Array(3) }
    const f = join(dir, 'never.h5')
    await expect(writeSessionsH5(f, [bad], {})).rejects.toMatchObject({
      code: 'SHAPE_MISMATCH',
      file: f,
      field: '/sessions/s000'
    })
    expect(existsSync(f)).toBe(false)
  })

  it('refuses a non-HDF5 file and an HDF5 file without the marker', async () => {
    const f = join(dir, 'other.h5')
    writeFileSync(f, 'x')
    await expect(readSessionsH5(f)).rejects.toMatchObject({ code: 'HDF5_UNREADABLE', file: f })
    const nwb = await buildNwb(join(dir, 'x.nwb'), { units: { ids: [1], spikeTimes: [[1]] } })
    await expect(readSessionsH5(nwb)).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
      file: nwb,
      field: '/@rsnn_format'
    })
  })
})

// Every bad input the importer must refuse: the error code, and a message naming the file and the field.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AppError, type ErrorCode } from '@shared/contract/errors'
import { inspectRecording, loadRecording, readRecording } from '../../../src/main/io'
import { buildNwb, type NwbSpec } from '../../helpers/h5-builders/nwb'

const fixtures = resolve(__dirname, '../../fixtures/io')
const dir = mkdtempSync(join(tmpdir(), 'rsnn-bad-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let n = 0
const build = (spec: NwbSpec): Promise<string> => buildNwb(join(dir, `bad${n++}.nwb`), spec)

async function expectError(
  p: Promise<unknown>,
  code: ErrorCode,
  file: string,
  field: string | RegExp,
  message?: RegExp
): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(AppError)
  const e = err as AppError
  expect(e.code).toBe(code)
  expect(e.file).toBe(file)
  if (typeof field === 'string') expect(e.field).toBe(field)
  else expect(e.field).toMatch(field)
  expect(e.message).toContain(file)
  expect(e.message).toContain(e.field)
  if (message) expect(e.message).toMatch(message)
  return e
}

const units = { ids: [1, 2], spikeTimes: [[0.5, 1.5], [1.0]] }

describe('bad input', () => {
  it('a non-HDF5 file', async () => {
    const f = join(fixtures, 'not-hdf5.nwb')
    await expectError(loadRecording(f), 'HDF5_UNREADABLE', f, 'signature', /not an HDF5 file/)
    await expectError(inspectRecording(f), 'HDF5_UNREADABLE', f, 'signature')
  })

  it('a truncated copy of a real file (committed fixture) and a freshly truncated generated file', async () => {
    const f = join(fixtures, 'truncated.nwb')
    await expectError(
      loadRecording(f),
      'HDF5_TRUNCATED',
      f,
      'superblock',
      /32768 bytes on disk but the HDF5 superblock says 276632/
    )
    const whole = await build({ units })
    const cut = join(dir, 'cut.nwb')
    copyFileSync(whole, cut)
    const { truncateSync, statSync } = await import('node:fs')
    truncateSync(cut, statSync(cut).size - 100)
    await expectError(loadRecording(cut), 'HDF5_TRUNCATED', cut, 'superblock')
  })

  it('an empty file and a missing file', async () => {
    const empty = join(dir, 'empty.nwb')
    writeFileSync(empty, '')
    await expectError(loadRecording(empty), 'HDF5_UNREADABLE', empty, 'signature')
    const missing = join(dir, 'missing.nwb')
    const e = await loadRecording(missing).catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'IO_ERROR', file: missing })
  })

  it('NWB 1.x is refused, saying so', async () => {
    const f = await build({ legacyV1: true, units })
    await expectError(
      loadRecording(f),
      'FORMAT_UNSUPPORTED',
      f,
      '/nwb_version',
      /NWB 1\.x is not supported: convert to NWB 2/
    )
  })

  it('an HDF5 file that is neither NWB nor MATLAB nor the own layout', async () => {
    const { h5 } = await import('../../helpers/h5-builders/h5')
    const lib = await h5()
    const f = join(dir, 'plain.h5')
    const file = new lib.File(f, 'w')
    file.create_dataset({ name: 'x', data: Float64Array.of(1) })
    file.close()
    await expectError(loadRecording(f), 'FORMAT_UNSUPPORTED', f, '/@nwb_version')
  })

  it('no Units table', async () => {
    const f = await build({ trials: { start: [1, 2] } })
    await expectError(loadRecording(f), 'FIELD_MISSING', f, '/units', /no Units table/)
  })

  it('NaN spike times are refused naming the unit', async () => {
    const f = await build({
      units: {
        ids: [7, 8],
        spikeTimes: [
          [0.5, 1],
          [0.2, NaN, 3]
        ]
      }
    })
    await expectError(loadRecording(f), 'BAD_VALUE', f, '/units/spike_times', /unit 8 \(row 1\) contain NaN at spike 1/)
  })

  it('unsorted spike times are sorted with a warning', async () => {
    const f = await build({ units: { ids: [7], spikeTimes: [[2, 1, 3]] } })
    const s = (await loadRecording(f)).sessions[0]!
    expect(Array.from(s.units.spikeTimes[0]!)).toEqual([1, 2, 3])
    expect(s.warnings.join('\n')).toMatch(/unit 7 were not sorted/)
  })

  it('a ragged index past its data, a decreasing index, an index that stops short', async () => {
    const past = await build({ units: { ...units, indexOverride: [2, 30] } })
    await expectError(
      loadRecording(past),
      'INDEX_OUT_OF_RANGE',
      past,
      '/units/spike_times_index',
      /index value 30 at row 1 points past the end of \/units\/spike_times \(length 3\)/
    )
    const down = await build({ units: { ids: [1, 2, 3], spikeTimes: [[1], [2], [3]], indexOverride: [2, 1, 3] } })
    await expectError(
      loadRecording(down),
      'BAD_VALUE',
      down,
      '/units/spike_times_index',
      /non-decreasing: row 1 ends at 1 before 2/
    )
    const short = await build({ units: { ...units, indexOverride: [1, 2] } })
    await expectError(
      loadRecording(short),
      'SHAPE_MISMATCH',
      short,
      '/units/spike_times_index',
      /does not match the length/
    )
  })

  it('an out-of-range electrodes region index', async () => {
    const f = await build({
      electrodes: { location: ['ALM', 'ALM'] },
      units: { ...units, electrodes: { rows: [0, 5] } }
    })
    await expectError(
      loadRecording(f),
      'INDEX_OUT_OF_RANGE',
      f,
      '/units/electrodes',
      /electrode row 5 of unit 2 is out of range: .* has 2 rows/
    )
  })

  it('empty units: dropped with a warning; all empty → EMPTY_RESULT; no rows → EMPTY_RESULT', async () => {
    const some = await build({ units: { ids: [1, 2], spikeTimes: [[0.5], []] } })
    const s = (await loadRecording(some)).sessions[0]!
    expect(s.units.ids).toEqual([1])
    expect(s.warnings.join('\n')).toMatch(/dropped 1 unit\(s\) without spikes \(ids 2\)/)
    const none = await build({ units: { ids: [1, 2], spikeTimes: [[], []], indexOverride: [0, 0] } })
    await expectError(
      loadRecording(none),
      'EMPTY_RESULT',
      none,
      '/units/spike_times',
      /every unit has an empty spike train/
    )
  })

  it('a mapping that leaves no trials, and trials outside the recording', async () => {
    const f = await build({ units, trials: { start: [0.4, 1.0], columns: { outcome: ['early', 'early'] } } })
    await expectError(
      readRecording(f, { outcomeColumn: 'outcome' }),
      'EMPTY_RESULT',
      f,
      '/intervals/trials/start_time',
      /leaves no trials/
    )
    const far = await build({ units, trials: { start: [100, 200], columns: { outcome: ['Hit', 'Miss'] } } })
    await expectError(
      readRecording(far, {}),
      'BAD_VALUE',
      far,
      '/intervals/trials/start_time',
      /all 2 usable trials lie outside the recording \(spikes span 0\.500–1\.500 s\)/
    )
  })

  it('mapping columns that do not exist', async () => {
    const f = await build({ units, trials: { start: [0.4, 1.0], columns: { outcome: ['Hit', 'Miss'] } } })
    await expectError(
      readRecording(f, { align: 'stim_time' }),
      'FIELD_MISSING',
      f,
      '/intervals/trials/stim_time',
      /alignment column "stim_time" is not in the trials table/
    )
    await expectError(readRecording(f, { outcomeColumn: 'result' }), 'FIELD_MISSING', f, '/intervals/trials/result')
    await expectError(
      readRecording(f, { areaColumn: 'brain_area' }),
      'FIELD_MISSING',
      f,
      'units/brain_area',
      /area column "brain_area" not found/
    )
  })
})

// The bundled example: determinism, ground-truth structure, and that the written NWB files import to the same data.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { generateExample } from '../../../src/main/io/example/generate'
import { writeExampleFiles } from '../../../src/main/io/example/write-example'
import { inspectRecording, loadRecording, readRecording } from '../../../src/main/io/recording'
import { nwbValidatorMissing, validateNwb } from '../../helpers/nwb-validator'

const small = { seed: 7, sessions: 3, unitsPerSession: 20, trialsPerSession: 40 }
const dir = mkdtempSync(join(tmpdir(), 'rsnn-example-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Mean count per bin over trials and units of one area, in a window of bins. */
function meanCount(
  s: ReturnType<typeof generateExample>['sessions'][number],
  area: string,
  trials: number[],
  b0: number,
  b1: number
): number {
  const U = s.units.length
  const T = s.nBins
  let sum = 0
  let n = 0
  for (const k of trials)
    for (let t = b0; t < b1; t++)
      for (let u = 0; u < U; u++) {
        if (s.units[u]!.area !== area) continue
        sum += s.spikes[(k * T + t) * U + u]!
        n++
      }
  return sum / n
}

describe('generateExample', () => {
  const ex = generateExample(small)

  it('is deterministic by seed and differs across seeds', () => {
    const again = generateExample(small)
    expect(Buffer.from(again.sessions[0]!.spikes).equals(Buffer.from(ex.sessions[0]!.spikes))).toBe(true)
    const other = generateExample({ ...small, seed: 8 })
    expect(Buffer.from(other.sessions[0]!.spikes).equals(Buffer.from(ex.sessions[0]!.spikes))).toBe(false)
  })

  it('rotates areas over sessions and keeps Hit near 80 %', () => {
    expect(ex.truth.sessions.map((s) => s.areas)).toEqual([['area1', 'area2'], ['area1'], ['area2']])
    expect(ex.sessions[1]!.units.every((u) => u.area === 'area1')).toBe(true)
    const hits = ex.truth.sessions.flatMap((s) => Array.from(s.hit))
    const frac = hits.reduce((a, b) => a + b, 0) / hits.length
    expect(frac).toBeGreaterThan(0.65)
    expect(frac).toBeLessThan(0.95)
    expect(ex.sessions[0]!.trials.map((t) => t.outcome)).toEqual(
      Array.from(ex.truth.sessions[0]!.hit, (h) => (h ? 'Hit' : 'Miss'))
    )
  })

  it('area 2 responds on Hit only, area 1 on every trial; the jaw opens on Hit only', () => {
    const s = ex.sessions[0]!
    const hit = s.trials.flatMap((t, k) => (t.outcome === 'Hit' ? [k] : []))
    const miss = s.trials.flatMap((t, k) => (t.outcome === 'Miss' ? [k] : []))
    // Bins 55..70 = 10..40 ms after the stimulus (window starts at −100 ms, 2 ms bins); bins 0..45 = baseline.
    const resp = (area: string, trials: number[]): number =>
      meanCount(s, area, trials, 55, 70) / meanCount(s, area, trials, 0, 45)
    expect(resp('area1', hit)).toBeGreaterThan(1.5)
    expect(resp('area1', miss)).toBeGreaterThan(1.5)
    expect(resp('area2', hit)).toBeGreaterThan(1.5)
    expect(resp('area2', miss)).toBeLessThan(1.3)
    const jaw = s.behaviour['jaw']!
    const peak = (k: number): number => Math.max(...Array.from(jaw.subarray(k * s.nBins, (k + 1) * s.nBins)))
    expect(Math.min(...hit.map(peak))).toBeGreaterThan(0.5)
    expect(Math.max(...miss.map(peak))).toBeLessThan(0.3)
  })

  it('written NWB files import to exactly the generated sessions', async () => {
    const files = await writeExampleFiles(dir, small)
    expect(files).toHaveLength(3)
    const guess = await inspectRecording(files[0]!)
    expect(guess.format).toBe('nwb')
    expect(guess.guess).toMatchObject({
      areaColumn: 'area',
      outcomeColumn: 'outcome',
      align: 'stimulus_time',
      binning: { dt: 0.002, start: -0.1, stop: 0.4 }
    })
    expect(guess.behaviourSeries).toEqual(['jaw'])
    for (const [i, f] of files.entries()) {
      const [read] = await readRecording(f, guess.guess)
      const gen = ex.sessions[i]!
      expect(read!.units).toEqual(gen.units)
      expect(read!.trials).toEqual(gen.trials)
      expect(Buffer.from(read!.spikes).equals(Buffer.from(gen.spikes))).toBe(true)
      expect(Array.from(read!.behaviour['jaw']!)).toEqual(Array.from(gen.behaviour['jaw']!))
    }
  })

  it('written NWB files carry subject and session metadata, read back by the importer', async () => {
    const [f] = await writeExampleFiles(join(dir, 'meta'), { ...small, sessions: 1 })
    const raw = (await loadRecording(f!)).sessions[0]!
    expect(raw.metadata).toEqual({
      sessionDescription: 'RSNN Studio example: two-area pseudodata, session 1 (area1 + area2), seed 7',
      sessionStartTime: '2024-01-01T00:00:00+00:00',
      experimenter: ['RSNN Studio example generator'],
      institution: 'RSNN Studio',
      lab: 'RSNN Studio example data',
      keywords: ['pseudodata', 'simulation', 'whisker detection', 'multi-area spiking'],
      experimentDescription: 'Simulated two-area recording of a whisker-detection task (not recorded from an animal).',
      subject: {
        subjectId: 'pseudo-mouse-1',
        species: 'Mus musculus',
        sex: 'U',
        age: 'P90D',
        description: 'simulated animal: the spikes and jaw trace are drawn from a model of a mouse session'
      }
    })
  })

  it.skipIf(nwbValidatorMissing !== null)(
    'written NWB files validate against the NWB 2.7.0 schema (HDMF validator)',
    async () => {
      const files = await writeExampleFiles(join(dir, 'valid'), { ...small, sessions: 2 })
      const { ok, report } = validateNwb(...files)
      expect(ok, report).toBe(true)
    }
  )
})

describe('bundled example files (resources/example)', () => {
  it('are the seed-1 example: 4 sessions × 60 units × 100 trials, window −0.1..0.4 s, jaw', async () => {
    const root = join(__dirname, '../../../resources/example')
    const gen = generateExample({ seed: 1 })
    for (let i = 0; i < 4; i++) {
      const f = join(root, `pseudo-session-${i + 1}.nwb`)
      const g = await inspectRecording(f)
      const [s] = await readRecording(f, g.guess)
      expect(s!.units).toHaveLength(60)
      expect(s!.trials).toHaveLength(100)
      expect(s!.binning).toEqual({ dt: 0.002, start: -0.1, stop: 0.4 })
      expect(Object.keys(s!.behaviour)).toEqual(['jaw'])
      expect(s!.trials).toEqual(gen.sessions[i]!.trials)
      expect(Buffer.from(s!.spikes).equals(Buffer.from(gen.sessions[i]!.spikes))).toBe(true)
    }
  })

  it.skipIf(nwbValidatorMissing !== null)('validate against the NWB 2.7.0 schema (HDMF validator)', () => {
    const root = join(__dirname, '../../../resources/example')
    const { ok, report } = validateNwb(...[1, 2, 3, 4].map((i) => join(root, `pseudo-session-${i}.nwb`)))
    expect(ok, report).toBe(true)
  })
})

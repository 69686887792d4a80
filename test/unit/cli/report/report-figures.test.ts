// Report tables and figures from hand-made view payloads: CSV quoting and numbers, SVG well-formed with the
// expected series, bars, axes and legends; the test parser itself rejects malformed XML.
import { describe, expect, it } from 'vitest'
import type { Behaviour, ComparedRun, Connectivity, Variability } from '@shared/domain/comparison'
import { csvCell } from '@shared/csv'
import { jawTable, trialTypeMixTable } from '@shared/tables/behaviour'
import { connectivityTable } from '@shared/tables/connectivity'
import { tableCsv as toCsv } from '@shared/tables/table'
import { embeddingTable, featureColumn, featuresTable, pairsTable } from '@shared/tables/variability'
import { connectivityFigure } from '../../../../src/main/cli/report/figure-connectivity'
import { activityFigure, lossFigure, reportFigures, trialTypeMixFigure } from '../../../../src/main/cli/report/figures'
import { jawFigure } from '../../../../src/main/cli/report/figure-jaw'
import { reportTables } from '../../../../src/main/cli/report/tables'
import { findAll, parseCsv, parseXml, textOf, type XmlElement } from './report-parse'
import { figurePalette as pal } from '../../../../src/main/cli/report/palette'

const T = 5
const timeS = Float32Array.from({ length: T }, (_, t) => -0.1 + 0.05 * t)
const trials = {
  recorded: {
    session: Int32Array.of(0, 0, 1),
    sourceIndex: Int32Array.of(4, 7, 2),
    outcome: Uint8Array.of(0, 2, 1),
    stimulus: Float32Array.of(1, 0, 1)
  },
  generated: { outcome: Uint8Array.of(0, 0, 3), stimulus: Float32Array.of(1, 0, 1) },
  sessionNames: ['mouse-a', 'mouse-b']
}
const ramp = (n: number, k: number): Float32Array => Float32Array.from({ length: n * T }, (_, i) => k + i)

const variability: Variability = {
  runId: 'r1',
  checkpointStep: 4,
  areas: ['wS1', 'tjM1'],
  timeS,
  trials,
  perArea: [
    { area: 'wS1', recordedRows: Int32Array.of(0, 2), recorded: ramp(2, 1), generated: ramp(3, 2) },
    { area: 'tjM1', recordedRows: Int32Array.of(1), recorded: ramp(1, 3), generated: ramp(3, 0) },
    { area: 'ALM', recordedRows: Int32Array.of(), recorded: new Float32Array(), generated: ramp(3, 0) }
  ],
  pairs: Int32Array.of(2, 1, 1, 0),
  features: {
    names: ['wS1 response amplitude (Hz)', 'wS1 response latency (s)'],
    recorded: Float32Array.of(1, 0.1, 2, 0.2, 3, 0.3),
    generated: Float32Array.of(4, 0.4, 5, 0.5, 6, 0.6)
  },
  embedding: {
    recorded: Float32Array.of(1, -1, 2, -2, 3, -3),
    generated: Float32Array.of(4, -4, 5, -5, 6, -6),
    explained: [0.6, 0.3]
  },
  tTrial: { value: 0.5, ceiling: 0.8, neural: null }
}

const ms = (n: number, k: number) => ({
  n,
  mean: Float32Array.from({ length: T }, (_, t) => k + t),
  sd: new Float32Array(T).fill(n > 1 ? 0.5 : 0)
})
const behaviour: Behaviour = {
  runId: 'r1',
  checkpointStep: 4,
  hasBehaviour: true,
  timeS,
  trials,
  perOutcome: [
    { outcome: 'Hit', recorded: ms(1, 1), generated: ms(2, 1.5) },
    { outcome: 'Miss', recorded: ms(1, 0), generated: ms(0, 0) },
    { outcome: 'CR', recorded: ms(1, 0), generated: ms(0, 0) },
    { outcome: 'FA', recorded: ms(0, 0), generated: ms(1, 2) }
  ],
  matched: {
    recordedRows: Int32Array.of(),
    generatedRows: Int32Array.of(),
    recorded: new Float32Array(),
    generated: new Float32Array()
  },
  trialTypeMix: {
    recorded: { Hit: 1 / 3, Miss: 1 / 3, CR: 1 / 3, FA: 0 },
    generated: { Hit: 2 / 3, Miss: 0, CR: 0, FA: 1 / 3 },
    nRecorded: 3,
    nGenerated: 3
  },
  lick: { generated: Uint8Array.of(1, 1, 1), method: 'jaw threshold' }
}

const run: ComparedRun = {
  runId: 'r1',
  name: 'tiny, "quoted"',
  status: 'completed',
  steps: Int32Array.of(1, 2, 3, 4),
  total: Float32Array.of(3, 2.5, NaN, 1.5),
  psth: Float32Array.of(2, 1.5, 1.2, 1),
  trial: Float32Array.of(1, 1, 0.8, 0.5),
  evalSteps: Int32Array.of(4),
  evalMetrics: { eval_loss: Float32Array.of(1.7), t_trial_pearson: Float32Array.of(0.4) },
  latest: {}
}

const connectivity: Connectivity = {
  runId: 'r1',
  checkpointStep: 4,
  areas: ['wS1', 'tjM1'],
  meanExc: Float32Array.of(0.1, 0.2, 0.3, 0.4),
  meanInh: Float32Array.of(0.5, 0.6, 0.7, 0.8),
  histogram: { edges: Float32Array.of(0, 1), exc: Uint32Array.of(1), inh: Uint32Array.of(1) }
}

const series = (svg: XmlElement): XmlElement[] =>
  findAll(svg, (e) => e.name === 'path' && e.attrs['class'] === 'series')
const axisLabels = (svg: XmlElement): string[] => findAll(svg, (e) => e.attrs['class'] === 'axis-label').map(textOf)
const eventsOf = (svg: XmlElement): XmlElement[] => findAll(svg, (e) => e.attrs['class'] === 'event')

describe('report CSV', () => {
  it('quotes cells with commas, quotes and line breaks, and leaves NaN empty', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell(NaN)).toBe('')
    expect(csvCell(0.1)).toBe('0.1')
    const text = toCsv({
      header: ['name', 'x_s'],
      rows: [
        ['a,"b"\nc', 1.5],
        [null, NaN]
      ]
    })
    expect(parseCsv(text)).toEqual([
      ['name', 'x_s'],
      ['a,"b"\nc', '1.5'],
      ['', '']
    ])
  })

  it('turns every view into tables whose numbers are the payload numbers', () => {
    expect(featureColumn('wS1 response amplitude (Hz)')).toBe('wS1_response_amplitude_Hz')
    const f = parseCsv(toCsv(featuresTable(variability)))
    expect(f[0]).toEqual([
      'source',
      'row',
      'session',
      'trial',
      'outcome',
      'stimulus',
      'wS1_response_amplitude_Hz',
      'wS1_response_latency_s'
    ])
    expect(f).toHaveLength(1 + 3 + 3)
    expect(f[2]).toEqual(['recorded', '1', 'mouse-a', '7', 'CR', '0', '2', String(Math.fround(0.2))])
    expect(f[6]!.slice(0, 5)).toEqual(['generated', '2', '', '', 'FA'])
    // The embedding's CSV names every trial exactly as the features table does (one trial identity per row).
    const e = parseCsv(toCsv(embeddingTable(variability)))
    expect(e[0]).toEqual(['source', 'row', 'session', 'trial', 'outcome', 'stimulus', 'pc1', 'pc2'])
    expect(e.map((r) => r.slice(0, 6))).toEqual(f.map((r) => r.slice(0, 6)))
    expect([e[2]!.slice(6), e[6]!.slice(6)]).toEqual([
      ['2', '-2'],
      ['6', '-6']
    ])
    expect(parseCsv(toCsv(pairsTable(variability))).slice(1)).toEqual([
      ['2', '1', 'mouse-b', '2', '1', 'Miss', 'Hit'],
      ['1', '0', 'mouse-a', '7', '0', 'CR', 'Hit']
    ])
    const mix = parseCsv(toCsv(trialTypeMixTable(behaviour)))
    expect(mix[4]).toEqual(['FA', '0', '0', String(1 / 3), '1'])
    const jaw = parseCsv(toCsv(jawTable(behaviour)))
    expect(jaw).toHaveLength(1 + 4 * 2 * T)
    expect(jaw[1]).toEqual(['Hit', 'recorded', '1', String(timeS[0]), '1', '0'])
    const conn = parseCsv(toCsv(connectivityTable(connectivity)))
    // Row-major [post × pre]: target tjM1 (post 1) from wS1 (pre 0) is index 2.
    expect(conn.find((r) => r[0] === 'wS1' && r[1] === 'tjM1')!.slice(2)).toEqual([
      String(Math.fround(0.3)),
      String(Math.fround(0.7))
    ])
    const names = reportTables(variability, behaviour, connectivity, run).map((t) => t.name)
    expect(names).toEqual([
      'trial-features',
      'matched-pairs',
      'trial-type-mix',
      'jaw-per-outcome',
      'connectivity',
      'loss-curves',
      'held-out-metrics'
    ])
    expect(
      reportTables(variability, { ...behaviour, hasBehaviour: false }, connectivity, run).map((t) => t.name)
    ).not.toContain('jaw-per-outcome')
  })
})

describe('report SVG', () => {
  it('the test parser rejects malformed XML', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow()
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow()
    expect(() => parseXml('<svg><text>a & b</text></svg>')).toThrow()
    expect(() => parseXml('<svg/><svg/>')).toThrow()
    expect(parseXml('<?xml version="1.0"?>\n<svg x="&lt;"><t>a &amp; b</t></svg>').children[0]!.text).toBe('a & b')
  })

  it('loss curves: three series (a NaN breaks the line), labelled axes, legend and escaped title', () => {
    const svg = parseXml(lossFigure(run).svg)
    expect(svg.name).toBe('svg')
    expect(svg.attrs['xmlns']).toBe('http://www.w3.org/2000/svg')
    expect(series(svg).map((p) => p.attrs['data-series'])).toEqual(['total', 'psth', 'trial'])
    expect(series(svg)[0]!.attrs['d']!.match(/M/g)).toHaveLength(2)
    expect(axisLabels(svg)).toEqual(['loss (a.u.)', 'training step'])
    expect(findAll(svg, (e) => e.name === 'title').map(textOf)).toEqual(['Loss curves: tiny, "quoted"'])
    expect(findAll(svg, (e) => e.attrs['class'] === 'legend')).toHaveLength(1)
    expect(
      findAll(svg, (e) => e.attrs['class'] === 'axis axis-x')[0]!.children.filter((c) => c.name === 'text').length
    ).toBeGreaterThan(2)
  })

  it('population activity: one panel per recorded area, the matched pair highlighted', () => {
    const svg = parseXml(activityFigure(variability).svg)
    expect(series(svg).map((p) => p.attrs['data-series'])).toEqual([
      'wS1 recorded',
      'wS1 generated',
      'tjM1 recorded',
      'tjM1 generated'
    ])
    // Without the dataset's axis: the alignment event named generically, one line at 0, no task events.
    expect(axisLabels(svg)).toEqual([
      'rate (Hz)',
      'Time from alignment event (s)',
      'rate (Hz)',
      'Time from alignment event (s)'
    ])
    expect(eventsOf(svg).map((e) => e.attrs['data-label'])).toEqual(['alignment event', 'alignment event'])
    const titles = findAll(svg, (e) => e.attrs['class'] === 'panel-title').map(textOf)
    // wS1 records rows 0 and 2; pair (2, 1) is the first pair of a wS1 row.
    expect(titles).toEqual([
      'wS1 (matched pair: recorded mouse-b trial 2, generated row 1)',
      'tjM1 (matched pair: recorded mouse-a trial 7, generated row 0)'
    ])
    expect(findAll(svg, (e) => e.attrs['class'] === 'context')).toHaveLength(2 + 3 + 1 + 3)
  })

  it('trial-type mix: eight bars with counts; jaw: a band and a mean per outcome and source with trials', () => {
    const mix = parseXml(trialTypeMixFigure(behaviour).svg)
    const bars = findAll(mix, (e) => e.attrs['class'] === 'bar')
    expect(bars).toHaveLength(8)
    expect(bars.find((b) => b.attrs['data-series'] === 'recorded FA')!.attrs['height']).toBe('0.00')
    expect(textOf(mix)).toContain('n = 2')
    expect(axisLabels(mix)).toEqual(['fraction of trials', 'trial type'])
    const jaw = parseXml(jawFigure(behaviour)!.svg)
    expect(series(jaw).map((p) => p.attrs['data-series'])).toEqual([
      'Hit recorded',
      'Hit generated',
      'Miss recorded',
      'CR recorded',
      'FA generated'
    ])
    expect(findAll(jaw, (e) => e.attrs['class'] === 'band')).toHaveLength(5)
    expect(axisLabels(jaw).filter((l) => l === 'jaw (normalised)')).toHaveLength(4)
    expect(jawFigure({ ...behaviour, hasBehaviour: false })).toBeNull()
    expect(reportFigures(variability, behaviour, connectivity, run).map((f) => f.name)).toEqual([
      'loss-curves',
      'population-activity',
      'trial-type-mix',
      'jaw-per-outcome',
      'connectivity'
    ])
  })

  it('connectivity: E and I heatmaps of A² cells each, values printed, labelled axes and a colour bar', () => {
    const svg = parseXml(connectivityFigure(connectivity).svg)
    const cells = findAll(svg, (e) => e.attrs['class'] === 'cell')
    expect(cells).toHaveLength(8)
    expect(cells.map((c) => c.attrs['data-series'])).toContain('wS1 → tjM1')
    expect(textOf(svg)).toContain(Math.fround(0.7).toPrecision(3))
    expect(axisLabels(svg)).toEqual([
      'source area (presynaptic)',
      'target area (postsynaptic)',
      'source area (presynaptic)',
      'target area (postsynaptic)'
    ])
    expect(findAll(svg, (e) => e.name === 'linearGradient')).toHaveLength(1)
  })

  describe('task events, as the app’s model views draw them', () => {
    // The dataset's axis (aligned to the stimulus) and the payload's events: per condition medians (go cue for all,
    // lick on hits only), and each recorded row's own times (row 2, a miss: go cue only; row 1: both).
    const axis = { alignment: 'stim_time', events: [{ name: 'go_cue_time', medianS: 0.02 }] }
    const withEvents = {
      ...trials,
      recorded: {
        ...trials.recorded,
        taskEvents: [
          { name: 'go_cue_time', timeS: Float32Array.of(0.01, 0.03, 0.025) },
          { name: 'lick_time', timeS: Float32Array.of(0.06, 0.07, NaN) }
        ]
      },
      taskEvents: [
        { name: 'go_cue_time', outcome: 'Hit' as const, medianS: 0.02, nTrials: 5 },
        { name: 'go_cue_time', outcome: 'Miss' as const, medianS: 0.015, nTrials: 2 },
        { name: 'lick_time', outcome: 'Hit' as const, medianS: 0.08, nTrials: 5 }
      ]
    }
    // Every time panel spans the figure's 640 px less the margins (64 left, 20 right) over timeS [−0.1, 0.1] s,
    // except the jaw's two columns; x of a time in the single-column activity panels:
    const xOf = (t: number): number => 64 + ((t + 0.1) / 0.2) * (640 - 64 - 20)
    const lineOf = (g: XmlElement): XmlElement => g.children.find((c) => c.name === 'line')!
    const titleOf = (g: XmlElement): string => textOf(g.children.find((c) => c.name === 'title') ?? g)

    it('population activity: the pair’s recorded trial at its own times, the generated trial at its condition’s medians', () => {
      const svg = parseXml(activityFigure({ ...variability, trials: withEvents }, axis).svg)
      expect(axisLabels(svg)[1]).toBe('Time from stim (s)')
      // wS1: pair (recorded row 2, a miss; generated row 1, classified Hit): the stim, row 2's own go cue at 0.025 s
      // (not the misses' median 0.015) and no lick; the generated hit's go cue (0.02) and lick (0.08) medians.
      const wS1 = eventsOf(svg).slice(0, 4)
      expect(wS1.map((e) => [e.attrs['data-label'], e.attrs['data-source'], Number(e.attrs['data-time-s'])])).toEqual([
        ['stim', undefined, 0],
        ['go cue', 'recorded', Math.fround(0.025)],
        ['', 'generated', 0.02],
        ['lick', 'generated', 0.08]
      ])
      wS1.forEach((e) => {
        expect(Number(lineOf(e).attrs['x1'])).toBeCloseTo(xOf(Number(e.attrs['data-time-s'])), 1)
      })
      expect(lineOf(wS1[1]!).attrs['stroke']).toBe(pal.recorded)
      expect(lineOf(wS1[3]!).attrs['stroke']).toBe(pal.generated)
      expect(titleOf(wS1[1]!)).toBe('go cue: the recorded trial’s own time, 25 ms')
      expect(titleOf(wS1[3]!)).toBe('lick: generated trial, median over the recorded Hit trials, 80 ms')
      // tjM1: pair (recorded row 1, its own go cue 0.03 and lick 0.07; generated row 0, a hit).
      const tjM1 = eventsOf(svg).slice(4)
      expect(tjM1.map((e) => [e.attrs['data-label'], e.attrs['data-source'], Number(e.attrs['data-time-s'])])).toEqual([
        ['stim', undefined, 0],
        ['go cue', 'recorded', Math.fround(0.03)],
        ['lick', 'recorded', Math.fround(0.07)],
        ['', 'generated', 0.02],
        ['', 'generated', 0.08]
      ])
      expect(textOf(findAll(svg, (e) => e.attrs['class'] === 'legend')[0]!)).toContain('events: recorded trial')
    })

    it('jaw per outcome: each panel its own condition’s medians (no lick line on misses)', () => {
      const svg = parseXml(jawFigure({ ...behaviour, trials: withEvents }, axis)!.svg)
      const groups = findAll(svg, (e) => e.attrs['class'] === 'events')
      // Panels Hit, Miss, CR, FA: the stim and the condition's events (CR and FA have no recorded medians here).
      expect(groups.map((g) => eventsOf(g).map((e) => `${e.attrs['data-label']}@${e.attrs['data-time-s']}`))).toEqual([
        ['stim@0', 'go cue@0.02', 'lick@0.08'],
        ['stim@0', 'go cue@0.015'],
        ['stim@0'],
        ['stim@0']
      ])
      // The Hit panel (left column, 2 columns of (640 − 84 − 70) / 2 px): its lick at 0.08 s.
      const pw = (640 - 64 - 20 - 70) / 2
      expect(Number(lineOf(eventsOf(groups[0]!)[2]!).attrs['x1'])).toBeCloseTo(64 + ((0.08 + 0.1) / 0.2) * pw, 1)
      expect(axisLabels(svg)).toContain('Time from stim (s)')
    })
  })
})

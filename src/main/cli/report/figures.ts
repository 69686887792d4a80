// Report figures as standalone SVG text: loss curves, single-trial population activity per area (recorded vs
// generated, one matched pair highlighted, with the pair's task events as the app draws them), trial-type mix bars;
// the jaw per outcome (figure-jaw.ts) and connectivity (figure-connectivity.ts) figures; every figure of a run.
import { scaleBand, scaleLinear } from 'd3'
import type { Behaviour, ComparedRun, Connectivity, Variability } from '@shared/domain/comparison'
import { outcomes } from '@shared/domain/dataset'
import { datasetConditions } from '@shared/domain/conditions'
import { recordedTrialName } from '@shared/domain/recorded-trial'
import {
  PAIR_EVENT_LEGEND,
  pairEventLines,
  pairEvents,
  timeAxisLabel,
  timeAxisLines,
  type DatasetTimeAxis
} from '@shared/domain/time-axis'
import { connectivityFigure } from './figure-connectivity'
import { jawFigure } from './figure-jaw'
import { FIGURE_WIDTH as W, MARGIN as M, PANEL_TOP } from './layout'
import { figurePalette as pal } from './palette'
import {
  axisBand,
  axisBottom,
  axisLeft,
  esc,
  eventLines,
  extent,
  legend,
  linePathData,
  seriesPath,
  svgDocument,
  text,
  type Figure,
  type Panel
} from './svg'
import { outcomeCounts } from '@shared/tables/behaviour'

export type { Figure }

/** Training loss terms over steps (3 series: total, PSTH, trial-matching). */
export function lossFigure(r: ComparedRun): Figure {
  const H = 320
  const p: Panel = { x: M.left, y: M.top, w: W - M.left - M.right, h: H - M.top - M.bottom }
  const sx = scaleLinear()
    .domain(extent(r.steps))
    .range([p.x, p.x + p.w])
    .nice()
  const sy = scaleLinear()
    .domain(extent(r.total, r.psth, r.trial))
    .range([p.y + p.h, p.y])
    .nice()
  const series = [
    { name: 'total', label: 'total', ys: r.total },
    { name: 'psth', label: 'PSTH', ys: r.psth },
    { name: 'trial', label: 'trial matching', ys: r.trial }
  ]
  const body = [
    axisLeft(p, sy, 'loss (a.u.)'),
    axisBottom(p, sx, 'training step'),
    ...series.map((s, i) => seriesPath(linePathData(r.steps, s.ys, sx, sy), s.name, pal.series[i]!)),
    legend(
      p.x,
      34,
      series.map((s, i) => ({ label: s.label, color: pal.series[i]!, kind: 'line' as const }))
    )
  ]
  return { name: 'loss-curves', svg: svgDocument(W, H, `Loss curves: ${r.name}`, body) }
}

/** The highlighted pair of an area: the first matched pair whose recorded row records it, else the first rows. */
function highlightedPair(v: Variability, recordedRows: Int32Array): { k: number; g: number; matched: boolean } | null {
  for (let i = 0; i < v.pairs.length / 2; i++) {
    const k = recordedRows.indexOf(v.pairs[2 * i]!)
    if (k >= 0) return { k, g: v.pairs[2 * i + 1]!, matched: true }
  }
  return recordedRows.length > 0 && v.trials.generated.outcome.length > 0 ? { k: 0, g: 0, matched: false } : null
}

/** Trials drawn faintly behind the highlighted pair, per source. */
const CONTEXT_TRIALS = 8

/** Legend entries of a pair's two kinds of event lines (as the app's). */
const pairEventLegend = [
  { label: PAIR_EVENT_LEGEND.recorded, color: pal.recorded, kind: 'event' as const },
  { label: PAIR_EVENT_LEGEND.generated, color: pal.generated, kind: 'event' as const }
]

/**
 * One panel per area (areas without recorded trials are skipped): a few recorded and generated single trials
 * faintly, and the highlighted pair as two "series" paths (recorded, generated), with the task's events: the
 * pair's own (the recorded trial's times, the generated trial's condition's medians), else the dataset's medians.
 */
export function activityFigure(v: Variability, axis: DatasetTimeAxis | null = null): Figure {
  const conditions = datasetConditions(v.trials.conditionLabels)
  let pairLines = false
  const T = v.timeS.length
  const areas = v.perArea.filter((a) => a.recordedRows.length > 0)
  const ph = 130
  const gap = 58
  const H = PANEL_TOP + areas.length * (ph + gap) - gap + M.bottom
  const body: string[] = []
  areas.forEach((a, ai) => {
    const p: Panel = { x: M.left, y: PANEL_TOP + ai * (ph + gap), w: W - M.left - M.right, h: ph }
    const sx = scaleLinear()
      .domain(extent(v.timeS))
      .range([p.x, p.x + p.w])
    const sy = scaleLinear()
      .domain([0, extent(a.recorded, a.generated)[1]])
      .range([p.y + p.h, p.y])
      .nice()
    const trace = (m: Float32Array, row: number): Float32Array => m.subarray(row * T, (row + 1) * T)
    const nRec = a.recorded.length / T
    const nGen = a.generated.length / T
    const ctx = (m: Float32Array, n: number, color: string, src: string): string[] =>
      Array.from(
        { length: Math.min(n, CONTEXT_TRIALS) },
        (_, i) =>
          `<path class="context" data-source="${src}" d="${linePathData(v.timeS, trace(m, i), sx, sy)}" fill="none" stroke="${color}" stroke-width="0.6" stroke-opacity="0.3"/>`
      )
    const hp = highlightedPair(v, a.recordedRows)
    body.push(
      text(
        p.x,
        p.y - 8,
        `${a.area}${hp ? (hp.matched ? ` (matched pair: recorded ${recordedTrialName(v.trials, a.recordedRows[hp.k]!)}, generated row ${hp.g})` : ' (no matched pair: first trials)') : ''}`,
        'class="panel-title" font-weight="bold"'
      ),
      axisLeft(p, sy, 'rate (Hz)'),
      axisBottom(p, sx, timeAxisLabel(axis?.alignment, 's')),
      ...ctx(a.recorded, nRec, pal.recorded, 'recorded'),
      ...ctx(a.generated, nGen, pal.generated, 'generated')
    )
    const events = hp?.matched ? pairEvents(v.trials, a.recordedRows[hp.k]!, hp.g) : null
    const lines = events
      ? pairEventLines(axis, events, events.generatedCondition ? conditions.labels[events.generatedCondition] : '')
      : timeAxisLines(axis)
    if (lines.some((l) => l.source)) pairLines = true
    body.push(eventLines(p, sx, lines))
    if (hp) {
      body.push(
        seriesPath(linePathData(v.timeS, trace(a.recorded, hp.k), sx, sy), `${a.area} recorded`, pal.recorded, 2),
        seriesPath(linePathData(v.timeS, trace(a.generated, hp.g), sx, sy), `${a.area} generated`, pal.generated, 2)
      )
    }
  })
  body.push(
    legend(M.left, 34, [
      { label: 'recorded', color: pal.recorded, kind: 'line' },
      { label: 'generated', color: pal.generated, kind: 'line' },
      ...(pairLines ? pairEventLegend : [])
    ])
  )
  return {
    name: 'population-activity',
    svg: svgDocument(W, H, `Single-trial population activity (step ${v.checkpointStep})`, body)
  }
}

/** Grouped bars: fraction of each of the task's conditions, recorded vs generated ("n = count" above each). */
export function trialTypeMixFigure(b: Behaviour): Figure {
  const H = 320
  const p: Panel = { x: M.left, y: M.top + 10, w: W - M.left - M.right, h: H - M.top - 10 - M.bottom }
  const c = datasetConditions(b.trials.conditionLabels)
  const outer = scaleBand<string>()
    .domain(c.used.map((o) => c.labels[o]))
    .range([p.x, p.x + p.w])
    .padding(0.25)
  const inner = scaleBand<string>().domain(['recorded', 'generated']).range([0, outer.bandwidth()]).padding(0.08)
  const top = Math.max(0.1, ...c.used.flatMap((o) => [b.trialTypeMix.recorded[o], b.trialTypeMix.generated[o]]))
  const sy = scaleLinear()
    .domain([0, top])
    .range([p.y + p.h, p.y])
    .nice()
  const counts = {
    recorded: outcomeCounts(b.trials.recorded.outcome),
    generated: outcomeCounts(b.trials.generated.outcome)
  }
  const bars = c.used.flatMap((o) =>
    (['recorded', 'generated'] as const).map((src) => {
      const oi = outcomes.indexOf(o)
      const x = (outer(c.labels[o]) ?? 0) + (inner(src) ?? 0)
      const y = sy(b.trialTypeMix[src][o])
      const h = p.y + p.h - y
      return (
        `<rect class="bar" data-series="${esc(`${src} ${c.labels[o]}`)}" x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${inner.bandwidth().toFixed(2)}" height="${h.toFixed(2)}" fill="${pal[src]}"/>` +
        text(x + inner.bandwidth() / 2, y - 4, `n = ${counts[src][oi]}`, 'text-anchor="middle" font-size="9"')
      )
    })
  )
  const body = [
    axisLeft(p, sy, 'fraction of trials'),
    axisBand(p, outer, 'trial type'),
    ...bars,
    legend(p.x, 34, [
      { label: `recorded (${b.trialTypeMix.nRecorded} trials)`, color: pal.recorded, kind: 'box' },
      { label: `generated (${b.trialTypeMix.nGenerated} trials)`, color: pal.generated, kind: 'box' }
    ])
  ]
  return { name: 'trial-type-mix', svg: svgDocument(W, H, `Trial-type mix (step ${b.checkpointStep})`, body) }
}

/** Every report figure of one run (the jaw figure only with a jaw trace); `axis`: its dataset's (datasetTimeAxis). */
export function reportFigures(
  v: Variability,
  b: Behaviour,
  c: Connectivity,
  r: ComparedRun,
  axis: DatasetTimeAxis | null = null
): Figure[] {
  const jaw = jawFigure(b, axis)
  return [lossFigure(r), activityFigure(v, axis), trialTypeMixFigure(b), ...(jaw ? [jaw] : []), connectivityFigure(c)]
}

// Report figure: the jaw's mean ± sd per outcome as standalone SVG, recorded vs generated, with the task's events
// of each outcome as the app's jaw panels draw them.
import { scaleLinear } from 'd3'
import type { Behaviour } from '@shared/domain/comparison'
import { datasetConditions } from '@shared/domain/conditions'
import { conditionEvents, timeAxisLabel, timeAxisLines, type DatasetTimeAxis } from '@shared/domain/time-axis'
import { FIGURE_WIDTH as W, MARGIN as M, PANEL_TOP } from './layout'
import { figurePalette as pal } from './palette'
import {
  axisBottom,
  axisLeft,
  bandPathData,
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

/**
 * Jaw mean ± sd per outcome: one panel per outcome with trials (2 columns), a band and a mean "series" path for
 * each source with trials, and the task's events at the outcome's medians over its recorded trials (as the app's
 * jaw panels). Null when the dataset has no jaw trace.
 */
export function jawFigure(b: Behaviour, axis: DatasetTimeAxis | null = null): Figure | null {
  if (!b.hasBehaviour) return null
  const shown = b.perOutcome.filter((o) => o.recorded.n > 0 || o.generated.n > 0)
  const cols = 2
  const pw = (W - M.left - M.right - 70) / cols
  const ph = 150
  const gap = 66
  const nRows = Math.max(1, Math.ceil(shown.length / cols))
  const H = PANEL_TOP + nRows * (ph + gap) - gap + M.bottom
  const lo = shown
    .flatMap((o) => [o.recorded, o.generated])
    .map((ms) => Float32Array.from(ms.mean, (m, t) => m - (ms.sd[t] ?? 0)))
  const hi = shown
    .flatMap((o) => [o.recorded, o.generated])
    .map((ms) => Float32Array.from(ms.mean, (m, t) => m + (ms.sd[t] ?? 0)))
  const yDomain = extent(...lo, ...hi)
  const body: string[] = []
  const c = datasetConditions(b.trials.conditionLabels)
  shown.forEach((o, i) => {
    const p: Panel = {
      x: M.left + (i % cols) * (pw + 70),
      y: PANEL_TOP + Math.floor(i / cols) * (ph + gap),
      w: pw,
      h: ph
    }
    const sx = scaleLinear()
      .domain(extent(b.timeS))
      .range([p.x, p.x + p.w])
    const sy = scaleLinear()
      .domain(yDomain)
      .range([p.y + p.h, p.y])
      .nice()
    body.push(
      text(
        p.x,
        p.y - 8,
        `${c.labels[o.outcome]} (recorded n = ${o.recorded.n}, generated n = ${o.generated.n})`,
        'class="panel-title" font-weight="bold"'
      ),
      axisLeft(p, sy, 'jaw (normalised)'),
      axisBottom(p, sx, timeAxisLabel(axis?.alignment, 's')),
      eventLines(p, sx, timeAxisLines(axis, conditionEvents(b.trials.taskEvents, o.outcome)))
    )
    for (const [src, ms] of [
      ['recorded', o.recorded],
      ['generated', o.generated]
    ] as const) {
      if (ms.n === 0) continue
      const l = Float32Array.from(ms.mean, (m, t) => m - (ms.sd[t] ?? 0))
      const h = Float32Array.from(ms.mean, (m, t) => m + (ms.sd[t] ?? 0))
      body.push(
        `<path class="band" data-series="${esc(`${c.labels[o.outcome]} ${src}`)}" d="${bandPathData(b.timeS, l, h, sx, sy)}" fill="${pal[src]}" fill-opacity="0.18" stroke="none"/>`,
        seriesPath(linePathData(b.timeS, ms.mean, sx, sy), `${c.labels[o.outcome]} ${src}`, pal[src], 2)
      )
    }
  })
  body.push(
    legend(M.left, 34, [
      { label: 'recorded mean ± sd', color: pal.recorded, kind: 'line' },
      { label: 'generated mean ± sd', color: pal.generated, kind: 'line' }
    ])
  )
  return { name: 'jaw-per-outcome', svg: svgDocument(W, H, `Jaw per outcome (step ${b.checkpointStep})`, body) }
}

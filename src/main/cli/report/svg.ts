// Standalone SVG building blocks (no DOM): document frame, axes with ticks and unit labels, legends, and line /
// band paths from d3-shape. Every function returns SVG text; callers join the pieces.
import { area, line, type ScaleBand, type ScaleLinear } from 'd3'
import type { EventLine } from '@shared/domain/time-axis'
import { figurePalette as pal } from './palette'

/** One SVG file: `<name>.svg`. */
export interface Figure {
  name: string
  svg: string
}

/** Plot rectangle inside the figure, px. */
export interface Panel {
  x: number
  y: number
  w: number
  h: number
}

/** Escapes text for element content and attribute values. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Coordinates rounded to 0.01 px keep files small without visible change. */
const px = (v: number): string => String(Math.round(v * 100) / 100)

/** Whole SVG document, `width` × `height` px, white background, a <title> for accessibility. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="figure-title" x="${width / 2}" y="16" text-anchor="middle" font-size="13" fill="${pal.ink}">${esc(title)}</text>`,
    ...body,
    '</svg>',
    ''
  ].join('\n')
}

/** Text label, ink-coloured unless `attrs` sets its own fill. */
export function text(x: number, y: number, s: string, attrs = ''): string {
  const fill = /(^|\s)fill=/.test(attrs) ? '' : ` fill="${pal.ink}"`
  return `<text x="${px(x)}" y="${px(y)}"${fill}${attrs ? ' ' + attrs : ''}>${esc(s)}</text>`
}

/** Bottom axis of a linear scale along the panel's lower edge: line, ~5 ticks with labels, and `label` (with unit). */
export function axisBottom(p: Panel, scale: ScaleLinear<number, number>, label: string): string {
  const y = p.y + p.h
  const fmt = scale.tickFormat(5)
  const ticks = scale.ticks(5).map((t) => {
    const x = px(scale(t))
    return (
      `<line x1="${x}" x2="${x}" y1="${px(y)}" y2="${px(y + 4)}" stroke="${pal.ink}"/>` +
      text(scale(t), y + 15, fmt(t), 'text-anchor="middle"')
    )
  })
  return [
    '<g class="axis axis-x">',
    `<line x1="${px(p.x)}" x2="${px(p.x + p.w)}" y1="${px(y)}" y2="${px(y)}" stroke="${pal.ink}"/>`,
    ...ticks,
    text(p.x + p.w / 2, y + 30, label, 'class="axis-label" text-anchor="middle"'),
    '</g>'
  ].join('\n')
}

/** Bottom axis of a band scale (categories): one label per band and the axis `label`. */
export function axisBand(p: Panel, scale: ScaleBand<string>, label: string): string {
  const y = p.y + p.h
  const ticks = scale
    .domain()
    .map((d) => text((scale(d) ?? 0) + scale.bandwidth() / 2, y + 15, d, 'text-anchor="middle"'))
  return [
    '<g class="axis axis-x">',
    `<line x1="${px(p.x)}" x2="${px(p.x + p.w)}" y1="${px(y)}" y2="${px(y)}" stroke="${pal.ink}"/>`,
    ...ticks,
    text(p.x + p.w / 2, y + 30, label, 'class="axis-label" text-anchor="middle"'),
    '</g>'
  ].join('\n')
}

/** Left axis along the panel's left edge with light grid lines across the panel, and a rotated `label`. */
export function axisLeft(p: Panel, scale: ScaleLinear<number, number>, label: string): string {
  const fmt = scale.tickFormat(5)
  const ticks = scale.ticks(5).map((t) => {
    const y = px(scale(t))
    return (
      `<line x1="${px(p.x)}" x2="${px(p.x + p.w)}" y1="${y}" y2="${y}" stroke="${pal.grid}"/>` +
      `<line x1="${px(p.x - 4)}" x2="${px(p.x)}" y1="${y}" y2="${y}" stroke="${pal.ink}"/>` +
      text(p.x - 6, scale(t) + 3.5, fmt(t), 'text-anchor="end"')
    )
  })
  const lx = p.x - 42
  const ly = p.y + p.h / 2
  return [
    '<g class="axis axis-y">',
    ...ticks,
    `<line x1="${px(p.x)}" x2="${px(p.x)}" y1="${px(p.y)}" y2="${px(p.y + p.h)}" stroke="${pal.ink}"/>`,
    text(lx, ly, label, `class="axis-label" text-anchor="middle" transform="rotate(-90 ${px(lx)} ${px(ly)})"`),
    '</g>'
  ].join('\n')
}

export interface LegendItem {
  label: string
  color: string
  /** Line swatch (series), filled box (bars, bands) or a short vertical dashed line (task events). */
  kind: 'line' | 'box' | 'event'
}

/** Horizontal legend starting at (x, y). */
export function legend(x: number, y: number, items: LegendItem[]): string {
  let cx = x
  const parts = items.map((it) => {
    const sw =
      it.kind === 'line'
        ? `<line x1="${px(cx)}" x2="${px(cx + 16)}" y1="${px(y)}" y2="${px(y)}" stroke="${it.color}" stroke-width="2"/>`
        : it.kind === 'event'
          ? `<line x1="${px(cx + 7)}" x2="${px(cx + 7)}" y1="${px(y - 6)}" y2="${px(y + 6)}" stroke="${it.color}" stroke-width="1.5" stroke-dasharray="3 2"/>`
          : `<rect x="${px(cx)}" y="${px(y - 5)}" width="12" height="10" fill="${it.color}"/>`
    const s = sw + text(cx + 20, y + 4, it.label)
    // Width estimate for 11 px sans-serif (no font metrics without a DOM): generous, so labels never overlap.
    cx += 36 + it.label.length * 7
    return s
  })
  return ['<g class="legend">', ...parts, '</g>'].join('\n')
}

/** Path data of y(x); non-finite points break the line. */
export function linePathData(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  sx: ScaleLinear<number, number>,
  sy: ScaleLinear<number, number>
): string {
  const idx = Array.from({ length: Math.min(xs.length, ys.length) }, (_, i) => i)
  const gen = line<number>()
    .defined((i) => Number.isFinite(xs[i]!) && Number.isFinite(ys[i]!))
    .x((i) => sx(xs[i]!))
    .y((i) => sy(ys[i]!))
    .digits(2)
  return gen(idx) ?? ''
}

/** Path data of the band lo(x)..hi(x); non-finite points break the band. */
export function bandPathData(
  xs: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  sx: ScaleLinear<number, number>,
  sy: ScaleLinear<number, number>
): string {
  const idx = Array.from({ length: xs.length }, (_, i) => i)
  const gen = area<number>()
    .defined((i) => Number.isFinite(lo[i]!) && Number.isFinite(hi[i]!))
    .x((i) => sx(xs[i]!))
    .y0((i) => sy(lo[i]!))
    .y1((i) => sy(hi[i]!))
    .digits(2)
  return gen(idx) ?? ''
}

/** A data series path (class "series", named by data-series so tests and scripts can find it). */
export function seriesPath(d: string, name: string, color: string, width = 1.5, extra = ''): string {
  return `<path class="series" data-series="${esc(name)}" d="${d}" fill="none" stroke="${color}" stroke-width="${width}"${extra ? ' ' + extra : ''}/>`
}

/** A white halo under an event's label keeps it readable where another line crosses it. */
const LABEL_HALO = 'font-size="10" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'

/**
 * The task's event lines of a time-axis panel (the app's XRefLines): dashed, only those inside the x domain, each
 * labelled one on the next of three rows so nearby events do not overlap; a pair's line in its trial's colour
 * (`colorOf`), with its title. Each is a <g class="event"> naming the event and its time (s) for scripts and tests.
 */
export function eventLines(
  p: Panel,
  sx: ScaleLinear<number, number>,
  lines: readonly EventLine[],
  colorOf: (source: 'recorded' | 'generated') => string = (source) => pal[source]
): string {
  const [lo, hi] = sx.domain() as [number, number]
  let labelled = 0
  const parts = lines
    .filter((l) => l.timeS >= Math.min(lo, hi) && l.timeS <= Math.max(lo, hi))
    .map((l) => {
      const x = sx(l.timeS)
      const row = l.label ? labelled++ % 3 : 0
      const color = l.source ? colorOf(l.source) : pal.muted
      const attrs = `class="event" data-label="${esc(l.label)}" data-time-s="${l.timeS}"${l.source ? ` data-source="${l.source}"` : ''}`
      return [
        `<g ${attrs}>`,
        ...(l.title ? [`<title>${esc(l.title)}</title>`] : []),
        `<line x1="${px(x)}" x2="${px(x)}" y1="${px(p.y)}" y2="${px(p.y + p.h)}" stroke="${color}" stroke-dasharray="3 3"/>`,
        ...(l.label ? [text(x + 4, p.y + 10 + 11 * row, l.label, LABEL_HALO)] : []),
        '</g>'
      ].join('')
    })
  return ['<g class="events">', ...parts, '</g>'].join('\n')
}

/** Finite [min, max] over arrays; [0, 1] when there is nothing finite; a flat range is widened by ±1. */
export function extent(...arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i]!
      if (Number.isFinite(v)) {
        if (v < lo) lo = v
        if (v > hi) hi = v
      }
    }
  }
  if (lo > hi) return [0, 1]
  return lo === hi ? [lo - 1, hi + 1] : [lo, hi]
}

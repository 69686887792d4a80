// Connectivity figure as standalone SVG: area-to-area mean excitatory and inhibitory weights as two heatmaps
// (rows = target area, columns = source area), one shared colour scale with a colour bar.
import { interpolateViridis, scaleBand, scaleSequential } from 'd3'
import type { Connectivity } from '@shared/domain/comparison'
import { figurePalette as pal } from './palette'
import { esc, svgDocument, text, type Figure, type Panel } from './svg'

/** Two heatmaps (E, I) of [post × pre] mean weights, 2·A² "cell" rects with their values printed. */
export function connectivityFigure(c: Connectivity): Figure {
  const A = c.areas.length
  const size = 200
  const W = 640
  const H = 380
  const max = Math.max(1e-12, ...c.meanExc, ...c.meanInh)
  const colour = scaleSequential(interpolateViridis).domain([0, max])
  const body: string[] = []
  const panels: [string, Float32Array, Panel][] = [
    ['excitatory (mean weight)', c.meanExc, { x: 110, y: 90, w: size, h: size }],
    ['inhibitory (mean |weight|)', c.meanInh, { x: 420, y: 90, w: size, h: size }]
  ]
  for (const [title, m, p] of panels) {
    const sx = scaleBand<string>()
      .domain(c.areas)
      .range([p.x, p.x + p.w])
      .padding(0.04)
    const sy = scaleBand<string>()
      .domain(c.areas)
      .range([p.y, p.y + p.h])
      .padding(0.04)
    body.push(text(p.x + p.w / 2, p.y - 10, title, 'class="panel-title" text-anchor="middle" font-weight="bold"'))
    for (let post = 0; post < A; post++) {
      for (let pre = 0; pre < A; pre++) {
        const v = m[post * A + pre]!
        const x = sx(c.areas[pre]!)!
        const y = sy(c.areas[post]!)!
        body.push(
          `<rect class="cell" data-series="${esc(`${c.areas[pre]} → ${c.areas[post]}`)}" x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${sx.bandwidth().toFixed(2)}" height="${sy.bandwidth().toFixed(2)}" fill="${colour(v)}"/>`,
          text(
            x + sx.bandwidth() / 2,
            y + sy.bandwidth() / 2 + 4,
            v.toPrecision(3),
            `text-anchor="middle" font-size="10" fill="${v > max / 2 ? '#000000' : '#ffffff'}"`
          )
        )
      }
    }
    const ticksX = c.areas.map((a) => text(sx(a)! + sx.bandwidth() / 2, p.y + p.h + 15, a, 'text-anchor="middle"'))
    const ticksY = c.areas.map((a) => text(p.x - 6, sy(a)! + sy.bandwidth() / 2 + 4, a, 'text-anchor="end"'))
    const lx = p.x - 70
    const ly = p.y + p.h / 2
    body.push(
      [
        '<g class="axis axis-x">',
        ...ticksX,
        text(p.x + p.w / 2, p.y + p.h + 32, 'source area (presynaptic)', 'class="axis-label" text-anchor="middle"'),
        '</g>'
      ].join('\n'),
      [
        '<g class="axis axis-y">',
        ...ticksY,
        text(
          lx,
          ly,
          'target area (postsynaptic)',
          `class="axis-label" text-anchor="middle" transform="rotate(-90 ${lx} ${ly})"`
        ),
        '</g>'
      ].join('\n')
    )
  }
  // Colour bar: a horizontal gradient from 0 to the largest mean weight (dimensionless model weights).
  const stops = Array.from(
    { length: 11 },
    (_, i) => `<stop offset="${i * 10}%" stop-color="${colour((i / 10) * max)}"/>`
  )
  body.push(
    '<g class="legend">',
    `<defs><linearGradient id="cbar" x1="0" x2="1" y1="0" y2="0">${stops.join('')}</linearGradient></defs>`,
    `<rect x="220" y="40" width="200" height="10" fill="url(#cbar)" stroke="${pal.muted}" stroke-width="0.5"/>`,
    text(214, 49, '0', 'text-anchor="end"'),
    text(426, 49, `${max.toPrecision(3)} (weight, a.u.)`),
    '</g>'
  )
  return { name: 'connectivity', svg: svgDocument(W, H, `Area-to-area mean weights (step ${c.checkpointStep})`, body) }
}

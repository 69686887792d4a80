// Figure export: composes a figure's SVG layers and canvases into one standalone SVG (styles inlined) or a PNG.

const SVG_NS = 'http://www.w3.org/2000/svg'

/** Style properties that matter for chart rendering; CSS variables are resolved to their computed values. */
const inlined = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility'
] as const

interface Layer {
  el: SVGSVGElement | HTMLCanvasElement
  x: number
  y: number
  w: number
  h: number
}

/** Visible chart layers under `root` in paint order, positioned relative to it (px). */
function layers(root: HTMLElement): { layers: Layer[]; width: number; height: number } {
  const box = root.getBoundingClientRect()
  const els = Array.from(root.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg.chart-svg, canvas.chart-canvas'))
  const out = els.map((el) => {
    const r = el.getBoundingClientRect()
    return { el, x: r.left - box.left, y: r.top - box.top, w: r.width, h: r.height }
  })
  return { layers: out.filter((l) => l.w > 0 && l.h > 0), width: Math.ceil(box.width), height: Math.ceil(box.height) }
}

/** Deep-clones an SVG with computed styles written inline, so it renders the same outside the page. */
function inlineClone(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement
  const src = [svg, ...Array.from(svg.querySelectorAll('*'))]
  const dst = [clone, ...Array.from(clone.querySelectorAll('*'))]
  src.forEach((node, i) => {
    const target = dst[i]
    if (!target) return
    const cs = getComputedStyle(node)
    const style = inlined.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';')
    target.setAttribute('style', style)
  })
  return clone
}

function background(root: HTMLElement): string {
  let el: HTMLElement | null = root
  while (el) {
    const bg = getComputedStyle(el).backgroundColor
    if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg
    el = el.parentElement
  }
  return '#ffffff'
}

/**
 * One standalone SVG document of the figure under `root`: background, title, every SVG layer (styles inlined)
 * and every canvas embedded as a PNG <image>. Size = the figure's on-screen size (px).
 */
export function figureToSvg(root: HTMLElement, title: string): string {
  const { layers: ls, width, height } = layers(root)
  const titleH = 24
  const doc = document.createElementNS(SVG_NS, 'svg')
  doc.setAttribute('xmlns', SVG_NS)
  doc.setAttribute('width', String(width))
  doc.setAttribute('height', String(height + titleH))
  doc.setAttribute('viewBox', `0 0 ${width} ${height + titleH}`)
  const bg = document.createElementNS(SVG_NS, 'rect')
  bg.setAttribute('width', '100%')
  bg.setAttribute('height', '100%')
  bg.setAttribute('fill', background(root))
  doc.appendChild(bg)
  const t = document.createElementNS(SVG_NS, 'text')
  t.setAttribute('x', '8')
  t.setAttribute('y', '17')
  t.setAttribute('style', `font: 600 14px ${getComputedStyle(root).fontFamily}; fill: ${getComputedStyle(root).color}`)
  t.textContent = title
  doc.appendChild(t)
  for (const l of ls) {
    if (l.el instanceof HTMLCanvasElement) {
      const img = document.createElementNS(SVG_NS, 'image')
      img.setAttribute('x', String(l.x))
      img.setAttribute('y', String(l.y + titleH))
      img.setAttribute('width', String(l.w))
      img.setAttribute('height', String(l.h))
      img.setAttribute('preserveAspectRatio', 'none')
      img.setAttribute('href', l.el.toDataURL('image/png'))
      doc.appendChild(img)
    } else {
      const c = inlineClone(l.el)
      c.setAttribute('x', String(l.x))
      c.setAttribute('y', String(l.y + titleH))
      doc.appendChild(c)
    }
  }
  return new XMLSerializer().serializeToString(doc)
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('figure export: the SVG layer could not be rasterised'))
    img.src = url
  })
}

/**
 * PNG of the figure: the composed SVG rasterised at `scale` × its on-screen size, canvases drawn directly
 * (no re-encoding). Resolves to a Blob of type image/png.
 */
export async function figureToPng(root: HTMLElement, title: string, scale = 2): Promise<Blob> {
  const { layers: ls, width, height } = layers(root)
  const titleH = 24
  const out = document.createElement('canvas')
  out.width = Math.round(width * scale)
  out.height = Math.round((height + titleH) * scale)
  const ctx = out.getContext('2d')
  if (!ctx) throw new Error('figure export: no 2-D canvas context')
  ctx.scale(scale, scale)
  ctx.fillStyle = background(root)
  ctx.fillRect(0, 0, width, height + titleH)
  ctx.fillStyle = getComputedStyle(root).color
  ctx.font = `600 14px ${getComputedStyle(root).fontFamily}`
  ctx.fillText(title, 8, 17)
  for (const l of ls) {
    if (l.el instanceof HTMLCanvasElement) {
      ctx.drawImage(l.el, l.x, l.y + titleH, l.w, l.h)
      continue
    }
    const text = new XMLSerializer().serializeToString(inlineClone(l.el))
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
    try {
      ctx.drawImage(await loadImage(url), l.x, l.y + titleH, l.w, l.h)
    } finally {
      URL.revokeObjectURL(url)
    }
  }
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('figure export: PNG encoding failed'))), 'image/png')
  )
}

// Pure scale, extent, binning and decimation helpers shared by the chart components (unit-tested in Node).
import { bin as d3bin, scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3'

export interface Margin {
  top: number
  right: number
  bottom: number
  left: number
}

/** Default margins (px) leave room for tick labels and an axis title on the left and bottom. */
export const defaultMargin: Margin = { top: 12, right: 14, bottom: 42, left: 56 }

/** Plot area inside the margins (px); never negative so a collapsed container draws nothing instead of throwing. */
export function innerSize(width: number, height: number, m: Margin): { w: number; h: number } {
  return { w: Math.max(0, width - m.left - m.right), h: Math.max(0, height - m.top - m.bottom) }
}

/** Margins and plot area of a chart whose legend wraps in rows above the plot; `extraTop` adds room above the plot
 *  (e.g. for value labels over the tallest bar). */
export function chartLayout(
  width: number,
  height: number,
  legendLabels: string[],
  extraTop = 0
): { m: Margin; inner: { w: number; h: number } } {
  const legendH = legendLayout(legendLabels, Math.max(100, width - 70)).height
  const m = { ...defaultMargin, top: defaultMargin.top + legendH + extraTop }
  return { m, inner: innerSize(width, height, m) }
}

/**
 * [min, max] over finite values of any number of arrays, padded by `pad` × span on each side.
 * Empty input gives [0, 1]; a constant gives [v − 1, v + 1] (or [v − |v|/2, v + |v|/2]) so scales stay invertible.
 */
export function paddedExtent(arrays: ArrayLike<number>[], pad = 0.05, includeZero = false): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number
      if (!Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (includeZero) {
    lo = Math.min(lo, 0)
    hi = Math.max(hi, 0)
  }
  if (lo > hi) return [0, 1]
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) / 2
    return [lo - d, hi + d]
  }
  const span = hi - lo
  return [includeZero && lo === 0 ? 0 : lo - pad * span, includeZero && hi === 0 ? 0 : hi + pad * span]
}

/** Positive-only extent for log axes: ignores values ≤ 0; falls back to [1e-3, 1]. */
export function positiveExtent(arrays: ArrayLike<number>[]): [number, number] {
  let lo = Infinity
  let hi = -Infinity
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] as number
      if (!(v > 0) || !Number.isFinite(v)) continue
      if (v < lo) lo = v
      if (v > hi) hi = v
    }
  }
  if (lo > hi) return [1e-3, 1]
  if (lo === hi) return [lo / 2, hi * 2]
  return [lo / 1.1, hi * 1.1]
}

/** A linear (or log) scale over a domain onto [r0, r1], niced unless told not to. */
export function makeScale(
  domain: [number, number],
  range: [number, number],
  opts: { log?: boolean; nice?: boolean } = {}
): ScaleContinuousNumeric<number, number> {
  const s = opts.log ? scaleLog().domain(domain).range(range) : scaleLinear().domain(domain).range(range)
  return opts.nice === false ? s : s.nice()
}

/** Tick count that keeps labels about `pxPerTick` apart on an axis of `lengthPx`. */
export function tickCount(lengthPx: number, pxPerTick = 70): number {
  return Math.max(2, Math.min(10, Math.floor(lengthPx / pxPerTick)))
}

export interface Bin {
  x0: number
  x1: number
  count: number
}

/**
 * Histogram of finite values over a fixed domain with `nBins` equal bins (so two distributions share bins).
 * Values on the upper edge fall in the last bin.
 */
export function histogram(values: ArrayLike<number>, domain: [number, number], nBins: number): Bin[] {
  const [lo, hi] = domain
  const step = (hi - lo) / nBins
  const thresholds = Array.from({ length: nBins - 1 }, (_, i) => lo + (i + 1) * step)
  const finite = Array.from(values).filter((v) => Number.isFinite(v) && v >= lo && v <= hi)
  const bins = d3bin().domain([lo, hi]).thresholds(thresholds)(finite)
  return bins.map((b) => ({ x0: b.x0 ?? lo, x1: b.x1 ?? hi, count: b.length }))
}

/** Normalises bin counts to fractions of all counted values (so unequal sample sizes compare). */
export function toFractions(bins: Bin[]): Bin[] {
  const total = bins.reduce((s, b) => s + b.count, 0)
  return bins.map((b) => ({ ...b, count: total > 0 ? b.count / total : 0 }))
}

/**
 * Min–max decimation for long line series: keeps at most ~2·buckets points, preserving spikes.
 * xs must be increasing. Returns index list into the original arrays.
 */
export function decimate(xs: ArrayLike<number>, ys: ArrayLike<number>, buckets: number): number[] {
  const n = xs.length
  if (n <= buckets * 2) return Array.from({ length: n }, (_, i) => i)
  const out: number[] = []
  const size = n / buckets
  for (let b = 0; b < buckets; b++) {
    const start = Math.floor(b * size)
    const end = Math.min(n, Math.floor((b + 1) * size))
    let iMin = start
    let iMax = start
    for (let i = start; i < end; i++) {
      if ((ys[i] as number) < (ys[iMin] as number)) iMin = i
      if ((ys[i] as number) > (ys[iMax] as number)) iMax = i
    }
    if (iMin === iMax) out.push(iMin)
    else out.push(Math.min(iMin, iMax), Math.max(iMin, iMax))
  }
  if (out[out.length - 1] !== n - 1) out.push(n - 1)
  return out
}

/** SVG path for a polyline; points that map to non-finite pixels (NaN data, log of ≤ 0) break the line. */
export function linePath(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  x: (v: number) => number,
  y: (v: number) => number,
  indices?: number[]
): string {
  let d = ''
  let pen = false
  const n = indices ? indices.length : Math.min(xs.length, ys.length)
  for (let j = 0; j < n; j++) {
    const i = indices ? (indices[j] as number) : j
    const px = x(xs[i] as number)
    const py = y(ys[i] as number)
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${px.toFixed(1)},${py.toFixed(1)}`
    pen = true
  }
  return d
}

/** SVG path of a closed band between lower and upper curves (mean ± spread); gaps at non-finite points. */
export function bandPath(
  xs: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  x: (v: number) => number,
  y: (v: number) => number
): string {
  const segs: number[][] = []
  let cur: number[] = []
  for (let i = 0; i < xs.length; i++) {
    const ok = [xs[i], lo[i], hi[i]].every((v) => Number.isFinite(v as number))
    if (ok) cur.push(i)
    else if (cur.length) {
      segs.push(cur)
      cur = []
    }
  }
  if (cur.length) segs.push(cur)
  return segs
    .filter((s) => s.length > 1)
    .map((s) => {
      const top = s.map((i, j) => `${j ? 'L' : 'M'}${x(xs[i] as number).toFixed(1)},${y(hi[i] as number).toFixed(1)}`)
      const bottom = [...s].reverse().map((i) => `L${x(xs[i] as number).toFixed(1)},${y(lo[i] as number).toFixed(1)}`)
      return top.join('') + bottom.join('') + 'Z'
    })
    .join('')
}

/** Approximate width (px) of an 11px label, for SVG layout where there is no text measurement. */
export const labelWidth = (text: string): number => text.length * 6.4

/**
 * Lays out legend items in rows no wider than `width` px. Each item is a 16px swatch, a gap and its label.
 * Returns each item's offset and the total height (px) the legend needs.
 */
export function legendLayout(labels: string[], width: number): { at: { x: number; y: number }[]; height: number } {
  let x = 0
  let y = 0
  const at = labels.map((label) => {
    const w = 22 + labelWidth(label) + 14
    if (x > 0 && x + w > width) {
      x = 0
      y += 16
    }
    const p = { x, y }
    x += w
    return p
  })
  return { at, height: labels.length ? y + 18 : 0 }
}

/** Symmetric domain [−a, 0, a] for a diverging scale centred on 0 (a = max |v|, at least 1e-12). */
export function symmetricDomain(values: number[]): [number, number, number] {
  const a = Math.max(1e-12, ...values.map((v) => Math.abs(v)).filter((v) => Number.isFinite(v)))
  return [-a, 0, a]
}

/** Black or white text for a cell colour ('#rrggbb' or 'rgb(r, g, b)') by WCAG relative luminance. */
export function cellTextColor(fill: string): string {
  let rgb: number[] | null = null
  const hex = /^#([0-9a-f]{6})$/i.exec(fill)
  if (hex?.[1]) {
    const n = parseInt(hex[1], 16)
    rgb = [(n >> 16) & 255, (n >> 8) & 255, n & 255]
  } else {
    const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(fill)
    if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])]
  }
  if (!rgb) return '#000000'
  const lin = rgb.map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  const lum = 0.2126 * (lin[0] ?? 0) + 0.7152 * (lin[1] ?? 0) + 0.0722 * (lin[2] ?? 0)
  return lum > 0.35 ? '#000000' : '#ffffff'
}

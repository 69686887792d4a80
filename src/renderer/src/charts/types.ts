// Data shapes the chart components take (plain arrays; the views build them from API payloads).

export interface LegendItem {
  label: string
  color: string
  kind?: 'line' | 'dash' | 'box' | 'dot' | 'triangle' | 'event'
  /** Thin/faint lines (e.g. single trials) keep their look in the legend. */
  thin?: boolean
  /** Hollow markers (generated trials in scatter plots). */
  hollow?: boolean
}

/** One line of a LineChart; `lo`/`hi` draw a shaded band (e.g. mean ± SD) under it. */
export interface LineSeries {
  name: string
  x: ArrayLike<number>
  y: ArrayLike<number>
  color: string
  lo?: ArrayLike<number>
  hi?: ArrayLike<number>
  /** Stroke width, px (default 1.8). */
  width?: number
  dash?: boolean
  opacity?: number
  /** Leave out of the legend (e.g. many single-trial lines of one kind). */
  noLegend?: boolean
}

/** A vertical (x) or horizontal (y) reference line with a short label, e.g. stimulus onset or a data ceiling. */
export interface RefLine {
  value: number
  label: string
  color?: string
  /** Said on hover (what the line is, where its time comes from). */
  title?: string
}

/** A named set of values for a histogram. */
export interface HistSet {
  name: string
  values: ArrayLike<number>
  color: string
}

/** A group of scatter points sharing colour and marker. */
export interface PointGroup {
  name: string
  xs: ArrayLike<number>
  ys: ArrayLike<number>
  color: string
  shape?: 'circle' | 'triangle'
  /** Hollow markers (e.g. generated trials) stay distinguishable where they overlap recorded ones. */
  hollow?: boolean
}

/** A line between two points (a matched recorded/generated pair). */
export interface Link {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** One group of bars across categories, with optional error interval per category. */
export interface BarGroup {
  name: string
  values: number[]
  color: string
  lo?: number[]
  hi?: number[]
}

/** A row group of a raster (e.g. all Hit trials), drawn as a coloured strip with its label. */
export interface RowGroup {
  label: string
  start: number
  end: number
  color: string
}

/** Ticks of one event across the rows of a raster (e.g. the go cue of each trial): time per row, ms; NaN = none. */
export interface RowMarks {
  label: string
  color: string
  times: ArrayLike<number>
}

/** A continuous scale as the axes read it (d3 linear or log). */
export interface TickScale {
  (v: number): number
  ticks?: (count?: number) => number[]
  tickFormat?: (count?: number, spec?: string) => (v: number) => string
}

/** A categorical scale as the axes read it (d3 band). */
export interface BandLike {
  (v: string): number | undefined
  domain(): string[]
  bandwidth(): number
}

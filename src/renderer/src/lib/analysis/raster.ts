// Sparse spike lists (datasets.raster, live fit samples) → dense rows × bins count matrices for the Raster canvas;
// a datasets.raster reply holds one page of rows, pagedCounts adds them up.

export interface SparseSpikes {
  /** Row (trial or neuron) of each spike. */
  row: ArrayLike<number>
  /** Time bin of each spike. */
  bin: ArrayLike<number>
}

/**
 * Counts spikes per (row, bin) into a rows × bins matrix; spikes outside the matrix are ignored.
 * `keep` (optional) filters spikes by index (e.g. one unit only).
 */
export function denseCounts(s: SparseSpikes, rows: number, bins: number, keep?: (i: number) => boolean): Uint16Array {
  return addCounts(new Uint16Array(rows * bins), s, rows, bins, keep)
}

/** Adds spikes into the rows × bins matrix `out` (each cell saturating at 65535), as denseCounts; returns `out`. */
export function addCounts(
  out: Uint16Array,
  s: SparseSpikes,
  rows: number,
  bins: number,
  keep?: (i: number) => boolean
): Uint16Array {
  const n = Math.min(s.row.length, s.bin.length)
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue
    const r = s.row[i] as number
    const b = s.bin[i] as number
    if (r < 0 || r >= rows || b < 0 || b >= bins) continue
    const k = r * bins + b
    out[k] = Math.min(65535, (out[k] as number) + 1)
  }
  return out
}

/**
 * Population rate per row (Hz), smoothed by a centred box of `smoothBins` bins: counts / (nUnits · dt).
 * Used for single-trial activity traces of recorded trials.
 */
export function rowRates(
  counts: ArrayLike<number>,
  rows: number,
  bins: number,
  nUnits: number,
  dtS: number,
  smoothBins = 1
): Float32Array {
  const out = new Float32Array(rows * bins)
  const half = Math.floor(Math.max(1, smoothBins) / 2)
  const scale = 1 / (Math.max(1, nUnits) * dtS)
  for (let r = 0; r < rows; r++) {
    for (let b = 0; b < bins; b++) {
      let s = 0
      let n = 0
      for (let j = b - half; j <= b + half; j++) {
        if (j < 0 || j >= bins) continue
        s += counts[r * bins + j] as number
        n++
      }
      out[r * bins + b] = (s / n) * scale
    }
  }
  return out
}

/** The fields of a raster reply that paging concerns (datasets.raster: one page of rows' spikes per reply). */
export interface RasterPage {
  trials: readonly unknown[]
  nBins: number
  spikeRows: { first: number; end: number }
  spikeTrial: Int32Array
  spikeBin: Int32Array
}

/**
 * The trials × bins spike counts of a raster that comes in pages: asks `page(fromRow)` from row 0 on, each time from
 * the previous reply's spikeRows.end, adding each page's spikes into the matrix and keeping none of them, so what is
 * held is what is drawn. Undefined once `stale()` is true (the view moved on): it stops asking.
 */
export async function pagedCounts(
  page: (fromRow: number) => Promise<RasterPage>,
  stale: () => boolean = () => false
): Promise<Uint16Array | undefined> {
  let out: Uint16Array | undefined
  for (let fromRow = 0; ;) {
    const p = await page(fromRow)
    if (stale()) return undefined
    const rows = p.trials.length
    out ??= new Uint16Array(rows * p.nBins)
    addCounts(out, { row: p.spikeTrial, bin: p.spikeBin }, rows, p.nBins)
    if (p.spikeRows.end >= rows || p.spikeRows.end <= fromRow) return out
    fromRow = p.spikeRows.end
  }
}

// Sparse spike lists (datasets.raster, live fit samples) → dense rows × bins count matrices for the Raster canvas;
// a datasets.raster reply holds one page of rows, allRasterPages gathers them.

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
  const out = new Uint16Array(rows * bins)
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
  spikeRows: { first: number; end: number }
  spikeTrial: Int32Array
  spikeUnit: Int32Array
  spikeBin: Int32Array
}

/**
 * A whole raster from its pages: asks `page(fromRow)` from row 0 on, each time from the previous reply's
 * spikeRows.end, until every row's spikes came; the first reply's fields with every page's spikes.
 * `stale()` true stops asking (the view moved on); the pages so far come back.
 */
export async function allRasterPages<R extends RasterPage>(
  page: (fromRow: number) => Promise<R>,
  stale: () => boolean = () => false
): Promise<R> {
  const pages = [await page(0)]
  for (;;) {
    const last = pages[pages.length - 1]!
    const end = last.spikeRows.end
    if (end >= last.trials.length || end <= last.spikeRows.first || stale()) break
    pages.push(await page(end))
  }
  if (pages.length === 1) return pages[0]!
  const join = (pick: (p: R) => Int32Array): Int32Array => {
    const out = new Int32Array(pages.reduce((n, p) => n + pick(p).length, 0))
    let at = 0
    for (const p of pages) {
      out.set(pick(p), at)
      at += pick(p).length
    }
    return out
  }
  const first = pages[0]!
  return {
    ...first,
    spikeRows: { first: first.spikeRows.first, end: pages[pages.length - 1]!.spikeRows.end },
    spikeTrial: join((p) => p.spikeTrial),
    spikeUnit: join((p) => p.spikeUnit),
    spikeBin: join((p) => p.spikeBin)
  }
}
